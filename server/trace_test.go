package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// traceConf denies one location, so a TRACE answered before the access
// checks shows there.
const traceConf = `LoadModule authz_core_module modules/mod_authz_core.so
LoadModule headers_module modules/mod_headers.so
Header always set X-Always yes
<Location /locked>
Require all denied
</Location>
`

// TestTraceAsApache compares TRACE under each TraceEnable setting with
// Apache: the core answers it while mapping the request, before any
// Require, whether it echoes the request or refuses it.
func TestTraceAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	requests := []string{
		"TRACE / HTTP/1.1\r\nHost: a\r\nX-Echo: <b>\r\n\r\n",
		"TRACE /locked HTTP/1.1\r\nHost: a\r\n\r\n",
		"TRACE /missing HTTP/1.0\r\n\r\n",
		"TRACE / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc",
		"TRACE / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		"TRACE / HTTP/1.1\r\nHost: a\r\nContent-Length: 70000\r\n\r\n" + strings.Repeat("b", 70000),
	}
	for _, setting := range []string{"", "TraceEnable on\n", "TraceEnable off\n", "TraceEnable extended\n"} {
		t.Run(strings.TrimSpace(setting), func(t *testing.T) {
			t.Parallel()
			conf := traceConf + setting
			w := startWorld(t, "LoadModule log_config_module modules/mod_log_config.so\n"+conf+
				"Listen 80\nErrorLog ROOT/error_log\nDocumentRoot ROOT/htdocs\n", nil)
			if err := os.MkdirAll(filepath.Join(w.dir, "htdocs"), 0o755); err != nil {
				t.Fatal(err)
			}
			root := apachetest.NewRoot(t)
			if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(root.Head()+"User daemon\nGroup daemon\n"+conf), 0o644); err != nil {
				t.Fatal(err)
			}
			openToDaemon(t, root.Dir)
			root.Start(t)
			for _, req := range requests {
				want := sendWire(t, root.Addr, req)
				got := sendWire(t, w.addrs[80], req)
				got.body = strings.ReplaceAll(got.body, "gohttpd/0.1.0 (Unix)", "APACHE")
				want.body = apacheBanner.ReplaceAllString(want.body, "APACHE")
				if got != want {
					t.Errorf("%q:\n apache:  %s\n gohttpd: %s", req, want, got)
				}
			}
		})
	}
}
