package proxy

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/headers"
)

// response is the head of a backend's answer, as read off the wire.
type response struct {
	status int
	// reason is the backend's reason phrase, which Apache passes on with
	// the status (r->status_line); empty when it sent none.
	reason string
	minor  int // HTTP/1.minor
	header headers.Table
	// startBody is a bogus header line that ProxyBadHeader StartBody made
	// the first bytes of the body.
	startBody string
}

// errNoStatus is a backend that closed or sent nothing before a status
// line.
var errNoStatus = errors.New("no status line")

// typicalFields is room for the header fields of most answers, so that
// reading them grows no table.
const typicalFields = 16

// readHead reads one response head: the status line (one empty line
// before it is skipped, as Apache does) and the header lines, folded lines
// joined. A line that does not fit lineBuffer fails.
func readHead(br *bufio.Reader, bad directives.ProxyBadHeader) (*response, error) {
	line, err := readLine(br)
	if err == nil && line == "" {
		line, err = readLine(br)
	}
	if err != nil {
		return nil, err
	}
	resp, err := parseStatus(line)
	if err != nil {
		return nil, err
	}
	for {
		line, err := readFolded(br)
		switch {
		case err != nil:
			return nil, err
		case line == "":
			return resp, nil
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok || name == "" {
			switch {
			case isStatusLine(line) || bad == directives.BadHeaderIgnore:
				continue // Apache skips a repeated status line, IIS's bug
			case bad == directives.BadHeaderStartBody:
				resp.startBody = line
				return resp, nil
			}
			return nil, fmt.Errorf("bad header line %q", line)
		}
		resp.header.Add(name, strings.Trim(value, " \t"))
	}
}

// statusError is a status line Apache refuses.
type statusError struct{ line string }

func (e statusError) Error() string { return "corrupt status line " + strconv.Quote(e.line) }

// parseStatus reads "HTTP/1.x NNN reason". Apache would pass an answer
// without a status line on as an HTTP/0.9 body; gohttpd refuses it.
func parseStatus(line string) (*response, error) {
	if !isStatusLine(line) || line[5] != '1' {
		return nil, statusError{line}
	}
	status, _ := strconv.Atoi(line[9:12])
	if status < 100 {
		return nil, statusError{line}
	}
	resp := &response{status: status, minor: int(line[7] - '0'), header: make(headers.Table, 0, typicalFields)}
	if len(line) > 13 && isBlank(line[12]) {
		resp.reason = line[13:]
	}
	return resp, nil
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isStatusLine matches Apache's mask "HTTP/#.# ###*".
func isStatusLine(s string) bool {
	if len(s) < 12 || !strings.HasPrefix(s, "HTTP/") || s[6] != '.' || s[8] != ' ' {
		return false
	}
	for _, i := range []int{5, 7, 9, 10, 11} {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// readLine reads one line without its CRLF or LF.
func readLine(br *bufio.Reader) (string, error) {
	b, err := br.ReadSlice('\n')
	if err != nil {
		if errors.Is(err, io.EOF) && len(b) == 0 {
			return "", errNoStatus
		}
		return "", err
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// readFolded reads a header line and the continuation lines (starting
// with a blank) that follow it.
func readFolded(br *bufio.Reader) (string, error) {
	line, err := readLine(br)
	if err != nil || line == "" {
		return line, err
	}
	for {
		next, err := br.Peek(1)
		if err != nil || (next[0] != ' ' && next[0] != '\t') {
			return line, nil
		}
		more, err := readLine(br)
		if err != nil {
			return "", err
		}
		if len(line)+len(more) > lineBuffer {
			return "", bufio.ErrBufferFull
		}
		line += more
	}
}

// hasNoBody reports whether an answer to method with status carries no
// body, whatever its headers say.
func hasNoBody(method string, status int) bool {
	return method == http.MethodHead || status == http.StatusNoContent ||
		status == http.StatusNotModified || status < 200
}

// bodyReader frames the answer's body from its headers. closeAfter is set
// when the body ends with the connection, which cannot be reused then.
func (r *response) bodyReader(br *bufio.Reader, method string) (body io.Reader, closeAfter bool, err error) {
	body, closeAfter, err = r.framedBody(br, method)
	if err == nil && r.startBody != "" {
		body = io.MultiReader(strings.NewReader(r.startBody), body)
	}
	return body, closeAfter, err
}

func (r *response) framedBody(br *bufio.Reader, method string) (io.Reader, bool, error) {
	if hasNoBody(method, r.status) {
		return http.NoBody, false, nil
	}
	if te, ok := r.header.Get("Transfer-Encoding"); ok {
		if !strings.EqualFold(lastToken(te), "chunked") {
			return nil, false, fmt.Errorf("unsupported Transfer-Encoding %q", te)
		}
		return &chunkedBody{r: httputil.NewChunkedReader(br), br: br}, false, nil
	}
	if cl, ok := r.header.Get("Content-Length"); ok {
		n, err := strconv.ParseInt(cl, 10, 64)
		if err != nil || n < 0 || cl[0] == '+' {
			return nil, false, fmt.Errorf("invalid Content-Length %q", cl)
		}
		return &sizedBody{r: br, left: n}, false, nil
	}
	return br, true, nil
}

func lastToken(v string) string {
	if i := strings.LastIndexByte(v, ','); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}

// sizedBody is a Content-Length body: ending early is an error, never a
// short body that looks whole.
type sizedBody struct {
	r    io.Reader
	left int64
}

func (s *sizedBody) Read(p []byte) (int, error) {
	if s.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > s.left {
		p = p[:s.left]
	}
	n, err := s.r.Read(p)
	s.left -= int64(n)
	if err == io.EOF && s.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	return n, err
}

// chunkedBody is a chunked body; at its end it reads and drops the
// trailer section, so the connection is ready for the next answer.
type chunkedBody struct {
	r    io.Reader
	br   *bufio.Reader
	done bool
}

func (c *chunkedBody) Read(p []byte) (int, error) {
	if c.done {
		return 0, io.EOF
	}
	n, err := c.r.Read(p)
	if err == io.EOF {
		for {
			line, lerr := readLine(c.br)
			if lerr != nil {
				return n, io.ErrUnexpectedEOF
			}
			if line == "" {
				break
			}
		}
		c.done = true
	}
	return n, err
}

// finished reports whether body was read to its end, so its connection
// is ready for the next request.
func finished(body io.Reader) bool {
	switch b := body.(type) {
	case *sizedBody:
		return b.left == 0
	case *chunkedBody:
		return b.done
	}
	return body == http.NoBody
}
