package headers

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// recipeActions are the recipe's mod_headers lines.
const recipeActions = `Header always set "Docker-Distribution-Api-Version" "registry/2.0"
Header onsuccess set "Docker-Distribution-Api-Version" "registry/2.0"
RequestHeader set X-Forwarded-Proto "https"
`

// mixedActions add one of each kind a config commonly holds to the
// recipe's: formats with variables, merge, edit, unset and conditions.
const mixedActions = recipeActions + `Header always set X-Time "%t %D"
Header always set X-Env "%{WANT}e"
Header merge Cache-Control no-cache
Header append Vary Accept-Encoding
Header edit Location ^http://registry:5000/ https://myregistrydomain.com:5043/
Header unset X-Powered-By
Header set X-Env-Yes yes env=WANT
RequestHeader unset Proxy
RequestHeader append X-Forwarded-For 192.0.2.1
`

// headersOf builds the Headers of the server config holding actions.
func headersOf(tb testing.TB, actions string) *Headers {
	tb.Helper()
	root := tb.TempDir()
	conf := "LoadModule headers_module modules/mod_headers.so\n" + actions
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		tb.Fatal(err)
	}
	return New(&cfg.Main.Dir.Headers)
}

// BenchmarkHeaders runs a proxied answer through mod_headers' phases:
// early, fixups, the output filter and the merge of the tables sent,
// with the recipe's actions and with a mix of the common kinds. The
// tables are reused, as a connection's exchanges can reuse them.
func BenchmarkHeaders(b *testing.B) {
	received := time.Now()
	request := Table{{"Host", "myregistrydomain.com:5043"}, {"User-Agent", "docker/27.0"},
		{"Authorization", "Basic dGVzdHVzZXI6dGVzdHBhc3N3b3Jk"}, {"Accept", "application/json"}}
	backend := Table{{"Content-Type", "application/json"}, {"Content-Length", "2"},
		{"Docker-Distribution-Api-Version", "registry/2.0"}, {"Location", "http://registry:5000/v2/x/blobs/uploads/1"},
		{"X-Powered-By", "distribution"}}
	for _, tc := range []struct{ name, actions string }{{"recipe", recipeActions}, {"mixed", mixedActions}} {
		b.Run(tc.name, func(b *testing.B) {
			h := headersOf(b, tc.actions)
			env := map[string]string{"WANT": "yes"}
			req := Request{Header: make(Table, 0, 16), Env: env, Received: received}
			resp := Response{Headers: make(Table, 0, 16), ErrHeaders: make(Table, 0, 16)}
			sent := make(Table, 0, 32)
			answer := func() {
				req.Header = append(req.Header[:0], request...)
				resp = Response{Headers: resp.Headers[:0], ErrHeaders: resp.ErrHeaders[:0]}
				h.Early(&req, &resp)
				h.Fixup(&req, &resp)
				resp.Headers = append(resp.Headers, backend...)
				resp.ContentType = "application/json"
				h.Output(&req, &resp)
				sent = resp.MergeInto(sent[:0], 200)
			}
			answer()
			if v, _ := req.Header.Get("X-Forwarded-Proto"); v != "https" || len(sent.Values("Docker-Distribution-Api-Version")) != 2 {
				b.Fatalf("the recipe's actions did not run: request %v, sent %v", req.Header, sent)
			}
			if v, _ := sent.Get("Location"); tc.name == "mixed" && v != "https://myregistrydomain.com:5043/v2/x/blobs/uploads/1" {
				b.Fatalf("Location edited to %q", v)
			}
			b.ReportAllocs()
			for b.Loop() {
				answer()
			}
		})
	}
}
