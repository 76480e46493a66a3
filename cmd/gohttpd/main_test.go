package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the command in-process and returns its exit code and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// recipeMount is the recipe's auth directory mounted over the httpd:2.4
// image's conf directory, as the recipe's docker-compose.yml does.
func recipeMount(t *testing.T) string {
	dir, err := filepath.Abs("../../examples/registry")
	if err != nil {
		t.Fatal(err)
	}
	return dir + ":/usr/local/apache2/conf"
}

func TestRecipeSyntaxOK(t *testing.T) {
	code, _, stderr := runCmd(t, "-t", "--mount", recipeMount(t))
	if code != 0 || !strings.HasSuffix(stderr, "Syntax OK\n") {
		t.Fatalf("gohttpd -t on the recipe: exit %d, stderr:\n%s", code, stderr)
	}
	code, stdout, stderr := runCmd(t, "check", "--mount", recipeMount(t), "-DFOREGROUND")
	if code != 0 || !strings.Contains(stdout, "Syntax OK") {
		t.Fatalf("gohttpd check on the recipe: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
}

func TestErrorShapes(t *testing.T) {
	root := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("walk.conf", "Listen 80\n\nBogus\n")
	write("read.conf", "<Location /a>\n</Limit>\n")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-t", "-d", root, "-f", "walk.conf"}, "AH00526: Syntax error on line 3 of " + root + "/walk.conf:\n" +
			"Invalid command 'Bogus', perhaps misspelled or defined by a module not included in the server configuration\n"},
		{[]string{"-t", "-d", root, "-f", "read.conf"}, "gohttpd: Syntax error on line 2 of " + root + "/read.conf: " +
			"Expected </Location> but saw </Limit>\n"},
		{[]string{"-t", "-d", root, "-f", "none.conf"}, "gohttpd: Could not open configuration file " + root +
			"/none.conf: No such file or directory\n"},
		{[]string{"-t", "-d", root, "-f", "walk.conf", "-C", "<Location"}, "gohttpd: Syntax error in -C/-c directive: " +
			"-c/-C directives:1: <Location> was not closed.\n"}, // as apache2 2.4.71 prints it,
	}
	for _, tt := range tests {
		code, _, stderr := runCmd(t, tt.args...)
		if code != 1 || !strings.HasSuffix(stderr, tt.want) {
			t.Errorf("gohttpd %q: exit %d, stderr:\n%s\nwant exit 1 and stderr ending:\n%s", tt.args, code, stderr, tt.want)
		}
	}
}

func TestFlags(t *testing.T) {
	if code, out, _ := runCmd(t, "-v"); code != 0 || !strings.Contains(out, "Server version:") {
		t.Errorf("-v: exit %d, %q", code, out)
	}
	code, out, _ := runCmd(t, "-h")
	if code != 0 {
		t.Errorf("-h: exit %d", code)
	}
	for _, flag := range []string{"-f", "-d", "-C", "-c", "-D", "-t", "-v", "-h", "--mount", "--explain", "--strict", "FOREGROUND", "--add-host", "--auth-cache"} {
		if !strings.Contains(out, flag) {
			t.Errorf("-h does not explain %s", flag)
		}
	}
	if code, _, stderr := runCmd(t, "-X"); code != 1 || !strings.Contains(stderr, "unknown option -X") {
		t.Errorf("-X: exit %d, %q", code, stderr)
	}
	for _, bad := range []string{"--auth-cache=ttl=0", "--add-host=registry", "--add-host=registry:nowhere"} {
		if code, _, stderr := runCmd(t, bad, "-t"); code != 1 || !strings.Contains(stderr, strings.Split(bad, "=")[0]) {
			t.Errorf("%s: exit %d, %q", bad, code, stderr)
		}
	}
}

func TestMain(m *testing.M) {
	// A test that needs the command as its own process (signals) runs this
	// binary again with GOHTTPD_MAIN set.
	if os.Getenv("GOHTTPD_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	// check resolves backend hosts; tests must ask nothing beyond this
	// machine, so only /etc/hosts answers: DNS goes to a closed local port.
	resolver = localResolver()
	os.Exit(m.Run())
}

// localResolver resolves from /etc/hosts only: its DNS queries go to a
// port on 127.0.0.1 where nothing listens.
func localResolver() *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, network, "127.0.0.1:9")
	}}
}
