package errorpage

import (
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

func TestSignatureLinksURLAdmin(t *testing.T) {
	t.Parallel()
	s := Signature{Mode: directives.SignatureEMail, Banner: "gohttpd", ServerName: "reg<1>", Port: 5043}
	for admin, want := range map[string]string{
		"https://example.org/help?a&b": `<a href="https://example.org/help?a&amp;b">reg&lt;1&gt;</a> Port 5043`,
		"ops@example.org":              `<a href="mailto:ops@example.org">`,
		":not-a-url":                   `<a href="mailto::not-a-url">`,
		"we b:x":                       `<a href="mailto:we b:x">`,
	} {
		if got := s.Line(admin); !strings.Contains(got, want) {
			t.Errorf("admin %q: %q lacks %q", admin, got, want)
		}
	}
}

func TestSignatureOff(t *testing.T) {
	t.Parallel()
	for _, m := range []directives.ServerSignature{directives.SignatureUnset, directives.SignatureOff} {
		if got := (Signature{Mode: m, Banner: "x"}).Line("a"); got != "" {
			t.Errorf("mode %d: %q, want nothing", m, got)
		}
	}
}

func TestStatusLineDiffersFromGo(t *testing.T) {
	t.Parallel()
	for status, want := range map[int]string{
		413: "413 Request Entity Too Large",
		414: "414 Request-URI Too Long",
		416: "416 Requested Range Not Satisfiable",
		421: "421 Misdirected Request",
		422: "422 Unprocessable Entity",
		425: "500 Internal Server Error",
		418: "500 Internal Server Error",
		103: "103 Early Hints",
		42:  "500 Internal Server Error",
	} {
		if got := StatusLine(status); got != want {
			t.Errorf("StatusLine(%d) = %q, want %q", status, got, want)
		}
	}
}

func TestNoBodyFor204And304(t *testing.T) {
	t.Parallel()
	for _, s := range []int{204, 304} {
		if got := Body(s, PageInfo{}); got != "" {
			t.Errorf("Body(%d) = %q, want none", s, got)
		}
	}
}

func TestErrorNotesAndRecursiveError(t *testing.T) {
	t.Parallel()
	got := Body(502, PageInfo{ErrorNotes: "<em>Reason: x</em>", RecursiveError: 404})
	for _, want := range []string{
		"<p>The proxy server received an invalid\r\nresponse from an upstream server.<br />\r\n<em>Reason: x</em></p>\n",
		"<p>Additionally, a 404 Not Found\nerror was encountered while trying to use an ErrorDocument to handle the request.</p>\n</body></html>\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("page %q lacks %q", got, want)
		}
	}
	if got := Body(500, PageInfo{ErrorNotes: "note", VerboseErrorNotes: true}); !strings.Contains(got, "<h1>Internal Server Error</h1>\nnote<p />\n</body>") {
		t.Errorf("verbose 500: %q", got)
	}
}
