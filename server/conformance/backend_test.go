package conformance

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// received is what the recording backend got in one request: the head
// exactly as it came on the wire and the body's framing and size.
type received struct {
	Line    string   // the request line
	Header  []string // "Name: value", in the order received
	Framing string   // "length", "chunked" or "none"
	Size    int64
}

// get returns the first value of the header name (any case).
func (r *received) get(name string) string {
	for _, h := range r.Header {
		n, v, _ := strings.Cut(h, ": ")
		if strings.EqualFold(n, name) {
			return v
		}
	}
	return ""
}

// backend is a raw HTTP/1.1 server on 127.0.0.1 that records what it
// receives and answers as a registry would (see registryAnswer).
type backend struct {
	Addr string
	ln   net.Listener
	mu   sync.Mutex
	reqs []*received
}

// newBackend starts a recording backend until the test ends.
func newBackend(t *testing.T) *backend {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &backend{Addr: ln.Addr().String(), ln: ln}
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
		go b.serveConn(c)
	}
}

func (b *backend) serveConn(c net.Conn) {
	defer c.Close()
	br, bw := bufio.NewReader(c), bufio.NewWriter(c)
	for {
		req, err := readHead(br)
		if err != nil {
			return
		}
		if strings.EqualFold(req.get("Expect"), "100-continue") {
			bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
			bw.Flush()
		}
		if err := req.readBody(br); err != nil {
			return
		}
		b.mu.Lock()
		b.reqs = append(b.reqs, req)
		b.mu.Unlock()
		keep := registryAnswer(req, b.Addr, bw)
		if bw.Flush() != nil || !keep {
			return
		}
	}
}

// since returns the requests received after the first n.
func (b *backend) since(n int) []*received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*received(nil), b.reqs[n:]...)
}

// count is how many requests the backend has received.
func (b *backend) count() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.reqs)
}

func readHead(br *bufio.Reader) (*received, error) {
	line, err := br.ReadString('\n')
	if err != nil {
		return nil, err
	}
	req := &received{Line: strings.TrimRight(line, "\r\n")}
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
		req.Header = append(req.Header, name+": "+strings.TrimSpace(value))
	}
}

// readBody reads the body as the head frames it, keeping only its size.
func (r *received) readBody(br *bufio.Reader) error {
	var body io.Reader
	switch cl := r.get("Content-Length"); {
	case strings.EqualFold(r.get("Transfer-Encoding"), "chunked"):
		r.Framing, body = "chunked", httputil.NewChunkedReader(br)
	case cl != "":
		n, err := strconv.ParseInt(cl, 10, 64)
		if err != nil {
			return err
		}
		r.Framing, body = "length", io.LimitReader(br, n)
	default:
		r.Framing = "none"
		return nil
	}
	var err error
	if r.Size, err = io.Copy(io.Discard, body); err != nil {
		return err
	}
	if r.Framing == "chunked" { // the trailer section
		for {
			line, err := br.ReadString('\n')
			if err != nil || strings.TrimRight(line, "\r\n") == "" {
				return err
			}
		}
	}
	return nil
}
