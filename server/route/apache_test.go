package route

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// world is a real Apache in front of a backend that records the
// request-targets it receives, with the Router built from the same
// config.
type world struct {
	apache  string // 127.0.0.1:port
	backend int    // the recording backend's port
	mu      sync.Mutex
	got     []string
	router  *Router
}

// startWorld writes conf (with ${ROOT}, ${PORT} and ${BACKEND} filled
// in) into a ServerRoot, starts apache2 on it and loads it as the model.
// The Router is the first virtual host's when there is one.
func startWorld(t *testing.T, conf string) *world {
	t.Helper()
	apachetest.Require(t)
	w := &world{}
	be := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.mu.Lock()
		w.got = append(w.got, r.RequestURI)
		w.mu.Unlock()
		rw.Header().Set("X-Backend", "yes")
	}))
	t.Cleanup(be.Close)
	w.backend = be.Listener.Addr().(*net.TCPAddr).Port

	root := apachetest.NewRoot(t)
	_, port, _ := net.SplitHostPort(root.Addr)
	conf = strings.NewReplacer("${ROOT}", root.Dir, "${PORT}", port, "${BACKEND}", strconv.Itoa(w.backend)).Replace(conf)
	must(t, os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(root.Head()+conf), 0o644))

	cfg, err := directives.Load(directives.Options{ServerRoot: root.Dir, File: "httpd.conf"})
	if err != nil {
		t.Fatalf("model: %v", err)
	}
	server := cfg.Main
	if len(cfg.VirtualHosts) > 0 {
		server = cfg.VirtualHosts[0]
	}
	if w.router, err = New(server, cfg.Main); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	w.apache = root.Addr
	return w
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// send writes one request line as given and returns Apache's status and
// the request-target the backend received ("" when none).
func (w *world) send(t *testing.T, method, target string) (int, string) {
	t.Helper()
	w.mu.Lock()
	w.got = nil
	w.mu.Unlock()
	c, err := net.Dial("tcp", w.apache)
	must(t, err)
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", method, target)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	must(t, err)
	resp.Body.Close()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.got) == 0 {
		return resp.StatusCode, ""
	}
	return resp.StatusCode, w.got[0]
}

// expect is what Apache should answer given a Route, for configs whose
// only Require lines are "all granted" and "all denied": the route's
// error, else 403 where access is denied, else the backend's 200 (and
// target) for a proxied request, else 404 (htdocs is empty).
func expect(rt Route, method string) (int, string) {
	if rt.Status != 0 {
		return rt.Status, ""
	}
	if q := rt.Dir.Authz.Requires; q != nil {
		verdict := q.Apply(method, func(l *directives.RequireLine) directives.AuthzStatus {
			if a, ok := l.Provider.(*directives.RequireAll); ok && a.Granted {
				return directives.AuthzGranted
			}
			return directives.AuthzDenied
		})
		if verdict != directives.AuthzGranted {
			return http.StatusForbidden, ""
		}
	}
	if rt.Proxy != nil {
		return http.StatusOK, rt.Proxy.RequestURI
	}
	return http.StatusNotFound, ""
}

// recipeConf is the recipe's mapping: <Directory /> denied, /error/
// excluded, /v2 proxied and granted, inside a virtual host.
const recipeConf = `
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
<Directory />
    AllowOverride none
    Require all denied
</Directory>
<VirtualHost *:${PORT}>
  ServerName localhost
  ProxyPass /error/ !
  ProxyPass        /v2 http://127.0.0.1:${BACKEND}/v2
  <Location /v2>
    Require all granted
  </Location>
</VirtualHost>
`

func TestApacheRecipe(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("a=b%20c&", 500)
	compare(t, startWorld(t, recipeConf), []string{
		"/", "/other", "/error/", "/error/x", "/v2foo", "/v2", "/v2/", "//v2/", "///v2//x", "/%76%32/",
		"/v2%2F", "/v2/a%2Fb", "/v2/a%2fb", "/v2/../v2/x", "/v2/./x", "/./v2/", "/v2/x/..", "/v2/..", "/../v2/",
		"/v2/%2e%2e/x", "/v2/.%2e/v2/y", "/v2/x?q=a%20b&c", "/v2/x%3Fy", "/v2/%7e", "/v2/%7E%41",
		"/v2/x?", "/v2?x=1", "/v2/a%00b", "/v2/%zz", "/v2/x?%zz", "/v2/a%25b", "/v2/%C3%A9t%c3%a9",
		"/v2/a;b=c", "/v2/a+b", "/v2/a\"b", "/v2/a<b>", "/v2/a|b", "/v2/a^b", "/v2/a`b", "/v2/a{b}",
		"/v2/a[b]", "/v2/a\\b", "/v2/\x80\xff", "/v2/x?" + long, "/v2/x?a=%00&b=\"<>`|^{}[]\\&c=%%",
		"/v2/x?/?#", "/v2/x#frag", "/v2/%23", "/v2/a%20b", "/v2/~user/", "/v2/a@b:c", "/V2/x",
		"/v2/x?q=%2F&r=/", "/v2/" + strings.Repeat("seg/", 300),
	})
}

// rulesConf has every kind of rule: nocanon, mapping=encoded, noquery,
// ProxyPassMatch, exclusions, <Location> rules, AllowEncodedSlashes
// NoDecode.
const rulesConf = `
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
<Directory />
    Require all granted
</Directory>
<VirtualHost *:${PORT}>
  ServerName localhost
  AllowEncodedSlashes NoDecode
  ProxyPass /nc http://127.0.0.1:${BACKEND}/nc nocanon
  ProxyPass /enc http://127.0.0.1:${BACKEND}/enc mapping=encoded
  ProxyPass /nq http://127.0.0.1:${BACKEND}/nq noquery
  ProxyPassMatch "^/m/([^/]*)/(.*)$" http://127.0.0.1:${BACKEND}/match/$2/$1
  ProxyPassMatch "\.gif$" http://127.0.0.1:${BACKEND}/gif
  ProxyPassMatch "^/amp/(.*)$" http://127.0.0.1:${BACKEND}/amp?x=&y=$1
  ProxyPass /a/b !
  ProxyPass /a http://127.0.0.1:${BACKEND}/A/
  ProxyPass /nodecode http://127.0.0.1:${BACKEND}/nd
  ProxyPass /nd2 http://127.0.0.1:${BACKEND}/nd2
  ProxyPass /deny http://127.0.0.1:${BACKEND}/deny
  ProxyPass /ex/x ! mapping=encoded
  ProxyPass /ex http://127.0.0.1:${BACKEND}/ex mapping=encoded
  ProxyPass /ex/x http://127.0.0.1:${BACKEND}/plain
  <LocationMatch "^/data">
     ProxyPass http://127.0.0.1:${BACKEND}/d
  </LocationMatch>
  <LocationMatch "^/lm/(.+)$">
     ProxyPass http://127.0.0.1:${BACKEND}/lm/$1
  </LocationMatch>
  <LocationMatch "^/lm2/(.*)$">
     ProxyPass http://127.0.0.1:${BACKEND}/lm2/$1
  </LocationMatch>
  <Location /loc>
     ProxyPass http://127.0.0.1:${BACKEND}/L
  </Location>
  <Location /a/b/c>
     ProxyPass http://127.0.0.1:${BACKEND}/ABC
  </Location>
  <Location /a/x>
     ProxyPass !
  </Location>
  <Location /nodecode>
     Require all granted
  </Location>
  <Proxy http://127.0.0.1:${BACKEND}/deny/*>
     Require all denied
  </Proxy>
</VirtualHost>
`

func TestApacheRules(t *testing.T) {
	t.Parallel()
	compare(t, startWorld(t, rulesConf), []string{
		"/nc/a%2Fb?x=%20", "/nc//x/../y", "/nc/%7e", "/nc/a%20b?q", "/enc/a%2Fb", "/enc/%7e%20?q", "/enc/a%3Fb",
		"/enc/../enc/x", "/nq/x?y=1", "/m/one/two/three?q", "/m/o%20e/t", "/m/", "/x/pic.gif?z", "/x/pic%2Egif",
		"/amp/z", "/a/b", "/a/b/c", "/a/b/c/d", "/a/bc", "/a/x", "/a/x/y", "/a/y", "/a", "/loc", "/loc/x",
		"/locx", "/nodecode/a%2Fb", "/nd2/a%2Fb", "/nd2/a%2fb%41", "/nd2/a%2Fb%20c", "/other%2Fx",
		"/deny", "/deny/x", "/denyx", "/ex/x/y%2Fz", "/ex/y%2Fz", "/data", "/data/1", "/lm/a%20b", "/lm2/a%20b",
		"/lm2/a%2Fb",
	})
}

// slashesConf has MergeSlashes Off and AllowEncodedSlashes On.
const slashesConf = `
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
<VirtualHost *:${PORT}>
  ServerName localhost
  MergeSlashes Off
  AllowEncodedSlashes On
  ProxyPass /v2 http://127.0.0.1:${BACKEND}/v2
  <LocationMatch "^/v2//x">
    Require all denied
  </LocationMatch>
  <Location /v2/y>
    Require all denied
  </Location>
</VirtualHost>
`

func TestApacheSlashes(t *testing.T) {
	t.Parallel()
	compare(t, startWorld(t, slashesConf), []string{
		"/v2//x", "/v2/x", "/v2//y", "/v2/y", "//v2//z", "/v2/a%2Fb", "/v2/.%2F./x", "/v2/a%2F..%2Fb",
		"/v2%2Fx", "/v2/%2F%2Fx", "/v2///", "/v2/a%2f%2e%2e%2fb",
	})
}

// compare sends each target to Apache with GET and checks its answer,
// and what the backend received, against Route's.
func compare(t *testing.T, w *world, targets []string) {
	compareMethod(t, w, "GET", targets)
}

// compareMethod is compare with another method.
func compareMethod(t *testing.T, w *world, method string, targets []string) {
	for _, target := range targets {
		t.Run(target[:min(len(target), 40)], func(t *testing.T) {
			u, err := requestURL(method, target)
			status, backend := w.send(t, method, target)
			if err != nil {
				// net/http answers 400 itself; Apache must agree.
				if status != http.StatusBadRequest {
					t.Errorf("net/http refuses %q (%v) but Apache answers %d", target, err, status)
				}
				return
			}
			rt := w.router.Route(method, u)
			wantStatus, wantBackend := expect(rt, method)
			if status != wantStatus || backend != wantBackend {
				t.Errorf("%q: Apache %d %q; Route %d %q (path %q, proxy %+v)", target, status, backend, wantStatus, wantBackend, rt.Path, rt.Proxy)
			}
		})
	}
}

// requestURL parses a request-target as net/http's server does (which
// reads a CONNECT target not starting with '/' as an authority).
func requestURL(method, target string) (*url.URL, error) {
	r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")))
	if err != nil {
		return nil, err
	}
	return r.URL, nil
}

// proxyAllConf forwards every path, "/" included.
const proxyAllConf = `
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
<VirtualHost *:${PORT}>
  ServerName localhost
  ProxyPass / http://127.0.0.1:${BACKEND}/
  <Location />
    Require all granted
  </Location>
</VirtualHost>
`

// connectTargets are CONNECT request-targets: host:port forms, which
// Apache maps as "/" (denied in the recipe, forwarded as "CONNECT /" by
// ProxyPass /), and the rest, which it refuses with 400.
var connectTargets = []string{
	"localhost:443", ":443", "[::1]:443", "localhost:5043", "/v2/", "/v2/x:443", "/", "*",
	"localhost:", "localhost", "http://localhost/v2/", "localhost:443/v2", "localhost:443?x",
	"[::1]", "[::1]443", "user@localhost:443",
}

// TestApacheConnect checks that CONNECT never reaches a ProxyPass by its
// target's path: in the recipe (ProxyRequests off, no mod_proxy_connect)
// a host:port target meets <Directory /> and a path target is 400.
func TestApacheConnect(t *testing.T) {
	t.Parallel()
	for name, conf := range map[string]string{"recipe": recipeConf, "proxy all": proxyAllConf} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			compareMethod(t, startWorld(t, conf), http.MethodConnect, connectTargets)
		})
	}
}
