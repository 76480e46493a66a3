package proxy

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"syscall"

	"github.com/gohttpd/gohttpd/server/headers"
)

// exchange is one request's trip to its backend.
type exchange struct {
	p    *Proxy
	req  *Request
	body *bodyPlan
	conn *backendConn
	// stop undoes the watch that closes the backend connection when the
	// client goes away.
	stop func() bool
}

// neverStopped is stop for a request whose context is never done (the
// server's own requests): there is no watch to undo, and none is set up,
// which would cost two allocations per request for nothing.
func neverStopped() bool { return true }

// maxInterim is how many 1xx answers Apache takes before giving up
// (AP_MAX_INTERIM_RESPONSES).
const maxInterim = 10

// send writes the request and reads the answer's head. A kept-alive
// connection that the backend closed before answering is retried once on
// a fresh connection, when the body can be sent again.
func (x *exchange) send() (*response, *Error) {
	addr := dialAddr(x.req.Target.Host)
	t := x.p.timeoutsFor(x.req.Target.URL)
	for attempt := 0; ; attempt++ {
		conn, err := x.p.pool.get(x.req.HTTP.Context(), addr, t)
		if err != nil {
			return nil, connectError(addr, hostOnly(addr), err)
		}
		x.conn = conn
		x.stop = neverStopped
		if ctx := x.req.HTTP.Context(); ctx.Done() != nil {
			x.stop = context.AfterFunc(ctx, func() { conn.conn.Close() })
		}
		resp, err := x.try()
		if err == nil {
			return resp, nil
		}
		x.release(false)
		if !(conn.reused && attempt == 0 && x.body.rest == nil && x.retryable(err)) {
			return nil, x.failure(err)
		}
	}
}

// try sends the request on x.conn and reads the answer's final head,
// sending the body when the backend asks for it with 100-continue.
func (x *exchange) try() (*response, error) {
	bw := x.conn.bw
	writeHead(bw, x.req.HTTP.Method, x.req.Target.RequestURI, x.head())
	x.body.writePrefix(bw)
	if err := bw.Flush(); err != nil {
		return nil, sendFailed{err}
	}
	pending := x.body.expect100
	if !pending {
		if err := x.writeBody(bw); err != nil {
			return nil, sendFailed{err}
		}
	}
	for interim := 0; ; interim++ {
		resp, err := readHead(x.conn.br, x.p.badHdr)
		if err != nil {
			return nil, err
		}
		if resp.status >= 200 || interim >= maxInterim {
			if pending {
				// The backend answered without asking for the body: the
				// connection is out of step, so it is not reused.
				resp.header.Set("Connection", "close")
			}
			return resp, nil
		}
		if resp.status == 100 && pending {
			pending = false
			if err := x.writeBody(bw); err != nil {
				return nil, sendFailed{err}
			}
		}
	}
}

// writeBody sends what remains of the request body through one of the
// proxy's copy buffers; a request without one takes no buffer.
func (x *exchange) writeBody(bw *bufio.Writer) error {
	if x.body.rest == nil {
		return x.body.writeRest(bw, nil)
	}
	if x.body.ready != nil && (x.body.chunked() || x.body.length > int64(x.p.bufSize)) {
		// A body that may be large and arrive faster than it is written
		// gathers in a bulk buffer.
		buf := bulkBuffers.Get().(*[]byte)
		defer bulkBuffers.Put(buf)
		return x.body.writeRest(bw, *buf)
	}
	buf := x.p.buffer()
	defer x.p.bufs.Put(buf)
	return x.body.writeRest(bw, *buf)
}

// head is the header lines of the request to the backend, framing and
// Connection last as Apache writes them.
func (x *exchange) head() headers.Table {
	t := outboundHeaders(x.req, x.p.via, x.body.expect100)
	if x.body.framing.Name != "" {
		t = append(t, x.body.framing)
	}
	return append(t, headers.Field{Name: "Connection", Value: "Keep-Alive"})
}

func writeHead(w *bufio.Writer, method, target string, t headers.Table) {
	// Piece by piece: a line joined first would allocate.
	w.WriteString(method)
	w.WriteByte(' ')
	w.WriteString(target)
	w.WriteString(" HTTP/1.1\r\n")
	for _, f := range t {
		w.WriteString(f.Name)
		w.WriteString(": ")
		w.WriteString(f.Value)
		w.WriteString("\r\n")
	}
	w.WriteString("\r\n")
}

// sendFailed marks a failure while writing the request.
type sendFailed struct{ err error }

func (e sendFailed) Error() string { return e.err.Error() }
func (e sendFailed) Unwrap() error { return e.err }

// retryable reports whether err is what a kept-alive connection that the
// backend had closed gives, so the request may go again on a new one: a
// reset or broken pipe while writing, or, for a method that is safe to
// repeat, no answer at all (the backend may have closed just as the
// request came; Apache answers 502 then, net/http's Transport retries).
func (x *exchange) retryable(err error) bool {
	var sf sendFailed
	if errors.As(err, &sf) {
		return errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNRESET)
	}
	switch x.req.HTTP.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace:
		return errors.Is(err, errNoStatus) || errors.Is(err, syscall.ECONNRESET)
	}
	return false
}

// failure turns an error before the answer into Apache's answer.
func (x *exchange) failure(err error) *Error {
	addr := x.conn.addr
	remote, host := x.conn.conn.RemoteAddr().String(), hostOnly(addr)
	var cb errClientBody
	var sf sendFailed
	var se statusError
	switch {
	case errors.As(err, &cb):
		return clientBodyError(remote, host, x.req.ClientIP, err, true)
	case errors.As(err, &sf):
		return sendError(remote, host, x.req.ClientIP, err)
	case errors.As(err, &se):
		return badGateway("AH01102: corrupt status line returned by remote server "+addr,
			"Corrupt status line returned by remote server: "+se.line, err)
	case errors.Is(err, errNoStatus) || errors.Is(err, io.ErrUnexpectedEOF) || isNetError(err):
		e := readError(addr, err)
		if x.body.expect100 && errors.Is(err, os.ErrDeadlineExceeded) {
			// Apache's answer to any timeout of a request that went with
			// "Expect: 100-continue", whether the 100 came or not.
			e.Status, e.Message = http.StatusServiceUnavailable, "Timeout on 100-Continue"
		}
		return e
	}
	return badGateway("AH01106: bad HTTP/1.1 header returned by "+x.req.HTTP.URL.Path+" ("+x.req.HTTP.Method+")", "", err)
}

func isNetError(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, net.ErrClosed) || errors.Is(err, syscall.ECONNRESET)
}

// release gives the connection back to the pool when reusable, or
// closes it.
func (x *exchange) release(reusable bool) {
	stopped := x.stop()
	if reusable && stopped {
		x.p.pool.put(x.conn)
		return
	}
	x.conn.conn.Close()
}

// dialAddr is host:port for a backend's host[:port], whose port is left
// out when it is http's.
func dialAddr(host string) string {
	if strings.HasSuffix(host, "]") || !strings.Contains(host, ":") {
		return host + ":80"
	}
	return host
}

func hostOnly(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		return host
	}
	return addr
}
