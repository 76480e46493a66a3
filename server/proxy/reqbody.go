package proxy

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	// ready is Request.BodyReady.
	ready func() bool
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
	plan := &bodyPlan{length: r.ContentLength, ready: req.BodyReady}
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
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		// The body ended, short of the buffer: io.ReadFull's own words.
		// The same errors wrapped are the client's connection ending
		// in the middle of the body, which must not go on as a whole one.
		plan.prefix, plan.length = buf[:n], int64(n)
		plan.framing = headers.Field{Name: "Content-Length", Value: strconv.Itoa(n)}
		return plan, nil
	case err != nil:
		addr := dialAddr(req.Target.Host)
		return nil, clientBodyError(addr, hostOnly(addr), req.ClientIP, cutShort(err), false)
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
		err = errClientBody{cutShort(err)}
	}
	return n, err
}

// cutShort makes a body the client's connection ended in the middle of
// (an end of file inside a chunk's framing too) an io.ErrUnexpectedEOF,
// as Apache sees every such body: APR_INCOMPLETE.
func cutShort(err error) error {
	if errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w: %w", io.ErrUnexpectedEOF, err)
	}
	return err
}

// writeRest streams what remains of the body to the backend through w,
// chunked or exactly length bytes, and ends a chunked body. buf bounds
// what is held at once. What has arrived from the client goes on to the
// backend at once, as Apache passes on what it reads: a slow upload is
// never held back. A chunk is framed in place and written in one write;
// a body with a length is written in writes of what has already arrived
// (see copySized).
func (b *bodyPlan) writeRest(w *bufio.Writer, buf []byte) error {
	if b.rest != nil {
		if err := w.Flush(); err != nil {
			return err
		}
		src := io.Reader(clientReader{b.rest})
		var err error
		if b.chunked() {
			err = copyChunked(w, src, buf, b.ready)
		} else {
			err = copySized(w, src, b.length, buf, b.ready)
		}
		if err != nil {
			return err
		}
	}
	if b.chunked() {
		w.WriteString("0\r\n\r\n")
	}
	return w.Flush()
}

// copySized copies exactly n bytes from src to w; fewer is
// errClientBody. What a read brings is written at once, together with
// what more ready says can be read without waiting (nil: nothing more),
// as far as buf holds: an upload never waits in buf for the client, and a
// fast one moves in large writes instead of one per TLS record.
func copySized(w *bufio.Writer, src io.Reader, n int64, buf []byte, ready func() bool) error {
	for n > 0 {
		m, err := readBatch(src, buf[:min(int64(len(buf)), n)], ready)
		if m > 0 {
			if _, werr := w.Write(buf[:m]); werr != nil {
				return werr
			}
			if werr := w.Flush(); werr != nil {
				return werr
			}
			n -= int64(m)
		}
		switch {
		case err == io.EOF && n > 0:
			return errClientBody{io.ErrUnexpectedEOF}
		case err != nil && err != io.EOF:
			return err
		}
	}
	return nil
}

// readBatch reads into buf what one read brings and then more, while
// ready says more can be read without waiting (nil: nothing more) and
// buf has minBatchRead free.
func readBatch(src io.Reader, buf []byte, ready func() bool) (int, error) {
	n, err := src.Read(buf)
	for err == nil && ready != nil && len(buf)-n >= minBatchRead && ready() {
		var k int
		k, err = src.Read(buf[n:])
		n += k
	}
	return n, err
}

// minBatchRead is the least room worth another read before a write.
const minBatchRead = 16 << 10

// chunkHeadRoom is the space kept in front of the data for a chunk's size
// line: up to 16 hex digits and CRLF.
const chunkHeadRoom = 18

// copyChunked copies src to w as chunks, each written with its size line
// and CRLF in a single write from buf. A chunk is what one read brings,
// with what more ready says can be read without waiting, as copySized
// gathers it: the client's chunk sizes are not kept, as Apache's are not.
func copyChunked(w *bufio.Writer, src io.Reader, buf []byte, ready func() bool) error {
	if len(buf) < chunkHeadRoom+3 {
		buf = make([]byte, chunkHeadRoom+3+4096)
	}
	data := buf[chunkHeadRoom : len(buf)-2]
	for {
		n, err := readBatch(src, data, ready)
		if n > 0 {
			head := strconv.AppendInt(buf[:0:chunkHeadRoom], int64(n), 16)
			head = append(head, '\r', '\n')
			start := chunkHeadRoom - len(head)
			copy(buf[start:], head)
			end := chunkHeadRoom + n
			buf[end], buf[end+1] = '\r', '\n'
			if _, werr := w.Write(buf[start : end+2]); werr != nil {
				return werr
			}
			if werr := w.Flush(); werr != nil {
				return werr
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
