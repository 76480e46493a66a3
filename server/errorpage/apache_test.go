package errorpage

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// admin is a ServerAdmin that needs escaping, so every page that names it
// shows the escaping too.
const admin = `web&master<x>"@example.org`

// pageConf makes Apache answer /sNNN with status NNN through mod_alias,
// which sends Apache's own page for it, and some errors the usual way.
func pageConf(statuses []int) string {
	var b strings.Builder
	b.WriteString("LoadModule alias_module modules/mod_alias.so\n")
	b.WriteString("LoadModule authz_core_module modules/mod_authz_core.so\n")
	fmt.Fprintf(&b, "ServerAdmin %q\nTraceEnable off\nLimitRequestLine 200\n", admin)
	for _, s := range statuses {
		if s >= 300 && s < 400 {
			fmt.Fprintf(&b, "Redirect %d /s%d \"http://example.org/a<b>&c\\\"d'e\"\n", s, s)
		} else {
			fmt.Fprintf(&b, "Redirect %d /s%d\n", s, s)
		}
	}
	b.WriteString("<Location /denied>\nRequire all denied\n</Location>\n")
	b.WriteString("<Location /small>\nLimitRequestBody 4\n</Location>\n")
	b.WriteString("<Location /on>\nServerSignature On\n</Location>\n")
	b.WriteString("<Location /mail>\nServerSignature EMail\n</Location>\n")
	return b.String()
}

// pageStatuses are the statuses mod_alias can make Apache answer: every
// one from 300 to 599 but 304, which has no page.
func pageStatuses() []int {
	var out []int
	for s := 300; s < 600; s++ {
		if s != 304 {
			out = append(out, s)
		}
	}
	return out
}

// exchange sends raw to addr and reads the answer.
func exchange(t *testing.T, addr, raw string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func get(method, path string) string {
	return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
}

// pageCase is one request and what the page for its answer is made of.
type pageCase struct {
	name string
	raw  string
	info PageInfo
	sig  directives.ServerSignature
}

func apacheCases() []pageCase {
	redirect := `http://example.org/a<b>&c"d'e`
	var cases []pageCase
	for _, s := range pageStatuses() {
		p := "/s" + strconv.Itoa(s)
		cases = append(cases, pageCase{name: p, raw: get("GET", p), info: PageInfo{Method: "GET", Location: redirect}})
	}
	cases = append(cases,
		pageCase{name: "405 PUT", raw: get("PUT", "/s405"), info: PageInfo{Method: "PUT"}},
		pageCase{name: "413 POST", raw: get("POST", "/s413"), info: PageInfo{Method: "POST"}},
		pageCase{name: "404 missing file", raw: get("GET", "/missing"), info: PageInfo{Method: "GET"}},
		pageCase{name: "403 Require", raw: get("GET", "/denied"), info: PageInfo{Method: "GET"}},
		pageCase{name: "501 unknown method", raw: get("FROB", "/x"), info: PageInfo{Method: "FROB"}},
		pageCase{name: "405 TRACE off", raw: get("TRACE", "/x"), info: PageInfo{Method: "TRACE"}},
		pageCase{name: "414 long URI", raw: get("GET", "/"+strings.Repeat("a", 300)), info: PageInfo{}},
		pageCase{name: "413 body limit", info: PageInfo{Method: "PUT"},
			raw: "PUT /small HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10\r\nConnection: close\r\n\r\n0123456789"},
		pageCase{name: "400 no Host", raw: "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"},
		pageCase{name: "417 Expect", raw: "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: <x&y>\r\nConnection: close\r\n\r\n",
			info: PageInfo{Expect: "<x&y>"}},
		pageCase{name: "404 signature On", raw: get("GET", "/on"), sig: directives.SignatureOn},
		pageCase{name: "404 signature EMail", raw: get("GET", "/mail"), sig: directives.SignatureEMail},
		pageCase{name: "404 signature Host port", sig: directives.SignatureOn,
			raw: "GET /on HTTP/1.1\r\nHost: Name.example:8443\r\nConnection: close\r\n\r\n"},
	)
	for i := range cases {
		cases[i].info.ServerAdmin = admin
	}
	return cases
}

// TestBodyAsApache compares every page with the one Apache sent for the
// same request.
func TestBodyAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	root := apachetest.NewRoot(t)
	conf := root.Head() + pageConf(pageStatuses())
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	for _, c := range apacheCases() {
		resp, body := exchange(t, root.Addr, c.raw)
		status := resp.StatusCode
		info := c.info
		// With UseCanonicalName Off the signature names the Host
		// header's host, lower-cased, and its port, or 80 when it has
		// none: the caller works them out.
		info.Signature = Signature{Mode: c.sig, Banner: resp.Header.Get("Server"), ServerName: "127.0.0.1", Port: 80}
		if strings.Contains(c.raw, "Name.example") {
			info.Signature.ServerName, info.Signature.Port = "name.example", 8443
		}
		if got := StatusLine(status); resp.Status != got {
			t.Errorf("%s: status line %q, Apache %q", c.name, got, resp.Status)
		}
		if got := Body(status, info); got != body {
			t.Errorf("%s: page\n%q\nApache sent\n%q", c.name, got, body)
		}
		if ct := resp.Header.Get("Content-Type"); body != "" && ct != ContentType {
			t.Errorf("%s: Content-Type %q, want %q", c.name, ct, ContentType)
		}
	}
}
