// Package http1 reads HTTP/1.x requests off a connection as Apache httpd
// 2.4's core does (ap_read_request and its helpers, with the default
// HttpProtocolOptions Strict), and writes the head of an answer in
// Apache's shape. It knows nothing of virtual hosts or handlers: it says
// what the client sent, or the status Apache refuses it with.
package http1

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
)

// Errors from readLine, named as the APR codes ap_rgetline returns.
var (
	// errNoSpace is a line longer than its buffer (APR_ENOSPC).
	errNoSpace = errors.New("line too long")
	// errInvalid is a line with a NUL byte, or one ended by a bare LF
	// where CRLF is required (APR_EINVAL).
	errInvalid = errors.New("malformed line")
)

// readLine reads one line as ap_rgetline does with a buffer of n bytes:
// the line without its end, which must be CRLF when crlf is set. A line
// that does not fit (n-1 bytes and the CR, whose LF may overrun by one)
// gives errNoSpace with the n-1 bytes that fit; the rest of such a line is
// left unread, since the connection is given up anyway. The line may be
// br's own buffer: it is good until br's next read.
func readLine(br *bufio.Reader, n int, crlf bool) ([]byte, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if line == nil && err == nil {
			line = chunk // the whole line in the buffer: no copy
		} else {
			line = append(line, chunk...)
		}
		if len(line) > n && !fitsWithLF(line, n) {
			return line[:n-1], errNoSpace
		}
		if err == nil {
			break
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if len(line) > 0 && errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return line, err
	}
	body := line[:len(line)-1]
	switch {
	case len(body) > 0 && body[len(body)-1] == '\r':
		body = body[:len(body)-1]
	case crlf:
		return line, errInvalid
	}
	if i := bytes.IndexByte(body, 0); i >= 0 {
		return body[:i], errInvalid
	}
	return body, nil
}

// fitsWithLF reports whether a line one byte over n still fits because
// only its final LF overruns after a CR: Apache strips the CR into the
// NUL's place and accepts it.
func fitsWithLF(line []byte, n int) bool {
	return len(line) == n+1 && line[n] == '\n' && line[n-1] == '\r'
}

// timedOut reports whether err is a read that hit its deadline (Apache's
// APR_TIMEUP).
func timedOut(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
