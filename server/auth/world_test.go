package auth

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// modules are the modules every test config loads: those whose
// behaviour this package reproduces.
const modules = `LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_host_module modules/mod_authz_host.so
LoadModule access_compat_module modules/mod_access_compat.so
`

// users are the accounts of the test htpasswd file: the recipe's reader
// and pusher, one with an empty password, one whose credentials encode
// with "/" in standard base64 (and "_" in base64url), and the empty name.
var users = map[string]string{
	"testuser":     "testpassword",
	"testuserpush": "testpasswordpush",
	"nocolon":      "",
	"url":          "a?>b",
	"":             "empty",
}

// world is a ServerRoot holding a config, password and group files, the
// model loaded from it, and (when started) a real Apache serving it.
type world struct {
	root       string
	cfg        *directives.Config
	apache     string // 127.0.0.1:port Apache listens on once started
	apacheRoot *apachetest.Root
}

// newWorld writes conf (with ${ROOT} filled in) after the modules into a
// new ServerRoot with htpasswd and groups files, and loads the model.
func newWorld(t *testing.T, conf string) *world {
	t.Helper()
	root := apachetest.NewRoot(t)
	w := &world{root: root.Dir, apache: root.Addr, apacheRoot: root}
	var pw strings.Builder
	for u, p := range users {
		h, err := bcrypt.GenerateFromPassword([]byte(p), bcrypt.MinCost)
		must(t, err)
		// htpasswd -B writes $2y$.
		fmt.Fprintf(&pw, "%s:$2y$%s\n", u, h[4:])
	}
	must(t, os.WriteFile(filepath.Join(w.root, "htpasswd"), []byte(pw.String()), 0o644))
	must(t, os.WriteFile(filepath.Join(w.root, "groups"), []byte("pusher: testuserpush\nreaders: testuser url\n"), 0o644))
	conf = root.Head() + "LogLevel debug\n" + modules + strings.ReplaceAll(conf, "${ROOT}", w.root)
	must(t, os.WriteFile(filepath.Join(w.root, "httpd.conf"), []byte(conf), 0o644))
	var err error
	if w.cfg, err = directives.Load(directives.Options{ServerRoot: w.root, File: "httpd.conf"}); err != nil {
		t.Fatalf("model: %v", err)
	}
	return w
}

// start runs apache2 on the world, or skips the test without it (fails
// in CI).
func (w *world) start(t *testing.T) {
	t.Helper()
	w.apacheRoot.Start(t)
}

// dirFor merges the main server's defaults with the <Location> sections
// matching path, in config order, as Apache's location walk does for the
// plain prefixes the tests use.
func (w *world) dirFor(path string) *directives.DirConfig {
	dir := w.cfg.Main.Dir
	for _, s := range w.cfg.Main.Sections {
		p := strings.TrimSuffix(s.Path, "/")
		if s.Kind == directives.LocationSection && (path == p || strings.HasPrefix(path, p+"/")) {
			dir = s.Dir.Merge(dir)
		}
	}
	return dir
}

// probe is one request: from is the client address (127.0.0.1 when
// empty), auth the Authorization headers in order.
type probe struct {
	method, path, from string
	auth               []string
}

func (p probe) String() string {
	return fmt.Sprintf("%s %s from %s auth %q", p.method, p.path, p.client(), p.auth)
}

func (p probe) client() string {
	if p.from == "" {
		return "127.0.0.1"
	}
	return p.from
}

// outcome is what a user sees of the auth phases: 0 when the request got
// past them, else the status, and the WWW-Authenticate header.
type outcome struct {
	status    int
	challenge string
}

// askApache sends p to Apache from p's client address.
func (w *world) askApache(t *testing.T, p probe) outcome {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(p.client())}}
	c, err := d.Dial("tcp", w.apache)
	must(t, err)
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n", p.method, p.path)
	for _, a := range p.auth {
		fmt.Fprintf(&b, "Authorization: %s\r\n", a)
	}
	b.WriteString("\r\n")
	_, err = c.Write([]byte(b.String()))
	must(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: p.method})
	must(t, err)
	resp.Body.Close()
	o := outcome{challenge: resp.Header.Get("WWW-Authenticate")}
	switch resp.StatusCode {
	case 401, 403, 500:
		o.status = resp.StatusCode
	}
	return o
}

// askCheck decides p with a Checker built from the model.
func (w *world) askCheck(t *testing.T, p probe) (outcome, Decision) {
	t.Helper()
	c, err := New(w.dirFor(p.path), NewEnv(nil, CacheOptions{}))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	var auth []string
	for _, a := range p.auth {
		// Both servers drop the blanks around a header value.
		auth = append(auth, strings.Trim(a, " \t"))
	}
	d := c.Check(&Request{Method: p.method, RemoteIP: netip.MustParseAddr(p.client()),
		LocalIP: netip.MustParseAddr("127.0.0.1"), Authorization: auth})
	return outcome{status: d.Status, challenge: d.Authenticate}, d
}

// compare checks that Check decides every probe as Apache answers it.
func compare(t *testing.T, w *world, probes []probe) {
	t.Helper()
	for _, p := range probes {
		want := w.askApache(t, p)
		got, d := w.askCheck(t, p)
		if got != want {
			t.Errorf("%v: Apache %+v, Check %+v (%s)", p, want, got, d.Reason)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
