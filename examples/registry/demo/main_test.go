package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// The quick start's steps pass on the example's unchanged files, and each
// step says what happened.
func TestDemoSteps(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	if err := run(options{listen: "127.0.0.1:0", auth: "..", once: true}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	checkSteps(t, out.String())
	if strings.Contains(out.String(), "0. ") {
		t.Errorf("the example's auth directory was replaced:\n%s", out.String())
	}
}

// Away from the repository, the demo makes the recipe's auth directory
// and the steps pass on it.
func TestDemoFreshAuthDir(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	missing := filepath.Join(t.TempDir(), "auth")
	if err := run(options{listen: "127.0.0.1:0", auth: missing, once: true}, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	if !strings.HasPrefix(out.String(), "0. no httpd.conf in "+missing) {
		t.Errorf("no word of the fresh auth directory:\n%s", out.String())
	}
	checkSteps(t, out.String())
}

// checkSteps checks that out tells each of the recipe's four steps with
// its outcome.
func checkSteps(t *testing.T, out string) {
	t.Helper()
	for _, want := range []string{
		"1. docker compose up: ",
		"2. docker login myregistrydomain.com:5043 as testuserpush: GET /v2/ challenged (401, WWW-Authenticate: Basic realm=\"Registry Authentication\"), then 200",
		"2. docker push myregistrydomain.com:5043/test:latest as testuserpush: pushed sha256:",
		"3. docker login myregistrydomain.com:5043 as testuser: ",
		"3. docker pull myregistrydomain.com:5043/test:latest as testuser: the same digest",
		"4. docker push myregistrydomain.com:5043/test:latest as testuser: refused with 401",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
