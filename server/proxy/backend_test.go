package proxy

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gohttpd/gohttpd/server/headers"
)

// recorded is what the recording backend received in one request: the
// head as it came on the wire and the body's framing, size and digest
// (never the body itself, so 64 MiB bodies cost nothing).
type recorded struct {
	Conn    int    // which connection (1, 2, …) it came on
	Line    string // the request line
	Header  headers.Table
	Framing string // "length", "chunked" or "none"
	Size    int64
	SHA256  string
	BodyErr error // set when the body broke off
}

// responder answers one recorded request by writing raw bytes to w; it
// returns false to close the connection afterwards.
type responder func(req *recorded, w *bufio.Writer) bool

// backend is a raw HTTP/1.1 server on 127.0.0.1 that records exactly what
// it receives.
type backend struct {
	Addr    string
	ln      net.Listener
	respond responder
	// Continue makes it answer "100 Continue" before reading a body the
	// client announced with Expect.
	Continue bool
	mu       sync.Mutex
	reqs     []*recorded
	conns    int
}

// newBackend starts a recording backend that answers with respond; the
// test's end stops it.
func newBackend(t *testing.T, respond responder) *backend {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &backend{Addr: ln.Addr().String(), ln: ln, respond: respond, Continue: true}
	t.Cleanup(func() { ln.Close() })
	go b.serve()
	return b
}

func (b *backend) serve() {
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.mu.Lock()
		b.conns++
		n := b.conns
		b.mu.Unlock()
		go b.serveConn(c, n)
	}
}

func (b *backend) serveConn(c net.Conn, n int) {
	defer c.Close()
	br, bw := bufio.NewReader(c), bufio.NewWriter(c)
	for {
		req, err := readRequestHead(br)
		if err != nil {
			return
		}
		req.Conn = n
		v, _ := req.Header.Get("Expect")
		expect := strings.EqualFold(v, "100-continue")
		switch {
		case expect && !b.Continue:
			// Answer without asking for the body, then close: the
			// connection is out of step.
			req.Framing, _ = requestFraming(req)
			b.record(req)
			b.respond(req, bw)
			bw.Flush()
			return
		case expect:
			bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			bw.Flush()
		}
		req.readBody(br)
		b.record(req)
		keep := b.respond(req, bw)
		if bw.Flush() != nil || !keep || req.BodyErr != nil {
			return
		}
	}
}

func (b *backend) record(req *recorded) {
	b.mu.Lock()
	b.reqs = append(b.reqs, req)
	b.mu.Unlock()
}

// requests returns what the backend has received so far.
func (b *backend) requests() []*recorded {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*recorded(nil), b.reqs...)
}

// connections is how many connections the backend has accepted.
func (b *backend) connections() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.conns
}

// last returns the last request received, failing the test when none came.
func (b *backend) last(t *testing.T) *recorded {
	t.Helper()
	reqs := b.requests()
	if len(reqs) == 0 {
		t.Fatal("the backend received no request")
	}
	return reqs[len(reqs)-1]
}

func readRequestHead(br *bufio.Reader) (*recorded, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	req := &recorded{Line: strings.TrimRight(line, "\r\n")}
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return req, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("bad header line %q", line)
		}
		req.Header.Add(name, strings.TrimSpace(value))
	}
}

// readBody reads the body as its headers frame it, keeping only its size
// and digest.
func (r *recorded) readBody(br *bufio.Reader) {
	var body io.Reader
	var n int64
	r.Framing, n = requestFraming(r)
	switch r.Framing {
	case "chunked":
		body = httputil.NewChunkedReader(br)
	case "length":
		if n < 0 {
			r.BodyErr = errors.New("bad Content-Length")
			return
		}
		body = io.LimitReader(br, n)
		defer func() {
			if r.Size != n && r.BodyErr == nil {
				r.BodyErr = io.ErrUnexpectedEOF
			}
		}()
	default:
		return
	}
	h := sha256.New()
	r.Size, r.BodyErr = io.Copy(h, body)
	r.SHA256 = hex.EncodeToString(h.Sum(nil))
	if r.Framing == "chunked" && r.BodyErr == nil {
		// The chunked reader stops before the trailer section.
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				r.BodyErr = err
				return
			}
			if strings.TrimRight(line, "\r\n") == "" {
				return
			}
		}
	}
}

// requestFraming is how the request's headers frame its body, and the length
// given (-1 when it does not parse).
func requestFraming(r *recorded) (string, int64) {
	if te, ok := r.Header.Get("Transfer-Encoding"); ok && strings.EqualFold(te, "chunked") {
		return "chunked", 0
	}
	if cl, ok := r.Header.Get("Content-Length"); ok {
		n, err := strconv.ParseInt(cl, 10, 64)
		if err != nil {
			n = -1
		}
		return "length", n
	}
	return "none", 0
}

// reply is a responder that answers every request with the same raw
// response.
func reply(raw string) responder {
	return func(_ *recorded, w *bufio.Writer) bool {
		w.WriteString(raw)
		return true
	}
}

// ok200 answers 200 with a short body that names the request line.
func ok200(req *recorded, w *bufio.Writer) bool {
	body := "got " + req.Line + "\n"
	fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	return true
}

// pattern is a deterministic body of n bytes, generated as it is read.
type pattern struct{ n, off int64 }

func (p *pattern) Read(b []byte) (int, error) {
	if p.off >= p.n {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n-p.off {
		b = b[:p.n-p.off]
	}
	for i := range b {
		x := p.off + int64(i)
		b[i] = byte(x*7 + x>>12)
	}
	p.off += int64(len(b))
	return len(b), nil
}

// patternSHA256 is the digest of the n-byte pattern.
func patternSHA256(n int64) string {
	h := sha256.New()
	io.Copy(h, &pattern{n: n})
	return hex.EncodeToString(h.Sum(nil))
}
