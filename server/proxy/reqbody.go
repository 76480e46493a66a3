package proxy

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/server/headers"
)

// maxPrefetch is how much of a request body Apache reads before it
// chooses the framing (mod_proxy_http's MAX_MEM_SPOOL): a body that ends
// within it goes with a Content-Length, even when the client sent it
// chunked.
const maxPrefetch = 16384

// bodyPlan is how the request body goes to the backend.
type bodyPlan struct {
	// framing is the header line that frames the body ("Content-Length"
	// or "Transfer-Encoding"); empty when the request has no body and
	// said nothing of one.
	framing headers.Field
	// prefix is the part of the body read before choosing the framing.
	prefix []byte
	// rest is what remains to be read from the client, nil when prefix is
	// the whole body.
	rest io.Reader
	// length is what rest must hold with a Content-Length, -1 when chunked.
	length int64
	// expect100 is set when the backend is asked for "100 Continue"
	// before the body is sent (Proxy100Continue, the default).
	expect100 bool
}

// planBody chooses the framing as mod_proxy_http's prefetch does. Without
// a 100-continue to forward it reads up to maxPrefetch bytes first: a body
// that ends there is sent with its length; otherwise a chunked body is
// sent chunked and a sized one with the client's Content-Length. With
// 100-continue nothing is read before the backend asks for it.
func planBody(req *Request) (*bodyPlan, *Error) {
	r := req.HTTP
	if te := r.Header.Get("Transfer-Encoding"); te != "" && !strings.EqualFold(te, "chunked") {
		// mod_proxy_http streams only a plain chunked body.
		return nil, &Error{Status: http.StatusInternalServerError, Reason: "AH01093: " + te + " Transfer-Encoding is not supported"}
	}
	chunked := len(r.TransferEncoding) > 0
	_, sized := r.Header["Content-Length"]
	hasBody := chunked || r.ContentLength > 0
	plan := &bodyPlan{length: r.ContentLength}
	plan.expect100 = hasBody && boolOr(req.Dir.Continue100, true) && r.ProtoAtLeast(1, 1) &&
		strings.EqualFold(r.Header.Get("Expect"), "100-continue")
	switch {
	case !hasBody:
		if sized || chunked {
			plan.framing = headers.Field{Name: "Content-Length", Value: "0"}
		}
		return plan, nil
	case plan.expect100:
		plan.rest = r.Body
		plan.framing = framingOf(chunked, r.ContentLength)
		return plan, nil
	}
	buf := make([]byte, maxPrefetch+1)
	n, err := io.ReadFull(r.Body, buf)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		plan.prefix, plan.length = buf[:n], int64(n)
		plan.framing = headers.Field{Name: "Content-Length", Value: strconv.Itoa(n)}
		return plan, nil
	case err != nil:
		return nil, clientBodyError(req.Target.Host, err)
	}
	plan.prefix, plan.rest = buf[:n], r.Body
	plan.framing = framingOf(chunked, r.ContentLength)
	if !chunked {
		plan.length = r.ContentLength - int64(n)
	}
	return plan, nil
}

func framingOf(chunked bool, length int64) headers.Field {
	if chunked {
		return headers.Field{Name: "Transfer-Encoding", Value: "chunked"}
	}
	return headers.Field{Name: "Content-Length", Value: strconv.FormatInt(length, 10)}
}

// chunked reports whether the body goes chunked.
func (b *bodyPlan) chunked() bool { return b.framing.Name == "Transfer-Encoding" }

// writePrefix writes the prefetched part of the body, framed.
func (b *bodyPlan) writePrefix(w *bufio.Writer) {
	if len(b.prefix) == 0 {
		return
	}
	if b.chunked() {
		w.WriteString(strconv.FormatInt(int64(len(b.prefix)), 16) + "\r\n")
		w.Write(b.prefix)
		w.WriteString("\r\n")
		return
	}
	w.Write(b.prefix)
}

// errClientBody marks a failure to read the client's body, so it is told
// apart from a failure to write to the backend.
type errClientBody struct{ err error }

func (e errClientBody) Error() string { return "reading the client's body: " + e.err.Error() }
func (e errClientBody) Unwrap() error { return e.err }

// clientReader tags the errors of reading the client's body.
type clientReader struct{ r io.Reader }

func (c clientReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		err = errClientBody{err}
	}
	return n, err
}

// writeRest streams what remains of the body to the backend through w,
// chunked or exactly length bytes, and ends a chunked body. buf bounds
// what is held at once.
func (b *bodyPlan) writeRest(w *bufio.Writer, buf []byte) error {
	if b.rest == nil {
		if b.chunked() {
			w.WriteString("0\r\n\r\n")
		}
		return w.Flush()
	}
	src := io.Reader(clientReader{b.rest})
	if !b.chunked() {
		n, err := io.CopyBuffer(w, io.LimitReader(src, b.length), buf)
		if err == nil && n < b.length {
			err = errClientBody{io.ErrUnexpectedEOF}
		}
		if err != nil {
			return err
		}
		return w.Flush()
	}
	cw := httputil.NewChunkedWriter(w)
	if _, err := io.CopyBuffer(flushingWriter{cw, w}, src, buf); err != nil {
		return err
	}
	cw.Close()
	w.WriteString("\r\n")
	return w.Flush()
}

// flushingWriter sends each chunk on at once, so a client that uploads
// slowly is not held back by the buffer (Apache passes what it reads).
type flushingWriter struct {
	w  io.Writer
	bw *bufio.Writer
}

func (f flushingWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if err == nil {
		err = f.bw.Flush()
	}
	return n, err
}
