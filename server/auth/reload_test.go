package auth

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// htpasswdLine is an htpasswd line for user and password, as htpasswd -B
// writes it (at bcrypt's least cost, to keep tests fast).
func htpasswdLine(t *testing.T, user, password string) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.MinCost)
	must(t, err)
	return fmt.Sprintf("%s:$2y$%s\n", user, h[4:])
}

// ask decides p with c, as askCheck does with a Checker of its own.
func ask(c *Checker, p probe) outcome {
	d := c.Check(&Request{Method: p.method, RemoteIP: netip.MustParseAddr(p.client()),
		LocalIP: netip.MustParseAddr("127.0.0.1"), Authorization: p.auth})
	return outcome{status: d.Status, challenge: d.Authenticate}
}

// TestApacheReload changes the password and group files under a running
// Apache and one long-lived Checker with the credential cache on, while
// other requests are in flight, and asks both after each change: both
// must see every change at the next request.
func TestApacheReload(t *testing.T) {
	t.Parallel()
	w := newWorld(t, recipe)
	w.start(t)
	c, err := New(w.dirFor("/v2"), NewEnv(nil, CacheOptions{}))
	must(t, err)
	htpasswd, groups := filepath.Join(w.root, "htpasswd"), filepath.Join(w.root, "groups")
	pusherLine := htpasswdLine(t, "testuserpush", "testpasswordpush")
	stop := inFlight(t, c)
	defer stop()

	steps := []struct {
		name   string
		change func()
	}{
		{"start", func() {}},
		{"re-password in place, same size", func() {
			// One line per user of the same length: the file keeps its size.
			writeFile(t, htpasswd, htpasswdLine(t, "testuser", "newpassword!")+pusherLine)
		}},
		{"add a user by mv over", func() {
			mvOver(t, htpasswd, htpasswdLine(t, "testuser", "newpassword!")+pusherLine+htpasswdLine(t, "added", "addedpw"))
		}},
		{"remove a user in place", func() { writeFile(t, htpasswd, pusherLine) }},
		{"delete the password file", func() { must(t, os.Remove(htpasswd)) }},
		{"restore it", func() { writeFile(t, htpasswd, htpasswdLine(t, "testuser", "testpassword")+pusherLine) }},
		{"drop the pusher from its group", func() { writeFile(t, groups, "pusher: nobody\nreaders: testuser\n") }},
		{"delete the group file", func() { must(t, os.Remove(groups)) }},
		{"restore it", func() { mvOver(t, groups, "pusher: testuserpush\n") }},
	}
	var probes []probe
	for _, m := range []string{"GET", "PUT"} {
		for _, a := range []string{reader, pusher, basic("testuser:newpassword!"), basic("added:addedpw")} {
			probes = append(probes, probe{method: m, path: "/v2/", auth: []string{a}})
		}
	}
	for _, s := range steps {
		s.change()
		for _, p := range probes {
			// Twice: the second may be a cache hit, which must agree too.
			for range 2 {
				if want, got := w.askApache(t, p), ask(c, p); got != want {
					t.Errorf("after %s: %v: Apache %+v, gohttpd %+v", s.name, p, want, got)
				}
			}
		}
	}
}

// inFlight keeps requests going through c until stopped; whatever the
// files hold at the moment, each gets an answer Apache could give.
func inFlight(t *testing.T, c *Checker) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for _, a := range []string{reader, pusher, basic("testuser:wrong"), basic("nobody:x")} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				switch o := ask(c, probe{method: "PUT", path: "/v2/", auth: []string{a}}); o.status {
				case 0, 401, 500:
				default:
					t.Errorf("request in flight: %+v", o)
					return
				}
			}
		}()
	}
	return func() { close(done); wg.Wait() }
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	must(t, os.WriteFile(path, []byte(data), 0o644))
}

// mvOver writes data beside path and renames it over path.
func mvOver(t *testing.T, path, data string) {
	t.Helper()
	writeFile(t, path+".new", data)
	must(t, os.Rename(path+".new", path))
}

// TestEnvSharesSources checks that sections naming one file, however
// spelled, share one source, so a change is read once for all of them.
func TestEnvSharesSources(t *testing.T) {
	t.Parallel()
	w := newWorld(t, `<Location /a>
  AuthName A
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
<Location /b>
  AuthName B
  AuthType Basic
  AuthUserFile ${ROOT}//./htpasswd
  Require valid-user
</Location>`)
	env := NewEnv(nil, CacheOptions{Off: true})
	for _, path := range []string{"/a", "/b", "/a"} {
		c, err := New(w.dirFor(path), env)
		must(t, err)
		if d := c.Check(&Request{Method: "GET", Authorization: []string{reader}}); d.Status != 0 {
			t.Errorf("%s: %+v", path, d)
		}
	}
	if len(env.users) != 1 {
		t.Errorf("%d sources for one file", len(env.users))
	}
}

// TestCheckMissingFile checks that an unreadable password file is 500,
// never a pass, naming the file as Apache's AH01620 does.
func TestCheckMissingFile(t *testing.T) {
	t.Parallel()
	dir := load(t, `<Location /v2>
  AuthName R
  AuthType Basic
  AuthUserFile ${ROOT}/missing
  Require valid-user
</Location>`, "/v2")
	d := Check(dir, &Request{Method: "GET", Authorization: []string{reader}})
	if d.Status != 500 || !strings.Contains(d.Reason, "AH01620: Could not open password file: ") || !strings.HasSuffix(d.Reason, "no such file or directory") {
		t.Errorf("missing file: %+v", d)
	}
}
