package proxy

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// rawResponse is an answer as the client got it.
type rawResponse struct {
	Status int
	Header http.Header
	Body   string
	Err    error // the body broke off
}

// roundTrip sends raw on a fresh connection to addr and reads the final
// answer to a request of method.
func roundTrip(t *testing.T, addr, method string, raw io.Reader) *rawResponse {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	go io.Copy(c, raw)
	br := bufio.NewReader(c)
	var resp *http.Response
	for resp == nil || resp.StatusCode < 200 {
		if resp, err = http.ReadResponse(br, &http.Request{Method: method}); err != nil {
			t.Fatalf("reading the answer: %v", err)
		}
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, err = io.Copy(&b, resp.Body)
	return &rawResponse{Status: resp.StatusCode, Header: resp.Header, Body: b.String(), Err: err}
}

// slowly sends head at once and the body after a pause, as a client that
// waits for "100 Continue" does (it sends on after a pause anyway).
func slowly(head, body string) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(head))
		time.Sleep(200 * time.Millisecond)
		pw.Write([]byte(body))
		pw.Close()
	}()
	return pr
}

// shape is what a differential test compares of a request the backend
// got: order is compared where Apache fixes it (Host first, the framing
// and Connection last), the other lines as a set, since net/http keeps no
// order between the client's header names.
type shape struct {
	Line, First, Framing, Last string
	Others                     []string
	Body                       string
}

func shapeOf(r *recorded) shape {
	s := shape{Line: r.Line, Body: fmt.Sprintf("%s %d %s", r.Framing, r.Size, r.SHA256)}
	h := r.Header
	if len(h) > 0 {
		s.First = h[0].Name + ": " + h[0].Value
		h = h[1:]
	}
	if n := len(h); n > 0 && strings.EqualFold(h[n-1].Name, "Connection") {
		s.Last = h[n-1].Name + ": " + h[n-1].Value
		h = h[:n-1]
	}
	if n := len(h); n > 0 && (strings.EqualFold(h[n-1].Name, "Content-Length") || strings.EqualFold(h[n-1].Name, "Transfer-Encoding")) {
		s.Framing = h[n-1].Name + ": " + h[n-1].Value
		h = h[:n-1]
	}
	for _, f := range h {
		s.Others = append(s.Others, strings.ToLower(f.Name)+": "+f.Value)
	}
	slices.Sort(s.Others)
	return s
}

// TestRequestMatchesApache sends the same requests through Apache and
// through Forward and compares what the backend received.
func TestRequestMatchesApache(t *testing.T) {
	t.Parallel()
	be := newBackend(t, ok200)
	w := newWorld(t, be, "")
	w.startApache(t)
	big := strings.Repeat("0123456789", 2000) // past Apache's 16 KiB prefetch
	chunk := func(s string) string { return fmt.Sprintf("%x\r\n%s\r\n", len(s), s) }
	cases := []struct {
		name, head, body string
	}{
		{"hop-by-hop and forwarded headers", "GET /back/x?a=b%20c HTTP/1.1\r\nHost: h.example:81\r\nX-Forwarded-For: 1.2.3.4\r\nX-Forwarded-For: 5.6.7.8\r\nX-Forwarded-Proto: https\r\nConnection: foo, close\r\nFoo: x\r\nKeep-Alive: 1\r\nTE: trailers\r\nUpgrade: h2c\r\nProxy-Connection: x\r\nTrailer: x\r\nAccept: */*\r\nUser-Agent: docker/27\r\n\r\n", ""},
		{"encoded path", "GET /back/a%2Bb/c%3Fd/%7Euser/sp%20ace HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", ""},
		{"small chunked body goes with a length", "POST /back/small HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunk("hello") + chunk(" world") + "0\r\n\r\n"},
		{"large chunked body stays chunked", "PATCH /back/big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n", chunk(big) + "0\r\n\r\n"},
		{"sized body", fmt.Sprintf("PUT /back/sized HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", len(big)), big},
		{"empty sized body", "POST /back/empty HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", ""},
		{"100-continue with a length", "PUT /back/exp HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", "hello"},
		{"100-continue chunked", "PATCH /back/exp2 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n", chunk("hello") + "0\r\n\r\n"},
		{"HTTP/1.0 without Host", "GET /back/old HTTP/1.0\r\n\r\n", ""},
		{"preserve host, no forwarded headers", "GET /ph/x HTTP/1.1\r\nHost: Pub.Example:99\r\nX-Forwarded-For: 9.9.9.9\r\nConnection: close\r\n\r\n", ""},
		{"preserve host without Host", "GET /ph/y HTTP/1.0\r\n\r\n", ""},
		{"HEAD", "HEAD /back/head HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n", ""},
		{"repeated lines merged, RequestHeader add a line of its own", "GET /back/add HTTP/1.1\r\nHost: h\r\nX-Added: one\r\nX-Added: two\r\nX-Rep: a\r\nx-rep: b\r\nConnection: close\r\n\r\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			method := strings.Fields(c.head)[0]
			var got [2]shape
			for i, addr := range []string{w.apache, w.front} {
				before := len(be.requests())
				resp := roundTrip(t, addr, method, slowly(c.head, c.body))
				if resp.Status != http.StatusOK {
					t.Fatalf("%s answered %d", addr, resp.Status)
				}
				reqs := be.requests()
				if len(reqs) != before+1 {
					t.Fatalf("the backend got %d requests, want 1", len(reqs)-before)
				}
				got[i] = shapeOf(reqs[len(reqs)-1])
			}
			if fmt.Sprint(got[0]) != fmt.Sprint(got[1]) {
				t.Errorf("the backend got\n%+v\nfrom gohttpd, from Apache\n%+v", got[1], got[0])
			}
		})
	}
}
