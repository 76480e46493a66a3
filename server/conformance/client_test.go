package conformance

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http/httputil"
	"strconv"
	"strings"
	"time"
)

// offer is how the client connects: plain, or TLS with the given SNI,
// versions, cipher suites and ALPN protocols.
type offer struct {
	Plain    bool     // plain TCP, even to a TLS port
	SNI      string   // the server name sent; "" sends none
	Min, Max uint16   // TLS versions offered; 0: Go's defaults
	Ciphers  []uint16 // TLS 1.0–1.2 suites offered; nil: Go's defaults
	ALPN     []string // protocols offered; nil: none
}

// answer is what the client saw of one exchange, raw.
type answer struct {
	TLS     *tls.ConnectionState // nil when plain or when the handshake failed
	Refused bool                 // the TLS handshake failed
	Interim []string             // 1xx status lines before the answer
	Sent    bool                 // the request went out (after the handshake, if any)
	Status  string               // the status line; "" when the server closed first
	Header  []string             // "Name: value" in wire order
	Framing string               // "length", "chunked", "close" or "none"
	Body    string
	Err     string // what broke the exchange, if anything
}

// exchange dials addr, connects as o says and, when request is not
// empty, sends it and reads the answer.
func exchange(addr string, o offer, request string) answer {
	var a answer
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		a.Err = err.Error()
		return a
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if !o.Plain {
		tc := tls.Client(c, o.config())
		if err := tc.Handshake(); err != nil {
			a.Refused = true
			return a
		}
		st := tc.ConnectionState()
		a.TLS = &st
		c = tc
	}
	if request == "" {
		return a
	}
	if _, err := io.WriteString(c, request); err != nil {
		a.Err = "write: " + err.Error()
		return a
	}
	a.Sent = true
	method, _, _ := strings.Cut(request, " ")
	if err := a.read(bufio.NewReader(c), method); err != nil {
		a.Err = err.Error()
	}
	return a
}

func (o offer) config() *tls.Config {
	return &tls.Config{
		ServerName:         o.SNI,
		InsecureSkipVerify: true, // the harness's own self-signed certificate
		MinVersion:         o.Min,
		MaxVersion:         o.Max,
		CipherSuites:       o.Ciphers,
		NextProtos:         o.ALPN,
	}
}

// read reads one answer, after any 1xx interim answers.
func (a *answer) read(br *bufio.Reader, method string) error {
	for {
		status, header, err := readAnswerHead(br)
		if err != nil {
			return err
		}
		if code := statusCode(status); code >= 100 && code < 200 {
			a.Interim = append(a.Interim, status)
			continue
		}
		a.Status, a.Header = status, header
		return a.readBody(br, method)
	}
}

func readAnswerHead(br *bufio.Reader) (string, []string, error) {
	status, err := br.ReadString('\n')
	if err != nil {
		return "", nil, fmt.Errorf("no answer: %w", err)
	}
	var header []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return "", nil, fmt.Errorf("head cut short: %w", err)
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return strings.TrimRight(status, "\r\n"), header, nil
		}
		name, value, _ := strings.Cut(line, ":")
		header = append(header, name+": "+strings.TrimSpace(value))
	}
}

// readBody reads the body as the answer frames it (RFC 9112 section 6.3).
func (a *answer) readBody(br *bufio.Reader, method string) error {
	code := statusCode(a.Status)
	var body io.Reader
	switch {
	case method == "HEAD" || code == 204 || code == 304:
		a.Framing = "none"
		return nil
	case strings.EqualFold(headerValue(a.Header, "Transfer-Encoding"), "chunked"):
		a.Framing, body = "chunked", httputil.NewChunkedReader(br)
	case headerValue(a.Header, "Content-Length") != "":
		n, err := strconv.ParseInt(headerValue(a.Header, "Content-Length"), 10, 64)
		if err != nil {
			return err
		}
		a.Framing, body = "length", io.LimitReader(br, n)
	default:
		a.Framing, body = "close", br
	}
	b, err := io.ReadAll(io.LimitReader(body, 1<<20))
	a.Body = string(b)
	return err
}

func statusCode(status string) int {
	_, rest, _ := strings.Cut(status, " ")
	code, _ := strconv.Atoi(strings.SplitN(rest, " ", 2)[0])
	return code
}

// headerValue is the first value of the header name (any case).
func headerValue(header []string, name string) string {
	for _, h := range header {
		n, v, _ := strings.Cut(h, ": ")
		if strings.EqualFold(n, name) {
			return v
		}
	}
	return ""
}
