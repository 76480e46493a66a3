package http1

import (
	"bufio"
	"io"
	"strings"
	"testing"
)

// FuzzReadHead reads arbitrary bytes as a request head and body: it never
// panics, and what it accepts is unambiguous: a request line without line
// breaks, token field names, values without control bytes, and never
// both a Content-Length and a Transfer-Encoding.
func FuzzReadHead(f *testing.F) {
	for _, seed := range []string{
		"GET / HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n0\r\nT: v\r\n\r\n",
		"POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
		"GET /x\r\n",
		"GET /x HTTP/1.1\r\nX: a\r\n b\r\n\r\n",
		"\r\n\r\nGET http://h:1/p?q HTTP/1.0\r\nHost: [::1]:80\r\n\r\n",
	} {
		f.Add(seed)
	}
	lim := Limits{Line: 100, Fields: 10, FieldSize: 100, Allow09: true}
	f.Fuzz(func(t *testing.T, in string) {
		br := bufio.NewReader(strings.NewReader(in))
		h, err := ReadHead(br, lim)
		if err != nil {
			return
		}
		if strings.ContainsAny(h.Line, "\r\n") {
			t.Fatalf("request line with a line break: %q", h.Line)
		}
		_, cl := h.Header.Get("Content-Length")
		_, te := h.Header.Get("Transfer-Encoding")
		if cl && te {
			t.Fatalf("both framings kept: %q", in)
		}
		for _, fl := range h.Header {
			if scan(fl.Name, 0, isTokenChar) != len(fl.Name) || fl.Name == "" {
				t.Fatalf("field name %q", fl.Name)
			}
			if strings.ContainsAny(fl.Value, "\r\n\x00") {
				t.Fatalf("field value %q", fl.Value)
			}
		}
		_, _, _ = Hostname(h, "http", lim)
		if b := NewBody(br, h, lim); b != nil {
			_, _ = io.Copy(io.Discard, b)
		}
	})
}
