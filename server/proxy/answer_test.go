package proxy

import (
	"bufio"
	"net/http"
	"strings"
	"testing"
	"time"
)

// answers is a backend that answers by the request's path.
func answers(be **backend) responder {
	return func(req *recorded, w *bufio.Writer) bool {
		path := strings.Fields(req.Line)[1]
		switch {
		case strings.HasSuffix(path, "/hdrs"):
			w.WriteString("HTTP/1.1 201 Created\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nServer: registry/2\r\n" +
				"Connection: x-a\r\nX-A: 1\r\nKeep-Alive: timeout=5\r\nTrailer: x\r\nUpgrade: h2c\r\nProxy-Authenticate: Basic\r\n" +
				"Location: http://" + (*be).Addr + "/v2/foo?x=1\r\nContent-Location: http://" + strings.ToUpper((*be).Addr) + "/V2/bar\r\n" +
				"URI: http://elsewhere/v2/x\r\nX-Dup: 1\r\nX-Dup: 2\r\nLast-Modified: Sunday, 06-Nov-94 08:49:37 GMT\r\n" +
				"Expires: Mon, 01-Jan-2001 00:00:00 GMT\r\nX-Folded: a\r\n  b\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok")
		case strings.HasSuffix(path, "/loc"):
			w.WriteString("HTTP/1.1 302 Found\r\nLocation: http://other.example:5000/INTERNAL/x?y\r\nContent-Location: /internal/z\r\nDestination: internal/no\r\nContent-Length: 0\r\n\r\n")
		case strings.HasSuffix(path, "/head"):
			w.WriteString("HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nServer: registry/2\r\nContent-Length: 0\r\nDocker-Content-Digest: sha256:x\r\n\r\n")
		case strings.HasSuffix(path, "/close"):
			return false
		case strings.HasSuffix(path, "/badhdr"):
			w.WriteString("HTTP/1.1 200 OK\r\nnocolon\r\n\r\n")
			return false
		case strings.HasSuffix(path, "/http2"):
			w.WriteString("HTTP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n")
			return false
		case strings.HasSuffix(path, "/slow"):
			w.Flush()
			time.Sleep(1500 * time.Millisecond)
			w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
		case strings.HasSuffix(path, "/chunked"):
			w.WriteString("HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2001 00:00:00 GMT\r\nServer: registry/2\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n")
		default:
			ok200(req, w)
		}
		return true
	}
}

// TestAnswerMatchesApache compares what the client gets through Apache
// and through Forward.
func TestAnswerMatchesApache(t *testing.T) {
	t.Parallel()
	var be *backend
	be = newBackend(t, answers(&be))
	w := newWorld(t, be, "ProxyTimeout 1\n")
	w.startApache(t)
	cases := []struct {
		path, method string
		status       int
		// differs are headers Apache does not send as the backend did, on
		// purpose (see the comments of the cases).
		differs []string
	}{
		{"/back/hdrs", "GET", 201, nil},
		{"/ph/loc", "GET", 302, []string{"Date", "Server"}},
		// Apache drops the backend's "Content-Length: 0" on a HEAD; gohttpd
		// keeps it, so a HEAD of an empty blob says it is empty.
		{"/back/head", "HEAD", 200, []string{"Content-Length"}},
		// A short answer that ends before the handler flushes goes with a
		// Content-Length from net/http; Apache sends it chunked. Either
		// way the client gets the same bytes; the trailer is dropped.
		{"/back/chunked", "GET", 200, []string{"Content-Length"}},
		{"/back/close", "GET", 502, []string{"Content-Length", "Content-Type", "Date", "Server"}},
		{"/back/badhdr", "GET", 502, []string{"Content-Length", "Content-Type", "Date", "Server"}},
		{"/back/http2", "GET", 502, []string{"Content-Length", "Content-Type", "Date", "Server"}},
		// ProxyTimeout passed waiting for the status line: 502, not 504.
		{"/back/slow", "GET", 502, []string{"Content-Length", "Content-Type", "Date", "Server"}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			raw := c.method + " " + c.path + " HTTP/1.1\r\nHost: pub.example:8443\r\nConnection: close\r\n\r\n"
			apache := roundTrip(t, w.apache, c.method, strings.NewReader(raw))
			ours := roundTrip(t, w.front, c.method, strings.NewReader(raw))
			if apache.Status != c.status || ours.Status != c.status {
				t.Fatalf("status: Apache %d, gohttpd %d, want %d", apache.Status, ours.Status, c.status)
			}
			for _, h := range []http.Header{apache.Header, ours.Header} {
				for _, name := range c.differs {
					h.Del(name)
				}
			}
			if !equalHeaders(apache.Header, ours.Header) {
				t.Errorf("headers:\n Apache  %v\n gohttpd %v", apache.Header, ours.Header)
			}
			if c.status < 300 && apache.Body != ours.Body {
				t.Errorf("body: Apache %q, gohttpd %q", apache.Body, ours.Body)
			}
		})
	}
}

func equalHeaders(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\n") != strings.Join(b[k], "\n") {
			return false
		}
	}
	return true
}

// TestHeadKeepsZeroLength checks the one answer header gohttpd keeps where
// Apache loses it.
func TestHeadKeepsZeroLength(t *testing.T) {
	t.Parallel()
	var be *backend
	be = newBackend(t, answers(&be))
	w := newWorld(t, be, "")
	resp := roundTrip(t, w.front, "HEAD", strings.NewReader("HEAD /back/head HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
	if got := resp.Header.Get("Content-Length"); got != "0" {
		t.Errorf("Content-Length %q, want the backend's 0", got)
	}
	if got := resp.Header.Get("Docker-Content-Digest"); got != "sha256:x" {
		t.Errorf("Docker-Content-Digest %q", got)
	}
}
