package server

import (
	"bufio"
	"crypto/tls"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/accesslog"
	"github.com/gohttpd/gohttpd/server/auth"
	"github.com/gohttpd/gohttpd/server/headers"
)

// recipeSite serves the recipe in-process and returns its virtual host.
func recipeSite(b *testing.B) (*world, *site) {
	w := startWorld(b, recipeConf, recipeFiles(b))
	return w, w.srv.gen.Load().vhost[0]
}

// BenchmarkRoute maps a registry request: ProxyPass rules and the merge of
// the sections that apply (merged configs are cached after the first).
func BenchmarkRoute(b *testing.B) {
	_, st := recipeSite(b)
	u, _ := url.ParseRequestURI("/v2/library/ubuntu/manifests/latest")
	b.ReportAllocs()
	for b.Loop() {
		st.router.Route(http.MethodHead, u)
	}
}

// BenchmarkAuthorizeAnonymous decides a request without credentials: the
// recipe's 401, no hash computed.
func BenchmarkAuthorizeAnonymous(b *testing.B) {
	_, st := recipeSite(b)
	u, _ := url.ParseRequestURI("/v2/")
	p := st.pipeline(st.router.Route(http.MethodGet, u).Dir)
	req := &auth.Request{Method: http.MethodGet, URI: "/v2/"}
	b.ReportAllocs()
	for b.Loop() {
		if d := p.checker.Check(req); d.Status != 401 {
			b.Fatalf("status %d", d.Status)
		}
	}
}

// BenchmarkHeaders runs the recipe's mod_headers actions on a proxied
// answer: early, fixups, output, merge.
func BenchmarkHeaders(b *testing.B) {
	_, st := recipeSite(b)
	u, _ := url.ParseRequestURI("/v2/")
	p := st.pipeline(st.router.Route(http.MethodGet, u).Dir)
	backend := headers.Table{{Name: "Content-Type", Value: "application/json"}, {Name: "Content-Length", Value: "2"},
		{Name: "Docker-Distribution-Api-Version", Value: "registry/2.0"}}
	b.ReportAllocs()
	for b.Loop() {
		req := headers.Request{Header: headers.Table{{Name: "Host", Value: "myregistrydomain.com:5043"}}}
		var resp headers.Response
		st.early.Early(&req, &resp)
		p.headers.Fixup(&req, &resp)
		resp.Headers = append(resp.Headers[:0], backend...)
		p.headers.Output(&req, &resp)
		resp.Merge(200)
	}
}

// BenchmarkAccessLogLine formats the recipe's common log line.
func BenchmarkAccessLogLine(b *testing.B) {
	_, st := recipeSite(b)
	f := st.logs[0].format
	now := time.Now()
	e := &accesslog.Entry{RemoteAddr: "127.0.0.1", User: "testuser", HasUser: true, Received: now, Done: now,
		RequestLine: "HEAD /v2/library/ubuntu/manifests/latest HTTP/1.1", Status: 200, BodyBytes: 0}
	b.ReportAllocs()
	for b.Loop() {
		f.Line(e)
	}
}

// BenchmarkRefusedRequest is a whole anonymous request on a kept-alive
// TLS connection: reading it, the phases, Apache's 401 page and the log
// line. A new connection replaces one the server ends
// (MaxKeepAliveRequests).
func BenchmarkRefusedRequest(b *testing.B) {
	w, _ := recipeSite(b)
	w.mu.Lock()
	addr := w.addrs[5043]
	w.mu.Unlock()
	var c *tls.Conn
	var br *bufio.Reader
	defer func() {
		if c != nil {
			c.Close()
		}
	}()
	const req = "GET /v2/ HTTP/1.1\r\nHost: myregistrydomain.com:5043\r\n\r\n"
	b.ReportAllocs()
	for b.Loop() {
		if c == nil {
			var err error
			if c, err = tls.Dial("tcp", addr, &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true}); err != nil {
				b.Fatal(err)
			}
			br = bufio.NewReader(c)
		}
		if _, err := io.WriteString(c, req); err != nil {
			b.Fatal(err)
		}
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 401 {
			b.Fatalf("status %d", resp.StatusCode)
		}
		if resp.Close {
			c.Close()
			c = nil
		}
	}
}
