package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestExplainRecipe(t *testing.T) {
	code, out, stderr := runCmd(t, "check", "--explain", "--mount", recipeMount(t))
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		`(?m)^  <Location /v2> \(\S+httpd.conf:88\) → proxied to http://registry:5000/v2$`,
		`(?m)^    GET HEAD +valid-user \(basic auth, realm "Registry Authentication"\)$`,
		`(?m)^    POST PUT DELETE PATCH +group pusher \(basic auth, realm "Registry Authentication"\)$`,
		`(?m)^    OPTIONS TRACE CONNECT PROPFIND any other method anyone, no authentication`,
		`(?m)^  ProxyPass /error/ \(\S+:83\) → served locally\n    every method +nobody \(403: all denied\)$`,
		`(?m)^warning: \S+httpd.conf:88: <Location /v2>: OPTIONS, TRACE, CONNECT, PROPFIND, any other method reach ` +
			`http://registry:5000/v2 without authentication.*<LimitExcept GET HEAD>`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("--explain output lacks %s; it is:\n%s", want, out)
		}
	}
}

func TestExplainLimitExceptCoversEveryMethod(t *testing.T) {
	src, err := os.ReadFile("../../examples/registry/httpd.conf")
	if err != nil {
		t.Fatal(err)
	}
	conf := strings.Replace(string(src), "<Limit GET HEAD>", "<LimitExcept POST PUT DELETE PATCH>", 1)
	conf = strings.Replace(conf, "</Limit>", "</LimitExcept>", 1)
	dir := t.TempDir()
	for _, name := range []string{"domain.crt", "domain.key", "httpd.htpasswd", "httpd.groups"} {
		data, err := os.ReadFile(filepath.Join("../../examples/registry", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, stderr := runCmd(t, "check", "--explain", "--mount", dir+":/usr/local/apache2/conf")
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^    GET HEAD OPTIONS TRACE CONNECT PROPFIND any other method +valid-user`).MatchString(out) {
		t.Errorf("every method but the push ones should need a valid user:\n%s", out)
	}
	if strings.Contains(out, "warning:") {
		t.Errorf("no method reaches the backend unauthenticated, yet:\n%s", out)
	}
}
