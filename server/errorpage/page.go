package errorpage

import (
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// ContentType is the Content-Type of every page Body makes, as Apache
// sends it unless the suppress-error-charset variable is set.
const ContentType = "text/html; charset=iso-8859-1"

// doctype opens every page; Apache 2.4.71 switched it from HTML 2.0 to
// HTML 4.01 strict.
const doctype = `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">` + "\n"

// PageInfo is what of the request and the server a page may show. Fields
// a status's text does not use are ignored; all request input is escaped
// by Body.
type PageInfo struct {
	// Method is the request's method, named by the 405, 411, 413 and 501
	// texts.
	Method string
	// Location is the Location header of a redirect (3xx), linked from
	// the 301, 302, 303, 307 and 308 texts.
	Location string
	// Expect is the request's Expect header, quoted by the 417 text;
	// empty when the request had none.
	Expect string
	// ErrorNotes is the HTML a module left in the request's
	// "error-notes" note, which the 400, 403, 411, 414, 417, 451, 501
	// and 502 texts append unescaped, as Apache does.
	ErrorNotes string
	// VerboseErrorNotes is the "verbose-error-to" note being "*": a 500
	// then shows ErrorNotes instead of the text naming ServerAdmin.
	VerboseErrorNotes bool
	// Reason, when set, replaces the status's reason phrase in the
	// page's title and heading, as r->status_line does (ap_proxyerror's
	// "Proxy Error").
	Reason string
	// VariantList is the "variant-list" note of 300 and 406 answers.
	VariantList string
	// ServerAdmin is the virtual host's ServerAdmin, named by the 500
	// text and the EMail signature.
	ServerAdmin string
	// RecursiveError is the status an ErrorDocument failed with while
	// handling this error; 0 when none did.
	RecursiveError int
	// Signature is the ServerSignature line at the page's end.
	Signature Signature
}

// Signature is what Apache's ap_psignature prints: ServerSignature's
// setting for the request's location, the product string as ServerTokens
// makes it, and the server's name and port as the request sees them
// (UseCanonicalName decides; the caller resolves it).
type Signature struct {
	Mode       directives.ServerSignature
	Banner     string // "Apache/2.4.71 (Debian)": the caller's product string
	ServerName string
	Port       int
}

// Line returns the signature with its "<hr>" prefix, or "" when
// ServerSignature is Off or unset. admin is the ServerAdmin the EMail form
// links to: a URL as it is, anything else as a mailto: address.
func (s Signature) Line(admin string) string {
	if s.Mode != directives.SignatureOn && s.Mode != directives.SignatureEMail {
		return ""
	}
	port := strconv.FormatUint(uint64(uint32(s.Port)), 10)
	name := EscapeHTML(s.ServerName)
	if s.Mode == directives.SignatureEMail {
		scheme := "mailto:"
		if isURL(admin) {
			scheme = ""
		}
		return "<hr>\n<address>" + s.Banner + ` Server at <a href="` + scheme + EscapeHTML(admin) +
			`">` + name + "</a> Port " + port + "</address>\n"
	}
	return "<hr>\n<address>" + s.Banner + " Server at " + name + " Port " + port + "</address>\n"
}

// HasBody reports whether an answer with status carries a page: 204 and
// 304 never do (a HEAD request never does either; that is the caller's).
func HasBody(status int) bool { return status != 204 && status != 304 }

// Body returns the page Apache sends for status when no ErrorDocument
// replaces it: the title from the status line, the status's own text,
// and the signature. It is empty for statuses that carry no body.
func Body(status int, info PageInfo) string {
	if !HasBody(status) {
		return ""
	}
	title := StatusLine(status)
	if info.Reason != "" {
		title = title[:4] + info.Reason
	}
	var b strings.Builder
	b.WriteString(doctype)
	b.WriteString("<html><head>\n<title>" + title + "</title>\n</head><body>\n<h1>" + title[4:] + "</h1>\n")
	b.WriteString(cannedText(status, info))
	if info.RecursiveError != 0 {
		b.WriteString("<p>Additionally, a " + StatusLine(info.RecursiveError) +
			"\nerror was encountered while trying to use an ErrorDocument to handle the request.</p>\n")
	}
	b.WriteString(info.Signature.Line(info.ServerAdmin))
	b.WriteString("</body></html>\n")
	return b.String()
}

// isURL is Apache's ap_is_url: a scheme of letters, digits, '+', '-' or
// '.' and a colon.
func isURL(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for _, c := range []byte(s[:i]) {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// EscapeHTML escapes s as Apache's ap_escape_html: <, >, & and " become
// entities; everything else, the apostrophe and non-ASCII bytes included,
// stays as it is.
func EscapeHTML(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;", `"`, "&quot;")
