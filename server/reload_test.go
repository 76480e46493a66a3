package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

const reloadConf = `
LoadModule headers_module modules/mod_headers.so
ErrorLog /proc/self/fd/2
ServerName localhost
Header always set Which WHICH
`

// Reload switches to a new configuration as httpd's graceful restart: a
// connection open across it gets the new configuration on its next
// request, a new Listen is bound, one dropped is closed, and a
// configuration that cannot be served leaves the old one serving.
func TestReload(t *testing.T) {
	t.Parallel()
	w := startWorld(t, reloadConf+"Listen 8080\nListen 8081\n", nil)
	w.mu.Lock()
	dropped := w.addrs[8081]
	w.mu.Unlock()

	c, err := net.Dial("tcp", w.addrs[8080])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	br := bufio.NewReader(c)
	which := func() string {
		t.Helper()
		_ = c.SetDeadline(time.Now().Add(5 * time.Second))
		if _, err := io.WriteString(c, "GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.Header.Get("Which")
	}
	if got := which(); got != "WHICH" {
		t.Fatalf("before the reload: %q", got)
	}

	if err := w.srv.Reload(w.load(t, strings.Replace(reloadConf, "WHICH", "new", 1)+"Listen 8080\nListen 8082\n")); err != nil {
		t.Fatal(err)
	}
	if got := which(); got != "new" {
		t.Errorf("the kept connection after the reload: %q, want the new configuration's", got)
	}
	if got := w.raw(t, 8082, false, "", "GET /x HTTP/1.0\r\n\r\n").Header.Get("Which"); got != "new" {
		t.Errorf("the new Listen: %q", got)
	}
	if c, err := net.Dial("tcp", dropped); err == nil {
		c.Close()
		t.Error("the dropped Listen still accepts")
	}

	broken := strings.Replace(reloadConf, "WHICH", "broken", 1) + "Listen 8080\nLoadModule ssl_module modules/mod_ssl.so\n" +
		"SSLEngine on\nSSLCertificateFile ROOT/cert.pem\nSSLCertificateKeyFile ROOT/httpd.conf\n"
	if err := w.srv.Reload(w.load(t, broken)); err == nil {
		t.Error("a key that is no key was taken")
	}
	if got := which(); got != "new" {
		t.Errorf("after a failed reload: %q, want the configuration before it", got)
	}
}
