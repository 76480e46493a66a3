package directives

import (
	"crypto/tls"
	"errors"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// cipherStrings are evaluated by both EvalCipherString and, where the
// openssl command is installed, OpenSSL itself.
var cipherStrings = []string{
	"EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
	"EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH:!aNULL:!eNULL:!EXP",
	"HIGH:!aNULL:!MD5",
	"HIGH:MEDIUM:!MD5:!RC4:!3DES",
	"DEFAULT", "DEFAULT:!ECDSA", "DEFAULT:@STRENGTH", "DEFAULTX", "ALL:DEFAULT",
	"ALL", "ALL:COMPLEMENTOFALL", "ALL:@STRENGTH", "COMPLEMENTOFDEFAULT", "COMPLEMENTOFALL",
	"ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256",
	"ECDHE-RSA-AES128-SHA ECDHE-RSA-AES256-SHA,AES128-SHA;AES256-SHA",
	"kRSA", "RSA", "aRSA", "kEECDH", "kECDHE", "ECDHE", "EECDH", "ECDH", "AECDH", "aECDSA", "ECDSA",
	"kEDH", "kDHE", "DHE", "EDH", "DH", "ADH", "aNULL", "eNULL", "NULL", "aDSS", "DSS",
	"PSK", "kPSK", "aPSK", "SRP", "kSRP",
	"AES", "AES128", "AES256", "AESGCM", "AESCCM", "AESCCM8", "CHACHA20", "CAMELLIA", "ARIA", "CBC",
	"SHA1", "SHA", "SHA256", "SHA384", "MD5", "SSLv3", "TLSv1", "TLSv1.0", "TLSv1.2", "HIGH", "FIPS",
	"ALL:-AES128:AES128", "ALL:!AES128:AES128", "AES:+AES128", "AES:+kRSA:-ECDSA:AESGCM",
	"CHACHA20:AESGCM+ECDHE:ALL:@STRENGTH", "AES256+SHA384+ECDSA", "kRSA+kECDHE", "HIGH+COMPLEMENTOFDEFAULT",
	"COMPLEMENTOFDEFAULT+HIGH", "SHA256+TLSv1.2", "SSLv3+TLSv1.2", "ECDHE-RSA-AES128-SHA+TLSv1.2",
	"AES128+FOO:AES256", "high", "@SECLEVEL=2:ALL", "@SECLEVEL=9:ALL", "ALL:$", "ALL:", ":::ALL",
	"FOO", "!ALL", "-ALL:ALL", "ALL:-ALL:ECDHE", "ALL+", "@STRENGTH", "SUITEB128", "SUITEB192:ALL",
	"3DES", "RC4", "DES-CBC3-SHA:AES128-SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:AES256-SHA",
}

func cipherNames(l []*opensslCipher) string {
	var names []string
	for _, c := range l {
		names = append(names, c.name)
	}
	return strings.Join(names, ":")
}

// TestCipherStringsAgainstOpenSSL asks the openssl command for each string's
// list (TLS 1.3 suites left out) or error and compares with ours.
func TestCipherStringsAgainstOpenSSL(t *testing.T) {
	if _, err := exec.LookPath("openssl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("no openssl command to compare with; .ci/run installs it")
		}
		t.Skip("no openssl command to compare with")
	}
	for _, spec := range cipherStrings {
		out, _ := exec.Command("openssl", "ciphers", "-ciphersuites", "", "--", spec).CombinedOutput()
		want := strings.TrimSpace(string(out))
		switch {
		case strings.Contains(want, "no cipher match"):
			want = "error: " + ErrNoCipherMatch.Error()
		case strings.Contains(want, "invalid command"):
			want = "error: " + ErrCipherInvalidCommand.Error()
		}
		list, _, err := evalCipherList(spec)
		got := cipherNames(list)
		if err != nil {
			got = "error: " + err.Error()
		}
		if got != want {
			t.Errorf("%q:\n got %s\nwant %s", spec, got, want)
		}
	}
}

func TestEvalCipherString(t *testing.T) {
	tests := []struct {
		spec string
		want []uint16
		err  error
	}{
		// The registry recipe's string: ECDHE AES-GCM, then ECDHE AES256-CBC
		// (the SHA384 CBC suites OpenSSL puts between are not in Go).
		{"EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH:!aNULL:!eNULL:!EXP", []uint16{
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
			tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
			tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
		}, nil},
		{"kRSA+AESGCM", []uint16{tls.TLS_RSA_WITH_AES_256_GCM_SHA384, tls.TLS_RSA_WITH_AES_128_GCM_SHA256}, nil},
		// OpenSSL 3 has no 3DES or RC4 suites, so Go's are never chosen.
		{"3DES:RC4:AES128-SHA", []uint16{tls.TLS_RSA_WITH_AES_128_CBC_SHA}, nil},
		{"DHE-RSA-AES128-GCM-SHA256", nil, nil},
		{"NOSUCH", nil, ErrNoCipherMatch},
		{"ALL:#", nil, ErrCipherInvalidCommand},
	}
	for _, tt := range tests {
		got, err := EvalCipherString(tt.spec)
		if !errors.Is(err, tt.err) || !slices.Equal(got, tt.want) {
			t.Errorf("EvalCipherString(%q) = %x, %v; want %x, %v", tt.spec, got, err, tt.want, tt.err)
		}
	}
}

// Every TLS 1.3 suite Go can negotiate has OpenSSL's name, which is its
// standard one: SSL_CIPHER never falls back to building Go's suite list
// for a connection.
func TestCipherNameTLS13(t *testing.T) {
	for _, s := range tls.CipherSuites() {
		if len(s.SupportedVersions) != 1 || s.SupportedVersions[0] != tls.VersionTLS13 {
			continue
		}
		if got, ok := CipherName(s.ID); !ok || got != s.Name {
			t.Errorf("CipherName(%#04x) = %q, %v; want %q", s.ID, got, ok, s.Name)
		}
	}
}
