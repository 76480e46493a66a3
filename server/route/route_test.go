package route

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

// load reads conf as the model and returns the Router of its first
// virtual host (or of the main server when there is none).
func load(t *testing.T, conf string) *Router {
	t.Helper()
	root := t.TempDir()
	must(t, os.Mkdir(filepath.Join(root, "htdocs"), 0o755))
	conf = "ServerRoot " + root + "\nDocumentRoot " + root + "/htdocs\nServerName localhost\n" + modules +
		strings.ReplaceAll(conf, "${ROOT}", root)
	must(t, os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644))
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		t.Fatal(err)
	}
	server := cfg.Main
	if len(cfg.VirtualHosts) > 0 {
		server = cfg.VirtualHosts[0]
	}
	r, err := New(server, cfg.Main)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func route(t *testing.T, r *Router, method, target string) Route {
	t.Helper()
	u, err := url.ParseRequestURI(target)
	if err != nil {
		t.Fatal(err)
	}
	return r.Route(method, u)
}

// headerNames lists the "Header always" names of a merged config, which
// shows in what order the sections were merged.
func headerNames(d *directives.DirConfig) []string {
	var names []string
	for _, a := range d.Headers.Always {
		names = append(names, a.Name)
	}
	return names
}

// granted evaluates Require all granted/denied for GET.
func granted(d *directives.DirConfig) bool {
	if d.Authz.Requires == nil {
		return true
	}
	return d.Authz.Requires.Apply("GET", func(l *directives.RequireLine) directives.AuthzStatus {
		if a, ok := l.Provider.(*directives.RequireAll); ok && a.Granted {
			return directives.AuthzGranted
		}
		return directives.AuthzDenied
	}) == directives.AuthzGranted
}

// modules are the LoadModule lines the tests' directives need.
const modules = `LoadModule headers_module modules/mod_headers.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
`

const mergeConf = `
Header always set X-Server 1
<Directory />
    Header always set X-Dir-Root 1
    Require all denied
</Directory>
<Directory ${ROOT}/htdocs/sub>
    Header always set X-Dir-Sub 1
</Directory>
<Files "*.txt">
    Header always set X-Files-Txt 1
</Files>
<Location />
    Header always set X-Loc-Root 1
</Location>
<LocationMatch "^/v2/[^/]+/blobs/">
    Header always set X-Blobs 1
</LocationMatch>
<Location /v2>
    Header always set X-V2 1
    Require all denied
</Location>
<Location /v2/*/manifests>
    Header always set X-Manifests 1
</Location>
<VirtualHost *:80>
    Header always set X-Vhost 1
    ProxyPass /v2 http://Backend:5000/v2
    <Location /v2>
        Header always set X-Vhost-V2 1
        Require all granted
    </Location>
</VirtualHost>
`

func TestMergeOrder(t *testing.T) {
	t.Parallel()
	r := load(t, mergeConf)
	for _, tc := range []struct {
		target  string
		headers string
		granted bool
		proxied bool
	}{
		// A virtual host's defaults are the main server's then its own;
		// proxied requests skip <Directory>; the main server's
		// <Location>s come first, in config order, regex ones included.
		{"/v2/lib/blobs/sha", "X-Server X-Vhost X-Loc-Root X-Blobs X-V2 X-Vhost-V2", true, true},
		// A wildcard <Location> must match the whole path, a segment per '*'.
		{"/v2/lib/manifests", "X-Server X-Vhost X-Loc-Root X-V2 X-Manifests X-Vhost-V2", true, true},
		{"/v2/lib/manifests/latest", "X-Server X-Vhost X-Loc-Root X-V2 X-Vhost-V2", true, true},
		{"/v2/a/b/manifests", "X-Server X-Vhost X-Loc-Root X-V2 X-Vhost-V2", true, true},
		// Not proxied: <Directory> sections (shortest first), then <Files>,
		// then <Location>s.
		{"/other", "X-Server X-Vhost X-Dir-Root X-Loc-Root", false, false},
		{"/sub/a.txt", "X-Server X-Vhost X-Dir-Root X-Dir-Sub X-Files-Txt X-Loc-Root", false, false},
		{"/v2foo", "X-Server X-Vhost X-Dir-Root X-Loc-Root", false, false},
	} {
		rt := route(t, r, "GET", tc.target)
		if got := strings.Join(headerNames(rt.Dir), " "); got != tc.headers {
			t.Errorf("%s: headers merged as %q, want %q", tc.target, got, tc.headers)
		}
		if granted(rt.Dir) != tc.granted {
			t.Errorf("%s: granted %v, want %v", tc.target, !tc.granted, tc.granted)
		}
		if (rt.Proxy != nil) != tc.proxied {
			t.Errorf("%s: proxied %v, want %v", tc.target, rt.Proxy != nil, tc.proxied)
		}
	}
	rt := route(t, r, "GET", "/v2/x?a")
	if rt.Proxy == nil || rt.Proxy.URL != "http://backend:5000/v2/x?a" || rt.Proxy.Host != "backend:5000" {
		t.Errorf("backend: %+v", rt.Proxy)
	}
	// The same sections give the same merged config, computed once.
	if a, b := route(t, r, "GET", "/other").Dir, route(t, r, "GET", "/else").Dir; a != b {
		t.Error("merged config not reused")
	}
}

func TestLocationMatch(t *testing.T) {
	t.Parallel()
	r := load(t, `
<LocationMatch "(?i)^/API/">
    Header always set X-Api 1
</LocationMatch>
<Location ~ "\.json$">
    Header always set X-Json 1
</Location>
<LocationMatch "^/data">
    ProxyPass http://b/d
</LocationMatch>
<LocationMatch "^/m/(.*)$">
    ProxyPass http://b/m/$1
</LocationMatch>
`)
	for _, tc := range []struct{ target, headers, backend string }{
		{"/api/x.json", "X-Api X-Json", ""},
		{"/Api/x.JSON", "X-Api", ""},
		{"/x.json?y", "X-Json", ""},
		// A <LocationMatch> path without '*', '?' or brackets makes a
		// prefix ProxyPass of the regex text, which no path matches, as
		// in Apache.
		{"/data", "", ""},
		{"/data/1", "", ""},
		{"/database", "", ""},
		{"/m/a%20b", "", "/m/a%20b"},
	} {
		rt := route(t, r, "GET", tc.target)
		if got := strings.Join(headerNames(rt.Dir), " "); got != tc.headers {
			t.Errorf("%s: headers %q, want %q", tc.target, got, tc.headers)
		}
		var backend string
		if rt.Proxy != nil {
			backend = rt.Proxy.RequestURI
		}
		if backend != tc.backend {
			t.Errorf("%s: backend %q, want %q", tc.target, backend, tc.backend)
		}
	}
}

func TestTargets(t *testing.T) {
	t.Parallel()
	r := load(t, "ProxyPass /v2 http://b/v2\n")
	for _, tc := range []struct {
		method string
		url    *url.URL
		status int
		path   string
	}{
		{"OPTIONS", &url.URL{Path: "*"}, 0, "*"},
		{"GET", &url.URL{Path: "*"}, http.StatusBadRequest, "*"},
		{"GET", &url.URL{Scheme: "http", Host: "localhost", Path: "/v2/x"}, 0, "/v2/x"},
		{"GET", &url.URL{Scheme: "http", Host: "localhost"}, 0, "/"},
		{"GET", &url.URL{Scheme: "http", Host: "h", User: url.User("u"), Path: "/"}, http.StatusBadRequest, "/"},
		{"GET", &url.URL{Opaque: "x"}, http.StatusBadRequest, "x"},
		{"GET", &url.URL{Path: "/a/../../b"}, http.StatusBadRequest, "/b"},
		{"GET", &url.URL{Path: "/a/b", RawPath: "/a%2zb"}, http.StatusBadRequest, "/a%2zb"},
		{"GET", &url.URL{Path: "/a\x00", RawPath: "/a%00"}, http.StatusNotFound, "/a\x00"},
	} {
		rt := r.Route(tc.method, tc.url)
		if rt.Status != tc.status || rt.Path != tc.path {
			t.Errorf("%s %v: %d %q, want %d %q", tc.method, tc.url, rt.Status, rt.Path, tc.status, tc.path)
		}
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, out string
		merge   bool
		ok      bool
	}{
		{"/a//b/./c/../d", "/a/b/d", true, true},
		{"/a//b", "/a//b", false, true},
		{"/%61%2e%2E/b", "/a../b", true, true},
		{"/x/%2e%2E/b", "/b", true, true},
		{"/a/.%2e/b", "/b", true, true},
		{"/a%2Fb", "/a%2Fb", true, true},
		{"/..", "/", true, false},
		{"/a%", "/a%", true, false},
		{"/a/.", "/a/", true, true},
		{"/a/..", "/", true, true},
	} {
		out, ok := normalize(tc.in, normalizeOpts{mergeSlashes: tc.merge, decodeUnreserved: true})
		if out != tc.out || ok != tc.ok {
			t.Errorf("normalize(%q) = %q %v, want %q %v", tc.in, out, ok, tc.out, tc.ok)
		}
	}
}

func TestAliasMatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		uri, alias string
		n          int
	}{
		{"/v2", "/v2", 3}, {"/v2/", "/v2", 3}, {"/v2foo", "/v2", 0}, {"/v", "/v2", 0},
		{"//v2//x", "/v2/", 6}, {"/v2/x", "/v2/", 4}, {"/", "/", 1}, {"/anything", "/", 1},
	} {
		if n := aliasMatch(tc.uri, tc.alias); n != tc.n {
			t.Errorf("aliasMatch(%q, %q) = %d, want %d", tc.uri, tc.alias, n, tc.n)
		}
	}
}

func TestFnmatch(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		pattern, name string
		pathname, ok  bool
	}{
		{"/v2/*/x", "/v2/a/x", true, true}, {"/v2/*/x", "/v2/a/b/x", true, false},
		{"/v2/*/x", "/v2/a/b/x", false, true}, {"/a?c", "/abc", true, true}, {"/a?c", "/a/c", true, false},
		{"/[a-c]x", "/bx", true, true}, {"/[!a-c]x", "/bx", true, false}, {`/\*`, "/*", true, true},
		{`/\*`, "/a", true, false}, {"/[ab", "/[ab", true, true},
	} {
		if ok := fnmatch(tc.pattern, tc.name, tc.pathname); ok != tc.ok {
			t.Errorf("fnmatch(%q, %q, %v) = %v", tc.pattern, tc.name, tc.pathname, ok)
		}
	}
	if !slices.Equal([]bool{fnmatchTest("/a*"), fnmatchTest("/a[b]"), fnmatchTest("/a[b"), fnmatchTest(`/a\*`)}, []bool{true, true, false, false}) {
		t.Error("fnmatchTest")
	}
}

func TestRefused(t *testing.T) {
	t.Parallel()
	for _, conf := range []string{
		"ProxyPass /s http://b/ mapping=servlet\n",
		"ProxyPass /f fcgi://b/\n",
	} {
		root := t.TempDir()
		must(t, os.WriteFile(filepath.Join(root, "httpd.conf"), []byte("ServerName localhost\n"+modules+conf), 0o644))
		cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := New(cfg.Main, nil); err == nil {
			t.Errorf("%q: accepted", conf)
		}
	}
}
