package auth

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

func TestParseBasic(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		line     string
		user, pw string
		ok       bool
	}{
		{"Basic dXNlcjpwYXNz", "user", "pass", true},
		{"bASIC dXNlcjpwYXNz", "user", "pass", true},
		{"Basic  \t dXNlcjpwYXNz", "user", "pass", true},
		{"Basic dXNlcjpwYXNzMQ", "user", "pass1", true},                  // padding left off
		{"Basic dXNlcjpwYXNzMQ==junk", "user", "pass1", true},            // junk after padding
		{"Basic dXNlcjpwYXNz, Basic b3RoZXI6eA==", "user", "pass", true}, // merged headers
		{"Basic dXJsOmE_PmI=", "url", "a", true},                         // base64url: cut at "_"
		{"Basic dXNlcg==", "user", "", true},                             // no colon
		{"Basic OnBhc3M=", "", "pass", true},                             // empty user
		{"Basic dTpwOnE=", "u", "p:q", true},                             // the password keeps colons
		{"Basic dTpwAHE=", "u", "p", true},                               // NUL ends the password
		{"Basic", "", "", true},
		{"Basic\tdXNlcjpwYXNz", "", "", false},
		{"Bearer dXNlcjpwYXNz", "", "", false},
		{"", "", "", false},
	} {
		user, pw, ok := parseBasic(tc.line)
		if user != tc.user || pw != tc.pw || ok != tc.ok {
			t.Errorf("parseBasic(%q) = %q, %q, %v; want %q, %q, %v", tc.line, user, pw, ok, tc.user, tc.pw, tc.ok)
		}
	}
}

func TestEscapeQuotes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		`Registry Realm`: `Registry Realm`,
		`say "hi"`:       `say \"hi\"`,
		`a\"b`:           `a\"b`,
		`a\\"b`:          `a\\\"b`,
		`end\`:           `end\`,
		`"\`:             `\"\`,
	} {
		if got := escapeQuotes(in); got != want {
			t.Errorf("escapeQuotes(%q) = %q, want %q", in, got, want)
		}
	}
}

// load reads conf (after the modules) into a model and returns the
// merged config of path.
func load(t *testing.T, conf, path string) *directives.DirConfig {
	t.Helper()
	return newWorld(t, conf).dirFor(path)
}

func TestCheckMounts(t *testing.T) {
	t.Parallel()
	w := newWorld(t, `<Location /v2>
  AuthName "Registry Realm"
  AuthType Basic
  AuthUserFile /usr/local/apache2/conf/htpasswd
  AuthGroupFile /usr/local/apache2/conf/groups
  Require group pusher
</Location>`)
	files := &directives.Files{Mounts: []directives.Mount{{Source: w.root, Target: "/usr/local/apache2/conf"}}}
	c, err := New(w.dirFor("/v2"), NewEnv(files, CacheOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	req := &Request{Method: "PUT", RemoteIP: netip.MustParseAddr("192.0.2.1"), Authorization: []string{pusher}}
	if d := c.Check(req); d.Status != 0 || d.User != "testuserpush" {
		t.Errorf("pusher through the mount: %+v", d)
	}
	req.Authorization = []string{reader}
	if d := c.Check(req); d.Status != 401 || d.User != "testuser" || d.Authenticate != `Basic realm="Registry Realm"` {
		t.Errorf("reader's push: %+v", d)
	}
	// Without the mount the files are not found: 500, as Apache.
	if d := Check(w.dirFor("/v2"), req); d.Status != 500 {
		t.Errorf("no mount: %+v", d)
	}
}

func TestCheckEnv(t *testing.T) {
	t.Parallel()
	dir := load(t, `<Location /env>
  Require env LetIn
</Location>`, "/env")
	for env, want := range map[string]int{"letin": 0, "LETIN": 0, "other": 403, "": 403} {
		d := Check(dir, &Request{Method: "GET", Env: map[string]string{env: ""}})
		if d.Status != want {
			t.Errorf("Require env LetIn with %q set: %d, want %d", env, d.Status, want)
		}
	}
}

func TestCheckAccessEnv(t *testing.T) {
	t.Parallel()
	dir := load(t, `<Location /deny>
  Order allow,deny
  Allow from env=LETIN
  Deny from env=!other
</Location>`, "/deny")
	for _, tc := range []struct {
		env  map[string]string
		want int
	}{
		{map[string]string{"letin": "", "OTHER": "1"}, 0},
		{map[string]string{"letin": ""}, 403},
		{map[string]string{"other": ""}, 403},
	} {
		if d := Check(dir, &Request{Method: "GET", Env: tc.env}); d.Status != tc.want {
			t.Errorf("env %v: %d, want %d", tc.env, d.Status, tc.want)
		}
	}
}

func TestCheckHost(t *testing.T) {
	t.Parallel()
	dir := load(t, `<Location /h>
  Require host example.com .example.net
</Location>`, "/h")
	for host, want := range map[string]int{
		"example.com": 0, "www.EXAMPLE.com": 0, "badexample.com": 403,
		"a.example.net": 0, "example.net": 403, "": 403,
	} {
		if d := Check(dir, &Request{Method: "GET", RemoteHost: host}); d.Status != want {
			t.Errorf("host %q: %d, want %d", host, d.Status, want)
		}
	}
}

func TestCheckLocal(t *testing.T) {
	t.Parallel()
	dir := load(t, `<Location /l>
  Require local
</Location>`, "/l")
	local := netip.MustParseAddr("192.0.2.7")
	for ip, want := range map[string]int{
		"127.0.0.1": 0, "127.9.9.9": 0, "::1": 0, "::ffff:127.0.0.1": 0,
		"192.0.2.7": 0, "192.0.2.8": 403, "::2": 403,
	} {
		if d := Check(dir, &Request{Method: "GET", RemoteIP: netip.MustParseAddr(ip), LocalIP: local}); d.Status != want {
			t.Errorf("client %s: %d, want %d", ip, d.Status, want)
		}
	}
	if d := Check(dir, &Request{Method: "GET"}); d.Status != 403 {
		t.Errorf("no client address: %d, want 403", d.Status)
	}
}

// failingUsers is a provider whose store cannot be read.
type failingUsers struct{}

func (failingUsers) Lookup(string) (string, bool, error) { return "", false, errors.New("down") }

func TestCheckProviderError(t *testing.T) {
	t.Parallel()
	c, err := New(load(t, `<Location /v2>
  AuthName R
  AuthType Basic
  Require valid-user
</Location>`, "/v2"), NewEnv(nil, CacheOptions{}))
	if err != nil {
		t.Fatal(err)
	}
	c.users = []Users{failingUsers{}}
	d := c.Check(&Request{Method: "GET", Authorization: []string{reader}})
	if d.Status != 500 || !strings.Contains(d.Reason, "down") {
		t.Errorf("provider error: %+v", d)
	}
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	for _, conf := range []string{
		"Require user %{REMOTE_ADDR}",
		"Require group %{HTTP_HOST}",
		"Require forward-dns example.com",
		"Require file-group",
		"AuthType %{HTTP_HOST}\nRequire valid-user",
		"AuthName %{HTTP_HOST}\nRequire valid-user",
		"AuthBasicUseDigestAlgorithm MD5\nRequire valid-user",
	} {
		dir := load(t, "<Location /x>\n"+conf+"\n</Location>", "/x")
		if _, err := New(dir, NewEnv(nil, CacheOptions{})); err == nil {
			t.Errorf("New accepted %q", conf)
		}
		if d := Check(dir, &Request{Method: "GET"}); d.Status != 500 || d.Reason == "" {
			t.Errorf("Check of %q: %+v", conf, d)
		}
	}
}

func TestFileGroups(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "groups")
	must(t, os.WriteFile(path, []byte("# comment\npusher : a b\nreaders: \"b c\" d\npusher: e\n"), 0o644))
	env := NewEnv(nil, CacheOptions{})
	g := env.groupFile(path)
	for user, want := range map[string]string{"a": "pusher", "b c": "readers", "e": "pusher", "b": "pusher", "c": ""} {
		got, err := g.GroupsOf(user)
		must(t, err)
		if strings.Join(got, ",") != want {
			t.Errorf("GroupsOf(%q) = %q, want %q", user, got, want)
		}
	}
	if _, err := env.groupFile(filepath.Join(dir, "missing")).GroupsOf("a"); err == nil {
		t.Error("a missing group file reads")
	}
}
