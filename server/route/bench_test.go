package route

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

// registryConf is the mapping part of the registry recipe: every file
// denied, /error/ kept local, /v2 forwarded and protected.
const registryConf = `<Directory />
  AllowOverride none
  Require all denied
</Directory>
<VirtualHost *:5043>
  ServerName myregistrydomain.com
  Header always set "Docker-Distribution-Api-Version" "registry/2.0"
  ProxyRequests off
  ProxyPreserveHost on
  ProxyPass /error/ !
  ProxyPass        /v2 http://registry:5000/v2
  ProxyPassReverse /v2 http://registry:5000/v2
  <Location /v2>
    Require all granted
  </Location>
</VirtualHost>
`

// recipeRouter is the Router of the recipe's virtual host.
func recipeRouter(tb testing.TB) *Router {
	tb.Helper()
	root := tb.TempDir()
	conf := "ServerRoot " + root + "\nServerName localhost\n" + modules + registryConf
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		tb.Fatal(err)
	}
	r, err := New(cfg.VirtualHosts[0], cfg.Main)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// routeCase is a request a registry client sends and where it must go.
type routeCase struct {
	name, method, target string
	backend              string // the backend URL; "" when not proxied
}

var routeCases = []routeCase{
	{"HEAD-manifest", http.MethodHead, "/v2/library/ubuntu/manifests/latest",
		"http://registry:5000/v2/library/ubuntu/manifests/latest"},
	{"GET-blob", http.MethodGet, "/v2/library/ubuntu/blobs/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"http://registry:5000/v2/library/ubuntu/blobs/sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
	{"PATCH-upload-query", http.MethodPatch, "/v2/library/ubuntu/blobs/uploads/4f6b?_state=abc%3D&digest=sha256%3Aff",
		"http://registry:5000/v2/library/ubuntu/blobs/uploads/4f6b?_state=abc%3D&digest=sha256%3Aff"},
	{"GET-error-local", http.MethodGet, "/error/HTTP_NOT_FOUND.html.var", ""},
}

// BenchmarkRoute maps the requests of a registry client over the
// recipe's config, the merged configs already cached.
func BenchmarkRoute(b *testing.B) {
	r := recipeRouter(b)
	for _, tc := range routeCases {
		b.Run(tc.name, func(b *testing.B) {
			u := mustTarget(b, tc)
			checkRoute(b, r.Route(tc.method, u), tc)
			b.ReportAllocs()
			for b.Loop() {
				r.Route(tc.method, u)
			}
		})
	}
}

// mustTarget parses tc's target as net/http does.
func mustTarget(tb testing.TB, tc routeCase) *url.URL {
	tb.Helper()
	u, err := url.ParseRequestURI(tc.target)
	if err != nil {
		tb.Fatal(err)
	}
	return u
}

// checkRoute checks that rt is where tc must go.
func checkRoute(tb testing.TB, rt Route, tc routeCase) {
	tb.Helper()
	got := ""
	if rt.Proxy != nil {
		got = rt.Proxy.URL
	}
	if rt.Status != 0 || got != tc.backend {
		tb.Fatalf("%s %s: status %d, backend %q; want %q", tc.method, tc.target, rt.Status, got, tc.backend)
	}
}

// TestRouteAllocations checks that mapping a registry request allocates
// only what the Route it returns holds: the backend URL and its Proxy,
// and the rule's URL with the path put after it. It is not parallel:
// testing.AllocsPerRun counts the whole process's allocations.
func TestRouteAllocations(t *testing.T) {
	r := recipeRouter(t)
	for _, tc := range routeCases {
		u := mustTarget(t, tc)
		checkRoute(t, r.Route(tc.method, u), tc)
		limit := 3.0
		if tc.backend == "" {
			limit = 1 // the file name under DocumentRoot
		}
		if n := testing.AllocsPerRun(100, func() { r.Route(tc.method, u) }); n > limit {
			t.Errorf("%s %s: %v allocations, want at most %v", tc.method, tc.target, n, limit)
		}
	}
}
