package http1

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/gohttpd/gohttpd/server/headers"
)

// Limits are the core's settings that bound reading a request head.
type Limits struct {
	Line      int  // LimitRequestLine
	Fields    int  // LimitRequestFields; 0: no limit
	FieldSize int  // LimitRequestFieldSize
	Unsafe    bool // HttpProtocolOptions Unsafe (Strict otherwise)
	Allow09   bool // HttpProtocolOptions Allow0.9
	// Known reports whether a method is one the server registered; with
	// RegisteredOnly set, others are refused with 501.
	Known          func(method string) bool
	RegisteredOnly bool
}

// maxBlankLines is how many empty lines Apache skips before a request line
// (DEFAULT_LIMIT_BLANK_LINES).
const maxBlankLines = 10

// typicalFields is room for the header fields of most requests (a
// registry client sends about ten), so that reading them grows no table.
const typicalFields = 16

// Head is a request's line and header fields as Apache's request_rec
// holds them once read.
type Head struct {
	// Line is the request line as Apache rebuilds it, its parts joined by
	// single spaces (r->the_request, logged as %r).
	Line   string
	Method string
	// Target is the request-target as sent (r->unparsed_uri).
	Target string
	// Proto is the protocol as understood ("HTTP/1.1", "HTTP/0.9");
	// Major and Minor its numbers.
	Proto        string
	Major, Minor int
	// Header holds the fields in the order first seen, a name's repeated
	// lines merged into one with ", " (apr_table_compress).
	Header headers.Table
	// Ambiguous marks a request that came with both Content-Length and
	// Transfer-Encoding: its connection is not reused, so that no one
	// can read part of its body as another request.
	Ambiguous bool
}

// HTTP09 reports whether the request is a simple HTTP/0.9 one, answered
// with a body and no head.
func (h *Head) HTTP09() bool { return h.Major == 0 }

// AtLeast reports whether the request's protocol is major.minor or later.
func (h *Head) AtLeast(major, minor int) bool {
	return h.Major > major || h.Major == major && h.Minor >= minor
}

// Error is a request Apache refuses while reading it: the status, the
// error-notes its page shows, and what it logs.
type Error struct {
	Status int
	// Head is what was understood before the error: its Line is what the
	// access log shows as %r ("" when no line was read).
	Head *Head
	// Notes are the error-notes on Apache's error page.
	Notes string
	// Log is the error-log message, its AH number first; Apache logs
	// these at level info or debug.
	Log string
	// Silent marks a request that gets no answer at all: Apache gives up
	// a request line that timed out, logging it only when it was the
	// connection's first (408).
	Silent bool
}

func (e *Error) Error() string {
	if e.Log != "" {
		return fmt.Sprintf("%d: %s", e.Status, e.Log)
	}
	return strconv.Itoa(e.Status)
}

// ReadHead reads the next request's line and header fields. It returns
// io.EOF when the connection ended (or broke) before a request began,
// *Error for a request Apache refuses, and nil error otherwise; the
// header is checked for the framing of a body but not for Host, which the
// caller checks once it knows the scheme (see CheckHost).
func ReadHead(br *bufio.Reader, lim Limits) (*Head, error) {
	h := &Head{Header: make(headers.Table, 0, typicalFields)}
	line, err := readRequestLine(br, lim)
	if err != nil {
		return nil, lineError(h, line, err, lim)
	}
	if e := parseRequestLine(h, line, lim); e != nil {
		return nil, e
	}
	if h.HTTP09() {
		return h, nil
	}
	if e := readFields(br, h, lim); e != nil {
		return nil, e
	}
	if e := checkFraming(h); e != nil {
		return nil, e
	}
	return h, nil
}

// readRequestLine skips up to maxBlankLines empty lines and returns the
// first other line.
func readRequestLine(br *bufio.Reader, lim Limits) (string, error) {
	for blank := 0; ; blank++ {
		line, err := readLine(br, lim.Line+2, !lim.Unsafe)
		if err != nil || len(line) > 0 || blank >= maxBlankLines {
			return string(line), err
		}
	}
}

// lineError is what a failed request-line read becomes.
func lineError(h *Head, line string, err error, lim Limits) error {
	h.Major, h.Minor, h.Proto = 1, 0, "HTTP/1.0"
	switch {
	case errors.Is(err, errNoSpace):
		h.Line = line
		return &Error{Status: 414, Head: h,
			Log: fmt.Sprintf("AH00565: request failed: client's request-line exceeds LimitRequestLine (longer than %d)", lim.Line)}
	case errors.Is(err, errInvalid):
		h.Line = line
		return &Error{Status: 400, Head: h, Log: "AH00566: request failed: malformed request line"}
	case timedOut(err):
		return &Error{Status: 408, Head: h, Silent: true}
	}
	return io.EOF
}
