package errorlog

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

const errorConf = `
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
LogLevel warn
<Location /auth>
  AuthType Basic
  AuthName "Registry Realm"
  AuthUserFile ${ROOT}/htpasswd
  Require user alice
</Location>
<Location /nofile>
  AuthType Basic
  AuthName "Registry Realm"
  AuthUserFile ${ROOT}/missing
  Require valid-user
</Location>
<Location /deny>
  Require all denied
</Location>
ProxyPass /proxy http://127.0.0.1:${BACKEND}/
`

// errorCase is a request and the entry the server would log for it.
type errorCase struct {
	path, auth, referer string
	entry               func(uri string) Entry
	// then is a second line Apache writes for the request.
	then func(uri string) Entry
}

func errorCases(root string, backend int, refused error) []errorCase {
	addr := "127.0.0.1:" + strconv.Itoa(backend)
	return []errorCase{
		{path: "/auth", auth: "bob:x", entry: func(u string) Entry { return UserNotFound("bob", u) }},
		{path: "/auth", auth: "alice:wrong", entry: func(u string) Entry { return PasswordMismatch("alice", u) }},
		{path: "/auth", auth: "carol:pw", entry: func(u string) Entry { return UserDenied("carol", u) }},
		{path: "/auth", entry: func(u string) Entry { return WrongScheme(u) }},
		{path: "/nofile", auth: "bob:x", entry: func(u string) Entry {
			return PasswordFileUnreadable(root+"/missing", &os.PathError{Op: "open", Path: "missing", Err: errnoNotFound})
		}},
		{path: "/deny", referer: "http://x/\"a\tb\\", entry: func(u string) Entry { return ClientDenied(root+"/htdocs/deny", u) }},
		{path: "/proxy", entry: func(u string) Entry { return ConnectFailed("http", addr, "127.0.0.1", backend, refused) },
			then: func(string) Entry { return BackendUnavailable("127.0.0.1") }},
	}
}

// TestLinesAsApache makes Apache log its usual errors and compares each
// line with the one the Logger writes for the same event, time, pid and
// tid aside.
func TestLinesAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	root := apachetest.NewRoot(t)
	backend := apachetest.FreePort(t)
	_, refused := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(backend))
	if refused == nil {
		t.Skip("the backend port was taken meanwhile")
	}
	htpasswd := exec.Command("htpasswd", "-bc", filepath.Join(root.Dir, "htpasswd"), "alice", "secret")
	if out, err := htpasswd.CombinedOutput(); err != nil {
		t.Skipf("htpasswd: %v %s", err, out)
	}
	if out, err := exec.Command("htpasswd", "-b", filepath.Join(root.Dir, "htpasswd"), "carol", "pw").CombinedOutput(); err != nil {
		t.Fatalf("htpasswd: %v %s", err, out)
	}
	conf := strings.NewReplacer("${ROOT}", root.Dir, "${BACKEND}", strconv.Itoa(backend)).Replace(errorConf)
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(root.Head()+conf), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Start(t)

	var ours bytes.Buffer
	logger := New(&ours, Options{Level: directives.LogLevel{Set: true, Level: directives.LogWarn}})
	for _, c := range errorCases(root.Dir, backend, refused) {
		client := request(t, root.Addr, c)
		e := c.entry(c.path)
		if e.Module != "proxy" { // AH00957 is logged for the server, not the request
			e.Client, e.Request = client, true
			e.Header = http.Header{}
			if c.referer != "" {
				e.Header.Set("Referer", c.referer)
			}
		}
		logger.Log(e)
		if c.then != nil {
			e := c.then(c.path)
			e.Client, e.Request = client, true
			logger.Log(e)
		}
	}
	theirs := apacheLines(t, filepath.Join(root.Dir, "logs", "error_log"), 8)
	want := strings.Split(strings.TrimSuffix(ours.String(), "\n"), "\n")
	if len(want) != len(theirs) {
		t.Fatalf("Apache logged %d lines:\n%s\nwe logged %d:\n%s", len(theirs), strings.Join(theirs, "\n"), len(want), ours.String())
	}
	for i := range want {
		if got := normalize(want[i]); got != normalize(theirs[i]) {
			t.Errorf("line %d:\n ours   %s\n Apache %s", i, got, normalize(theirs[i]))
		}
	}
}

// request sends c's request from a connection of its own and returns the
// client's address as Apache sees it.
func request(t *testing.T, addr string, c errorCase) string {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	req, _ := http.NewRequest("GET", "http://"+addr+c.path, nil)
	req.Close = true
	switch {
	case c.auth != "":
		user, pass, _ := strings.Cut(c.auth, ":")
		req.SetBasicAuth(user, pass)
	case c.path == "/auth":
		req.Header.Set("Authorization", "Bearer abc")
	}
	if c.referer != "" {
		req.Header.Set("Referer", c.referer)
	}
	if err := req.Write(conn); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), req)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return conn.LocalAddr().String()
}

// apacheLines waits for n lines at level error in Apache's log.
func apacheLines(t *testing.T, file string, n int) []string {
	t.Helper()
	var lines []string
	for range 100 {
		data, _ := os.ReadFile(file)
		lines = lines[:0]
		for _, l := range strings.Split(string(data), "\n") {
			if strings.Contains(l, ":error]") {
				lines = append(lines, l)
			}
		}
		if len(lines) >= n {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return lines
}

var (
	timeField = regexp.MustCompile(`^\[[A-Z][a-z]{2} [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d\.\d{6} \d{4}\]`)
	pidField  = regexp.MustCompile(`\[pid \d+:tid \d+\]`)
)

func normalize(l string) string {
	l = timeField.ReplaceAllString(l, "[TIME]")
	return pidField.ReplaceAllString(l, "[pid P:tid T]")
}
