package proxy

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/headers"
)

// PublicBase is how Apache's ap_construct_url starts a URL naming this
// server: scheme://host, with ":port" unless port is the scheme's default.
// host is what ap_get_server_name gives (the client's Host name under
// UseCanonicalName Off, ServerName under On), an IPv6 address without
// brackets; port is what ap_get_server_port gives.
func PublicBase(scheme, host string, port int) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port == 0 || port == 80 && scheme == "http" || port == 443 && scheme == "https" {
		return scheme + "://" + host
	}
	return scheme + "://" + host + ":" + strconv.Itoa(port)
}

// reverseMapped are the answer headers ProxyPassReverse rewrites.
var reverseMapped = []string{"Location", "Content-Location", "URI", "Destination"}

// dateHeaders are the answer headers Apache rewrites in RFC 1123 form.
var dateHeaders = []string{"Date", "Expires", "Last-Modified"}

// rewriteHeaders applies to each header line what Apache's
// process_proxy_header does: dates in RFC 1123 form and ProxyPassReverse
// on the headers that name URLs.
func rewriteHeaders(t headers.Table, req *Request) {
	for i, f := range t {
		switch {
		case nameIn(f.Name, dateHeaders):
			t[i].Value = canonDate(f.Value)
		case nameIn(f.Name, reverseMapped):
			t[i].Value = reverseMap(req.Dir.Reverse, f.Value, req.Base)
		}
	}
}

func nameIn(name string, names []string) bool {
	for _, n := range names {
		if strings.EqualFold(name, n) {
			return true
		}
	}
	return false
}

// canonDate rewrites an HTTP date in the preferred format, or leaves a
// value it cannot parse as it is (Apache's date_canon).
func canonDate(v string) string {
	t, err := http.ParseTime(v)
	if err != nil {
		return v
	}
	return t.UTC().Format(http.TimeFormat)
}

// reverseMap is Apache's ap_proxy_location_reverse_map: the first rule
// whose backend URL starts url (compared ignoring case) replaces that
// start with the rule's path; a rule URL that is a path matches the path
// of an absolute url. A result that is not absolute gets base in front.
func reverseMap(rules []directives.ProxyReverseRule, url, base string) string {
	for _, rule := range rules {
		real, part := rule.URL, url
		if strings.HasPrefix(real, "/") {
			if _, after, ok := strings.Cut(url, "://"); ok {
				if i := strings.IndexByte(after, '/'); i >= 0 {
					part = after[i:]
				}
			}
		}
		if real == "" || len(part) < len(real) || !strings.EqualFold(part[:len(real)], real) {
			continue
		}
		u := rule.Path + part[len(real):]
		if isURL(u) {
			return u
		}
		return base + u
	}
	return url
}

// isURL is Apache's ap_is_url: a scheme of letters, digits, '+', '-' or
// '.' and a colon.
func isURL(u string) bool {
	i := strings.IndexByte(u, ':')
	if i <= 0 {
		return false
	}
	for _, c := range []byte(u[:i]) {
		if !isAlnum(c) && c != '+' && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
