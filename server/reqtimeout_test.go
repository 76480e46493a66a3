package server

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// reqTimeoutConf reads heads and bodies under a one-second
// RequestReadTimeout while Timeout alone would wait much longer.
const reqTimeoutConf = `LoadModule authz_core_module modules/mod_authz_core.so
LoadModule reqtimeout_module modules/mod_reqtimeout.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
Timeout 30
RequestReadTimeout header=1 body=1
ProxyPass /p http://BACKEND/p
`

// TestRequestReadTimeoutAsApache dribbles a request head, and a body, a
// byte at a time well within Timeout, and compares what Apache and
// gohttpd do once RequestReadTimeout's stage runs out.
func TestRequestReadTimeoutAsApache(t *testing.T) {
	t.Parallel()
	w := startWorld(t, reqTimeoutConf+"Listen 80\nErrorLog ROOT/error_log\n", nil)
	root := apachetest.NewRoot(t)
	conf := root.Head() + "User daemon\nGroup daemon\n" +
		strings.ReplaceAll(reqTimeoutConf, "BACKEND", strings.TrimPrefix(w.backend.URL, "http://"))
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	for _, c := range []struct{ name, head, dribble string }{
		{"nothing at all", "", ""},
		{"request line", "", "GET /x HTTP/1.1\r\n"},
		{"header fields", "GET /x HTTP/1.1\r\n", "Host: a\r\nX: abcdef\r\n\r\n"},
		{"body", "PUT /p/x HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n", strings.Repeat("b", 20)},
	} {
		want := dribble(t, root.Addr, c.head, c.dribble)
		got := dribble(t, w.addrs[80], c.head, c.dribble)
		if got != want {
			t.Errorf("%s: apache %q, gohttpd %q", c.name, want, got)
		}
	}
}

// dribble writes head, then dribble a byte every 200 ms, and returns the
// status line the server answered with ("" when it closed without one,
// and saying so when it still waited when the client gave up).
func dribble(t *testing.T, addr, head, dribble string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The stages are 1 s; a server still silent after 4 s waits for
	// something else (the kernel holds a connection that sent nothing,
	// under Apache's accept filter).
	_ = c.SetDeadline(time.Now().Add(4 * time.Second))
	answer := make(chan string, 1)
	go func() {
		line, err := bufio.NewReader(c).ReadString('\n')
		if timedOutErr(err) {
			line = "(the server kept the connection open)"
		}
		answer <- strings.TrimSpace(line)
	}()
	io.WriteString(c, head)
	for i := 0; i < len(dribble); i++ {
		select {
		case line := <-answer:
			return line
		case <-time.After(200 * time.Millisecond):
		}
		if _, err := io.WriteString(c, dribble[i:i+1]); err != nil {
			break
		}
	}
	return <-answer
}

// TestRequestHeadGuardWithoutModule: without mod_reqtimeout a request
// head is still bounded as the module's default bounds it; with it,
// RequestReadTimeout decides, its defaults filling unset stages.
func TestRequestHeadGuardWithoutModule(t *testing.T) {
	w := startWorld(t, "Listen 80\nErrorLog ROOT/error_log\n", nil)
	g := w.srv.gen.Load()
	if got := g.main.reqTimeout; got.Header != directives.DefaultReqTimeoutHeader || got.Body.Timeout != 0 {
		t.Errorf("without mod_reqtimeout: %+v", got)
	}
	w = startWorld(t, "LoadModule reqtimeout_module modules/mod_reqtimeout.so\nRequestReadTimeout header=5\nListen 80\nErrorLog ROOT/error_log\n", nil)
	got := w.srv.gen.Load().main.reqTimeout
	if got.Header != (directives.ReqTimeoutStage{Set: true, Timeout: 5}) || got.Body != directives.DefaultReqTimeoutBody {
		t.Errorf("with mod_reqtimeout: %+v", got)
	}
}
