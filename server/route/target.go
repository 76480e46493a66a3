package route

import (
	"net/http"
	"net/url"
	"strings"
)

// target is the request-target as Apache's ap_parse_uri splits it: the
// path still %-encoded, the query (r->args) and the target as sent
// (r->unparsed_uri), which nocanon rules forward.
type target struct {
	path     string
	query    string
	hasQuery bool // a '?' was sent, even with nothing after it
	unparsed string
}

// parseTarget recovers the request-target net/http read from u and checks
// it as Apache's ap_parse_request_line does; a non-zero status is
// Apache's answer. u.RawPath holds the path as sent whenever it differs
// from Go's own encoding of u.Path, so the bytes are exact either way.
func parseTarget(method string, u *url.URL, strict bool) (target, int) {
	raw := u.RawPath
	if raw == "" {
		raw = u.EscapedPath()
	}
	if u.Opaque != "" {
		raw = u.Opaque
	}
	t := target{path: raw, query: u.RawQuery, hasQuery: u.ForceQuery || u.RawQuery != ""}
	t.unparsed = t.path
	if u.Scheme != "" {
		t.unparsed = u.Scheme + "://" + u.Host + raw
		if u.User != nil && strict {
			return t, http.StatusBadRequest // AH02422: no userinfo
		}
		if t.path == "" {
			t.path = "/"
		}
	}
	if t.hasQuery {
		t.unparsed += "?" + t.query
	}
	// net/http keeps a '#' in the path or query; Apache parses it as a
	// fragment, which a strict server refuses (AH02421).
	if strict && strings.ContainsRune(raw+t.query, '#') {
		return t, http.StatusBadRequest
	}
	if t.path == "*" && method == http.MethodOptions {
		return t, 0 // the only target that need not start with '/'
	}
	// Apache treats a leading "//" as a path, not an authority, and drops
	// the extra slashes before anything else looks at it.
	for strings.HasPrefix(t.path, "//") {
		t.path = t.path[1:]
	}
	if !strings.HasPrefix(t.path, "/") {
		return t, http.StatusBadRequest // RFC 7230 section 5.3
	}
	return t, 0
}
