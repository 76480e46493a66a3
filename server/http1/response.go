package http1

import (
	"bufio"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/server/errorpage"
	"github.com/gohttpd/gohttpd/server/headers"
)

// ErrBodyNotAllowed is a write of body bytes to an answer that has none.
var ErrBodyNotAllowed = errors.New("http1: this answer has no body")

// Response writes one answer to a request in Apache's shape: "HTTP/1.1"
// whatever the request's version, the status line from Apache's table,
// Date and Server first, then the fields in the order given; a body
// framed by its Content-Length, chunked for an HTTP/1.1 client, or ended
// by closing the connection for an older one. It is an
// http.ResponseWriter, so handlers written for net/http can use it.
type Response struct {
	bw   *bufio.Writer
	head *Head
	// Now gives the Date header's time; nil: time.Now.
	Now func() time.Time

	header  http.Header
	status  int
	sent    bool // the head is written
	noBody  bool // HEAD, 1xx, 204, 304: body bytes are dropped
	chunked bool
	left    int64 // bytes a Content-Length still allows, -1 when none
	// Written counts body bytes accepted.
	Written int64
	// Fields are the header fields sent, for the log.
	Fields headers.Table
}

// NewResponse returns the writer of the answer to h on bw.
func NewResponse(bw *bufio.Writer, h *Head) *Response {
	return &Response{bw: bw, head: h, header: http.Header{}, left: -1}
}

// Header is the field map WriteHeader sends (net/http's way); WriteHead
// takes an ordered table instead.
func (w *Response) Header() http.Header { return w.header }

// Status is the status written, 0 before the head.
func (w *Response) Status() int { return w.status }

// Sent reports whether the head was written.
func (w *Response) Sent() bool { return w.sent }

// WriteHeader writes the head from Header, names in sorted order.
func (w *Response) WriteHeader(status int) {
	if w.sent {
		return
	}
	names := make([]string, 0, len(w.header))
	for name := range w.header {
		names = append(names, name)
	}
	slices.Sort(names)
	var t headers.Table
	for _, name := range names {
		for _, v := range w.header[name] {
			t.Add(name, v)
		}
	}
	w.WriteHead(status, "", t)
}

// Framing says how an answer with the fields t would be delimited:
// known reports a length known without closing the connection (no body,
// a Content-Length, or chunks for an HTTP/1.1 client). Apache's
// ap_set_keepalive keeps a connection only then.
func (w *Response) Framing(status int, t headers.Table) (known bool) {
	if w.head.Method == http.MethodHead || noBodyStatus(status) {
		return true
	}
	if _, ok := t.Get("Content-Length"); ok {
		return true
	}
	return w.head.AtLeast(1, 1)
}

// WriteHead writes the status line and the fields t in order; reason,
// when set, replaces Apache's reason phrase (a backend's own, for a
// status Apache has none for).
func (w *Response) WriteHead(status int, reason string, t headers.Table) {
	if w.sent {
		return
	}
	w.sent, w.status = true, status
	t = slices.Clone(t)
	w.noBody = w.head.Method == http.MethodHead || noBodyStatus(status)
	if noBodyStatus(status) {
		t.Unset("Content-Length")
		t.Unset("Transfer-Encoding")
	}
	if cl, ok := t.Get("Content-Length"); ok {
		if n, ok := ParseLength(cl); ok {
			w.left = n
		}
		t.Unset("Transfer-Encoding")
	} else if !w.noBody && w.head.AtLeast(1, 1) {
		w.chunked = true
		t.Merge("Transfer-Encoding", "chunked")
	} else {
		t.Unset("Transfer-Encoding")
	}
	w.Fields = t
	if w.head.HTTP09() {
		return // a simple response is its body alone
	}
	line := errorpage.StatusLine(status)
	if reason != "" || !errorpage.Known(status) {
		if reason == "" {
			reason = http.StatusText(status)
		}
		line = strconv.Itoa(status) + " " + reason
	}
	b := w.bw
	b.WriteString("HTTP/1.1 ")
	b.WriteString(line)
	b.WriteString("\r\n")
	date, ok := t.Get("Date")
	if !ok {
		now := time.Now
		if w.Now != nil {
			now = w.Now
		}
		date = now().UTC().Format(http.TimeFormat)
	}
	writeField(b, "Date", date)
	if server, ok := t.Get("Server"); ok {
		writeField(b, "Server", server)
	}
	for _, f := range t {
		if strings.EqualFold(f.Name, "Date") || strings.EqualFold(f.Name, "Server") {
			continue
		}
		writeField(b, f.Name, f.Value)
	}
	b.WriteString("\r\n")
}

func writeField(b *bufio.Writer, name, value string) {
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
	b.WriteString("\r\n")
}

// noBodyStatus is a status whose answer never has a body
// (AP_STATUS_IS_HEADER_ONLY, and the 1xx).
func noBodyStatus(status int) bool {
	return status == http.StatusNoContent || status == http.StatusNotModified || status < 200
}

// Write sends body bytes, writing the head first if it is not yet.
func (w *Response) Write(p []byte) (int, error) {
	if !w.sent {
		w.WriteHeader(http.StatusOK)
	}
	if w.noBody {
		return len(p), nil
	}
	if w.left >= 0 && int64(len(p)) > w.left {
		return 0, errors.New("http1: body longer than its Content-Length")
	}
	if len(p) == 0 {
		return 0, nil
	}
	if w.chunked {
		w.bw.WriteString(strconv.FormatInt(int64(len(p)), 16))
		w.bw.WriteString("\r\n")
	}
	n, err := w.bw.Write(p)
	if w.chunked && err == nil {
		_, err = w.bw.WriteString("\r\n")
	}
	w.Written += int64(n)
	if w.left >= 0 {
		w.left -= int64(n)
	}
	return n, err
}

// Flush sends what is buffered.
func (w *Response) Flush() { _ = w.FlushError() }

// FlushError sends what is buffered, writing the head first if need be.
func (w *Response) FlushError() error {
	if !w.sent {
		w.WriteHeader(http.StatusOK)
	}
	return w.bw.Flush()
}

// Finish ends the answer: the last chunk of a chunked body, then a
// flush. complete reports whether the client got every byte the head
// announced: a short Content-Length answer means the connection must
// close for the client to notice.
func (w *Response) Finish() (complete bool, err error) {
	if !w.sent {
		w.WriteHeader(http.StatusOK)
	}
	if w.chunked {
		w.bw.WriteString("0\r\n\r\n")
	}
	return w.left <= 0 || w.noBody, w.bw.Flush()
}

// CloseDelimited reports whether the body ends only when the
// connection closes (no length for an HTTP/1.0 client).
func (w *Response) CloseDelimited() bool {
	return w.sent && !w.noBody && !w.chunked && w.left < 0
}

// Continue writes the interim "100 Continue" answer.
func Continue(bw *bufio.Writer) error {
	bw.WriteString("HTTP/1.1 100 Continue\r\n\r\n")
	return bw.Flush()
}
