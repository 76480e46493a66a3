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
	"github.com/gohttpd/gohttpd/server/http1"
)

// fuzzConf is the recipe's shape (everything under /v2 to the registry,
// behind the /v2 section, which stands for its Require) with rules of
// each kind around it that send other paths elsewhere.
const fuzzConf = `
<Location /v2>
  Header always set X-V2 1
</Location>
<LocationMatch "^/m/(a|b)">
  Header always set X-M 1
</LocationMatch>
ProxyPass /v2 http://registry:5000/v2
ProxyPass /ex !
ProxyPassMatch "^/m/(.*)$" http://other:8080/x/$1
ProxyPass /enc http://other:8080/enc mapping=encoded
ProxyPass /nc http://other:8080/nc nocanon
ProxyPass / http://other:8080/
`

// FuzzRoute maps any method and request-target: a target it takes
// yields a path without dot segments (before and after %-decoding) that
// starts with '/'; every path in /v2 meets the /v2 section, and so does
// everything forwarded to the registry, whose backend path stays in /v2;
// what a canonicalizing rule forwards has no dot segment either.
func FuzzRoute(f *testing.F) {
	r := fuzzRouter(f)
	for _, s := range []string{
		"/v2/", "/v2/../x", "/x/../v2/", "/v2/%2e%2e/x", "/V2/", "//v2//x", "/v2%2f..%2fx", "/v2/a%2Fb", "/./v2/.",
		"/m/a/../../v2/x", "/m/b?q=../v2", "/enc/%2e%2e/v2", "/nc/a/%2e%2e/b", "/ex/../v2/x", "http://h/v2/x", "*",
		"/v2/%00", "/v2/\\..\\x", "/v2/%c0%ae%c0%ae/x", "h:443", "/%76%32/blobs", "/v2;x/../y", "/v2/x#frag",
	} {
		for _, m := range []string{"GET", "PUT", "OPTIONS", "CONNECT"} {
			f.Add(m, s)
		}
	}
	f.Fuzz(func(t *testing.T, method, target string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n\x00") {
			return // no request line holds such a method
		}
		rt := r.Route(method, http1.TargetURL(method, target))
		if rt.Status != 0 {
			return
		}
		if method == http.MethodOptions && rt.Path == "*" {
			return
		}
		if !strings.HasPrefix(rt.Path, "/") || hasDotSegment(rt.Path) {
			t.Fatalf("%s %q maps to path %q", method, target, rt.Path)
		}
		inV2 := strings.HasPrefix(mergeSlashRuns(rt.Path)+"/", "/v2/")
		v2Section := slices.Contains(headerNames(rt.Dir), "X-V2")
		if inV2 && !v2Section {
			t.Fatalf("%s %q maps to %q without the /v2 section", method, target, rt.Path)
		}
		if rt.Proxy == nil {
			return
		}
		backendPath, _, _ := strings.Cut(rt.Proxy.RequestURI, "?")
		if rt.Proxy.Host == "registry:5000" && (!v2Section || !strings.HasPrefix(backendPath+"/", "/v2/")) {
			t.Fatalf("%s %q (path %q) forwarded to the registry as %q, /v2 section: %v", method, target, rt.Path, rt.Proxy.RequestURI, v2Section)
		}
		if !rt.Proxy.Rule.NoCanon && hasDotSegment(backendPath) {
			t.Fatalf("%s %q (path %q) forwarded as %q", method, target, rt.Path, rt.Proxy.RequestURI)
		}
	})
}

// hasDotSegment reports whether a path has a "." or ".." segment as it
// is or once each segment is %-decoded (a %2F, kept encoded, separates
// nothing).
func hasDotSegment(path string) bool {
	for seg := range strings.SplitSeq(path, "/") {
		if decoded, err := url.PathUnescape(seg); err == nil {
			seg = decoded
		}
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// fuzzRouter builds the Router of fuzzConf through the model.
func fuzzRouter(f *testing.F) *Router {
	root := f.TempDir()
	conf := "ServerRoot " + root + "\nDocumentRoot " + root + "\nServerName localhost\n" + modules + fuzzConf
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		f.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		f.Fatal(err)
	}
	r, err := New(cfg.Main, cfg.Main)
	if err != nil {
		f.Fatal(err)
	}
	return r
}
