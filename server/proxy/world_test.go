package proxy

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
	"github.com/gohttpd/gohttpd/server/headers"
	"github.com/gohttpd/gohttpd/server/route"
)

// testConf is the proxy config of every test: ${BACKEND} is the
// recording backend's address.
const testConf = `LoadModule authz_core_module modules/mod_authz_core.so
LoadModule headers_module modules/mod_headers.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ProxyPass /back http://${BACKEND}/v2
ProxyPassReverse /back http://${BACKEND}/v2
RequestHeader add X-Added added
<Location /ph>
  ProxyPreserveHost on
  ProxyAddHeaders off
  ProxyPass http://${BACKEND}/ph
  ProxyPassReverse /internal
</Location>
`

// world is one config served by gohttpd's proxy (front) and, for
// differential tests, by real Apache, both in front of the same recording
// backend.
type world struct {
	be     *backend
	root   *apachetest.Root
	front  string // our proxy's address
	apache string // Apache's address, once started
	proxy  *Proxy
	mu     sync.Mutex
	errs   []*Error
}

// newWorld loads testConf plus extra as the model and serves it with a
// Proxy on 127.0.0.1.
func newWorld(t *testing.T, be *backend, extra string) *world {
	t.Helper()
	w := &world{be: be, root: apachetest.NewRoot(t)}
	conf := strings.ReplaceAll(w.root.Head()+testConf+extra, "${BACKEND}", be.Addr)
	if err := os.WriteFile(filepath.Join(w.root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: w.root.Dir, File: "httpd.conf"})
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	router, err := route.New(cfg.Main, cfg.Main)
	if err != nil {
		t.Fatal(err)
	}
	timeout := cfg.Main.Proxy.Timeout
	if timeout == 0 {
		timeout = cfg.Main.Core.EffectiveTimeout()
	}
	w.proxy = New(&cfg.Main.Proxy, timeout, Options{})
	t.Cleanup(w.proxy.Close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: w.handler(router)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	w.front = ln.Addr().String()
	return w
}

// startApache runs real Apache on the same config.
func (w *world) startApache(t *testing.T) string {
	t.Helper()
	w.root.Start(t)
	w.apache = w.root.Addr
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(w.root.Dir, "logs", "error_log"))
			t.Logf("apache error_log:\n%s", log)
		}
	})
	return w.apache
}

// handler is what the server package does around Forward, reduced to the
// proxy: map, forward, answer an error with its status.
func (w *world) handler(router *route.Router) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rt := router.Route(r.Method, r.URL)
		if rt.Proxy == nil {
			http.Error(rw, "not proxied", http.StatusForbidden)
			return
		}
		r.Header = fixedUp(r.Header, &rt.Dir.Headers)
		client, _, _ := net.SplitHostPort(r.RemoteAddr)
		req := &Request{HTTP: r, Target: rt.Proxy, Dir: &rt.Dir.Proxy, ServerName: "localhost", ClientIP: client}
		req.Base, req.Port = publicOf(r)
		err := w.proxy.Forward(rw, req, func(_ int, h headers.Table) headers.Table { return h })
		if err == nil {
			return
		}
		w.mu.Lock()
		w.errs = append(w.errs, err)
		w.mu.Unlock()
		if err.Written {
			panic(http.ErrAbortHandler)
		}
		rw.WriteHeader(err.Status)
	})
}

// fixedUp is the request's headers as the server hands them to Forward:
// the client's repeated lines merged as Apache merges them when reading
// (apr_table_compress), then changed by RequestHeader; each value left is
// one line of r->headers_in.
func fixedUp(h http.Header, cfg *directives.HeadersConfig) http.Header {
	req := headers.Request{Env: map[string]string{}}
	for name, values := range h {
		req.Header.Add(name, strings.Join(values, ", "))
	}
	headers.New(cfg).Fixup(&req, &headers.Response{})
	out := http.Header{}
	for _, f := range req.Header {
		out.Add(f.Name, f.Value)
	}
	return out
}

// publicOf is the public base and port under UseCanonicalName Off: the
// Host header's name and port, port 80 when it names none (the main
// server's ServerName has none).
func publicOf(r *http.Request) (string, int) {
	host, portStr, err := net.SplitHostPort(r.Host)
	if err != nil {
		host, portStr = r.Host, "80"
	}
	port, _ := strconv.Atoi(portStr)
	return PublicBase("http", strings.Trim(host, "[]"), port), port
}

// lastError is the last *Error Forward returned.
func (w *world) lastError(t *testing.T) *Error {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.errs) == 0 {
		t.Fatal("Forward returned no error")
	}
	return w.errs[len(w.errs)-1]
}

// waitFor polls cond for up to five seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
