package http1

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// BodyError is a request body Apache stops reading, with the status it
// answers (ap_map_http_request_error).
type BodyError struct {
	Status int
	Log    string
	Err    error
}

func (e *BodyError) Error() string {
	if e.Err != nil {
		return e.Log + ": " + e.Err.Error()
	}
	return e.Log
}

func (e *BodyError) Unwrap() error { return e.Err }

// StatusCode is the status Apache answers the request with.
func (e *BodyError) StatusCode() int { return e.Status }

// Body is a request body as the core's HTTP_IN filter delivers it: a
// Content-Length counted down or chunks decoded, trailers read and
// dropped, LimitRequestBody applied, and "100 Continue" sent before the
// first read when the client waits for it.
type Body struct {
	br      *bufio.Reader
	chunked bool
	// left is what remains of the body (Content-Length) or of the
	// current chunk; -1 before a chunked body's first size line.
	left int64
	// Limit is LimitRequestBody for this request (0: none); the handler
	// sets it before reading (Apache applies none to proxied requests).
	Limit int64
	read  int64
	lim   Limits
	done  bool
	err   error
	// Continue, when set, is called once before the first read that
	// needs data: the server sends "100 Continue" there.
	Continue func() error
}

// NewBody returns the body h announces, read from br; nil when the
// request has none.
func NewBody(br *bufio.Reader, h *Head, lim Limits) *Body {
	if te, ok := h.Header.Get("Transfer-Encoding"); ok && IsChunked(te) {
		return &Body{br: br, chunked: true, left: -1, lim: lim}
	}
	if cl, ok := h.Header.Get("Content-Length"); ok {
		if n, _ := ParseLength(cl); n > 0 {
			return &Body{br: br, left: n, lim: lim}
		}
	}
	return nil
}

// Close does nothing: what remains of a body is read or the connection
// closed by the server once the answer is sent.
func (b *Body) Close() error { return nil }

// Chunked reports whether the body came chunked.
func (b *Body) Chunked() bool { return b.chunked }

// Length is the Content-Length, -1 when chunked.
func (b *Body) Length() int64 {
	if b.chunked {
		return -1
	}
	return b.left + b.read
}

// Done reports whether the body was read to its end.
func (b *Body) Done() bool { return b.done }

// Read reads the body's next bytes.
func (b *Body) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if b.done {
		return 0, io.EOF
	}
	if b.Continue != nil {
		cont := b.Continue
		b.Continue = nil
		if err := cont(); err != nil {
			return 0, b.fail(&BodyError{Status: 400, Log: "sending 100 Continue", Err: err})
		}
	}
	if !b.chunked && b.read == 0 && b.Limit > 0 && b.left > b.Limit {
		return 0, b.fail(&BodyError{Status: 413, Log: fmt.Sprintf("AH01588: Requested content-length of %d is larger than the configured limit of %d", b.left, b.Limit)})
	}
	if b.chunked && b.left <= 0 {
		if err := b.nextChunk(); err != nil {
			return 0, b.fail(err)
		}
		if b.done {
			return 0, io.EOF
		}
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.br.Read(p)
	b.left -= int64(n)
	b.read += int64(n)
	if b.Limit > 0 && b.read > b.Limit {
		return n, b.fail(&BodyError{Status: 413, Log: fmt.Sprintf("AH01591: Read content-length of %d is larger than the configured limit of %d", b.read, b.Limit)})
	}
	switch {
	case err != nil && !errors.Is(err, io.EOF):
		return n, b.fail(readError(err))
	case n == 0 && err != nil:
		return 0, b.fail(&BodyError{Status: 400, Log: "the client closed the connection before the body ended", Err: io.ErrUnexpectedEOF})
	}
	if !b.chunked && b.left == 0 {
		b.done = true
	}
	return n, nil
}

// Ready reports whether the next Read returns data without waiting for
// the client: inside a chunk or a body with a length, when some of it is
// buffered or more reports that the connection has data to read at once;
// between chunks, only when the size line of a chunk that is not the last
// is buffered with data after it. Framing alone would leave a read
// waiting for what follows.
func (b *Body) Ready(more func() bool) bool {
	switch {
	case b.done || b.err != nil:
		return false
	case !b.chunked || b.left > 0:
		return b.br.Buffered() > 0 || more()
	}
	buf, _ := b.br.Peek(b.br.Buffered())
	if b.left == 0 { // the CRLF ending the chunk before
		i := bytes.IndexByte(buf, '\n')
		if i < 0 {
			return false
		}
		buf = buf[i+1:]
	}
	i := bytes.IndexByte(buf, '\n')
	if i < 0 || i == len(buf)-1 {
		return false
	}
	size, err := chunkSize(bytes.TrimSuffix(buf[:i], []byte("\r")))
	return err == nil && size > 0
}

func (b *Body) fail(err error) error {
	b.err = err
	return err
}

// readError maps a failed read as ap_map_http_request_error: a timeout
// is 408, anything else 400.
func readError(err error) *BodyError {
	if timedOut(err) {
		return &BodyError{Status: 408, Log: "reading the request body timed out", Err: err}
	}
	return &BodyError{Status: 400, Log: "reading the request body failed", Err: err}
}

// nextChunk reads the CRLF that ends a chunk's data (after the first
// chunk), then the next size line, and at the last chunk the trailers.
func (b *Body) nextChunk() error {
	strict := !b.lim.Unsafe
	if b.left == 0 {
		if line, err := readLine(b.br, 2, strict); err != nil || len(line) != 0 {
			return chunkError(err)
		}
	}
	line, err := readLine(b.br, b.lim.FieldSize+2, strict)
	if err != nil {
		return chunkError(err)
	}
	size, berr := chunkSize(line)
	if berr != nil {
		return berr
	}
	if size > 0 {
		b.left = size
		if b.Limit > 0 && b.read+size > b.Limit {
			return &BodyError{Status: 413, Log: fmt.Sprintf("AH01591: Read content-length of %d is larger than the configured limit of %d", b.read+size, b.Limit)}
		}
		return nil
	}
	h := &Head{}
	if e := readFields(b.br, h, b.lim); e != nil {
		return &BodyError{Status: e.Status, Log: fmt.Sprintf("AH02656: Error while reading HTTP trailer: %d", e.Status), Err: e}
	}
	b.done = true
	return nil
}

func chunkError(err error) *BodyError {
	if err != nil && timedOut(err) {
		return readError(err)
	}
	return &BodyError{Status: 400, Log: "AH01590: Error reading chunk", Err: err}
}

// chunkSize reads a chunk-size line as Apache's parse_chunk_size: hex
// digits (leading zeros aside, at most 63 bits: more is 413), up to ten
// blanks, then an extension after ';' with no control bytes but tabs.
func chunkSize(line []byte) (int64, *BodyError) {
	if len(line) == 0 || !isHex(line[0]) {
		return 0, chunkError(nil)
	}
	var n int64
	bits, blanks := 0, 0
	i := 0
	for ; i < len(line) && isHex(line[i]); i++ {
		if n == 0 && line[i] == '0' {
			continue
		}
		if bits += 4; bits > 64 {
			return 0, chunkTooLarge
		}
		if n = n<<4 | int64(hexVal(line[i])); n < 0 {
			return 0, chunkTooLarge
		}
	}
	for ; i < len(line) && (line[i] == ' ' || line[i] == '\t'); i++ {
		if blanks++; blanks > 10 {
			return 0, chunkError(nil)
		}
	}
	if i == len(line) {
		return n, nil
	}
	if line[i] != ';' {
		return 0, chunkError(nil)
	}
	for _, c := range line[i+1:] {
		if c < 0x20 && c != '\t' || c == 0x7f {
			return 0, chunkError(nil)
		}
	}
	return n, nil
}

// chunkTooLarge is a chunk size past 63 bits, which Apache answers 413.
var chunkTooLarge = &BodyError{Status: 413, Log: "AH01590: Error reading chunk: the size is too large"}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) byte {
	switch {
	case isDigit(c):
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
