package errorpage

import (
	"html"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

// FuzzBody fills every field of a page that comes from the request (the
// method, a redirect's Location, the Expect header, the host name the
// signature shows) with any text: the page must have exactly the markup
// it has with plain values, so request input never adds a '<', a '>' or
// a quote. EscapeHTML must read back to its input as HTML.
func FuzzBody(f *testing.F) {
	for _, s := range []struct {
		status int
		v      string
	}{
		{400, "<script>alert(1)</script>"}, {301, `"><img src=x>`}, {303, "&amp;"}, {405, "GET<"},
		{417, "100-continue\"'"}, {500, "<b>"}, {501, "&#60;"}, {413, ">"}, {411, "\x00<\xff"}, {404, ""},
	} {
		f.Add(s.status, s.v)
	}
	f.Fuzz(func(t *testing.T, status int, v string) {
		if got := html.UnescapeString(EscapeHTML(v)); got != v {
			t.Fatalf("EscapeHTML(%q) = %q reads back as %q", v, EscapeHTML(v), got)
		}
		if v == "" {
			return // an empty Expect gives the 417 page another text
		}
		status = 100 + (status%500+500)%500 // 100 to 599
		page := Body(status, info(v))
		plain := Body(status, info("v"))
		for _, c := range []string{"<", ">", `"`} {
			if strings.Count(page, c) != strings.Count(plain, c) {
				t.Fatalf("status %d with %q: %d of %s, %d with a plain value:\n%s", status, v, strings.Count(page, c), c, strings.Count(plain, c), page)
			}
		}
	})
}

// info is a page's request input, all v, with the signature on in its
// EMail form so that the host name and ServerAdmin show.
func info(v string) PageInfo {
	return PageInfo{Method: v, Location: "https://registry.example/" + v, Expect: v, ServerAdmin: "ops@" + v,
		Signature: Signature{Mode: directives.SignatureEMail, Banner: "Apache/2.4", ServerName: v, Port: 5043}}
}
