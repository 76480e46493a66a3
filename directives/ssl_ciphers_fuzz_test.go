package directives

import (
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// FuzzCipherString evaluates any cipher string: the result is an error
// OpenSSL would give or suites without repeats, and those EvalCipherString
// hands to crypto/tls are Go's, in the same order. Where the openssl
// command is installed, OpenSSL itself must agree with the list or the
// error, as it does at Apache's start.
func FuzzCipherString(f *testing.F) {
	for _, s := range cipherStrings {
		f.Add(s)
	}
	// OpenSSL reads on right after a rule it applied.
	for _, s := range []string{"ADH!MD5", "ADH!ADH", "ADH\"0", "ADH@STRENGTH", "ADH+FOO\"", "ADH+\"", "FOO\"0"} {
		f.Add(s)
	}
	openssl, _ := exec.LookPath("openssl")
	f.Fuzz(func(t *testing.T, spec string) {
		list, _, err := evalCipherList(spec)
		ids, idsErr := EvalCipherString(spec)
		if !errors.Is(idsErr, err) {
			t.Fatalf("%q: evalCipherList says %v, EvalCipherString %v", spec, err, idsErr)
		}
		if err != nil && !errors.Is(err, ErrNoCipherMatch) && !errors.Is(err, ErrCipherInvalidCommand) {
			t.Fatalf("%q: error %v is none OpenSSL gives", spec, err)
		}
		checkSuites(t, spec, list, ids)
		if openssl != "" && strings.IndexByte(spec, 0) < 0 {
			compareOpenSSL(t, openssl, spec, list, err)
		}
	})
}

// checkSuites checks that list has no suite twice and that ids are the
// Go suites of list, in its order.
func checkSuites(t *testing.T, spec string, list []*opensslCipher, ids []uint16) {
	t.Helper()
	seen := map[uint16]bool{}
	var want []uint16
	for _, c := range list {
		if seen[c.id] {
			t.Fatalf("%q: %s twice in %s", spec, c.name, cipherNames(list))
		}
		seen[c.id] = true
		if goCipherSuites[c.id] {
			want = append(want, c.id)
		}
	}
	if len(ids) != len(want) {
		t.Fatalf("%q: Go suites %x, want %x", spec, ids, want)
	}
	for i := range ids {
		if ids[i] != want[i] {
			t.Fatalf("%q: Go suites %x, want %x", spec, ids, want)
		}
	}
}

// compareOpenSSL asks the openssl command for spec's TLS 1.2 list, as
// TestCipherStringsAgainstOpenSSL does.
func compareOpenSSL(t *testing.T, openssl, spec string, list []*opensslCipher, err error) {
	t.Helper()
	out, _ := exec.Command(openssl, "ciphers", "-ciphersuites", "", "--", spec).CombinedOutput()
	want := strings.TrimSpace(string(out))
	switch {
	case strings.Contains(want, "no cipher match"):
		want = "error: " + ErrNoCipherMatch.Error()
	case strings.Contains(want, "invalid command"):
		want = "error: " + ErrCipherInvalidCommand.Error()
	}
	got := cipherNames(list)
	if err != nil {
		got = "error: " + err.Error()
	}
	if got != want {
		t.Fatalf("%q:\n got %s\nwant %s", spec, got, want)
	}
}
