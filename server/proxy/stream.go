package proxy

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/headers"
)

// responseHopByHop are the answer headers Apache drops besides Connection
// and the ones it names (ap_proxy_http_process_response).
var responseHopByHop = []string{"Keep-Alive", "Proxy-Authenticate", "TE", "Trailer", "Upgrade"}

// answer hands the backend's answer to the client: headers through
// prepare, then the body as it comes.
func (x *exchange) answer(w http.ResponseWriter, resp *response, prepare func(int, headers.Table) headers.Table) *Error {
	if resp.status < 200 || resp.status == http.StatusSwitchingProtocols {
		x.release(false)
		return badGateway("AH01102: unexpected interim answer "+strconv.Itoa(resp.status)+" from "+x.conn.addr,
			"Unexpected Upgrade: n/a (expecting n/a)", nil)
	}
	t, reusable := x.clientHeaders(resp)
	body, closeAfter, err := resp.bodyReader(x.conn.br, x.req.HTTP.Method)
	if err != nil {
		x.release(false)
		return badGateway("AH01106: bad HTTP/1."+strconv.Itoa(resp.minor)+" header returned by "+x.req.HTTP.URL.Path+" ("+x.req.HTTP.Method+")", "", err)
	}
	out := prepare(resp.status, t)
	if out == nil { // the server refuses the answer's header (Apache's check_headers)
		x.release(false)
		return &Error{Status: http.StatusInternalServerError}
	}
	writeHeader(w, resp.status, resp.reason, out)
	if err := x.copyBody(w, body); err != nil {
		x.release(false)
		return err
	}
	x.release(reusable && !closeAfter && finished(body))
	return nil
}

// clientHeaders turns the backend's header lines into the client's, as
// Apache does, and reports whether the connection may be reused.
func (x *exchange) clientHeaders(resp *response) (headers.Table, bool) {
	t := resp.header
	reusable := resp.minor >= 1
	if _, te := t.Get("Transfer-Encoding"); te {
		if _, cl := t.Get("Content-Length"); cl {
			t.Unset("Content-Length") // AH01107: both sent; the length is not trusted
			reusable = false
		}
	}
	if clearConnection(&t) {
		reusable = false
	}
	for _, name := range responseHopByHop {
		t.Unset(name)
	}
	rewriteHeaders(t, x.req)
	if v := viaValue(x.req, x.p.via); v != "" && x.p.via != directives.ProxyViaBlock {
		t.Add("Via", v)
	}
	return t, reusable
}

// headWriter is a ResponseWriter that sends a header table in its order
// (the server's own HTTP/1.x writer).
type headWriter interface {
	WriteHead(status int, reason string, t headers.Table)
}

// writeHeader sends the status and header lines. The body's framing is
// the server's own: Transfer-Encoding is not copied, a Content-Length is.
func writeHeader(w http.ResponseWriter, status int, reason string, t headers.Table) {
	if hw, ok := w.(headWriter); ok {
		t.Unset("Transfer-Encoding")
		hw.WriteHead(status, reason, t)
		return
	}
	h := w.Header()
	for _, f := range t {
		if http.CanonicalHeaderKey(f.Name) == "Transfer-Encoding" {
			continue
		}
		h[http.CanonicalHeaderKey(f.Name)] = append(h[http.CanonicalHeaderKey(f.Name)], f.Value)
	}
	if _, ok := t.Get("Content-Type"); !ok {
		h["Content-Type"] = nil // no type sniffed: Apache adds none either
	}
	w.WriteHeader(status)
}

// copyBody streams body to the client. It flushes whenever the backend
// has nothing more buffered, as Apache flushes when a non-blocking read
// finds nothing, so a slow answer reaches the client as it comes. A body
// that fills the first buffer is bulk: it moves on through a large one,
// so each read and write carries more and costs fewer calls per byte.
func (x *exchange) copyBody(w http.ResponseWriter, body io.Reader) *Error {
	rc := http.NewResponseController(w)
	small := x.p.buffer()
	buf := *small
	var big *[]byte
	defer func() {
		x.p.bufs.Put(small)
		if big != nil {
			bulkBuffers.Put(big)
		}
	}()
	for {
		n, rerr := body.Read(buf)
		if n > 0 {
			if _, err := w.Write(buf[:n]); err != nil {
				return clientGone(err)
			}
		}
		if rerr == io.EOF {
			return nil
		}
		if rerr != nil {
			return backendBroke(rerr)
		}
		if x.conn.br.Buffered() == 0 {
			if err := rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
				return clientGone(err)
			}
		}
		if n == len(buf) && big == nil && len(buf) < bulkBuffer {
			big = bulkBuffers.Get().(*[]byte)
			buf = *big
		}
	}
}

// bulkBuffer is the size of the buffers bulk bodies move through.
const bulkBuffer = 256 << 10

// bulkBuffers keeps bulk buffers between requests, so a pull of many
// blobs does not allocate one per blob.
var bulkBuffers = sync.Pool{New: func() any {
	b := make([]byte, bulkBuffer)
	return &b
}}
