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
	// unparsedQuery tells that unparsed lacks the "?" and query sent
	// after it, which unparsedURI adds: only nocanon rules need them.
	unparsedQuery bool
}

// unparsedURI is r->unparsed_uri: the target as sent.
func (t *target) unparsedURI() string {
	if t.unparsedQuery {
		return t.unparsed + "?" + t.query
	}
	return t.unparsed
}

// parseTarget recovers the request-target net/http read from u and checks
// it as Apache's ap_parse_request_line does; a non-zero status is
// Apache's answer. u.RawPath holds the path as sent whenever it differs
// from Go's own encoding of u.Path, so the bytes are exact either way.
func parseTarget(method string, u *url.URL, strict bool) (target, int) {
	if method == http.MethodConnect {
		return connectTarget(u)
	}
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
	t.unparsedQuery = t.hasQuery
	// net/http keeps a '#' in the path or query; Apache parses it as a
	// fragment, which a strict server refuses (AH02421).
	if strict && (strings.IndexByte(raw, '#') >= 0 || strings.IndexByte(t.query, '#') >= 0) {
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

// connectTarget checks the target of a CONNECT as Apache's ap_parse_uri
// does: only host:port (apr_uri_parse_hostinfo: a colon, then digits) is
// one, anything else is 400 with r->uri the target as sent. A host:port
// target has no path, so Apache maps the request as "/": without a
// forward proxy (ProxyRequests) it meets the sections and the ProxyPass
// rules of "/" like a GET of "/" would, and is never a tunnel.
func connectTarget(u *url.URL) (target, int) {
	// net/http reads a target not starting with '/' as an authority into
	// u.Host; what follows it, if anything, lands in the path and query.
	raw := u.Host + u.EscapedPath()
	if u.User != nil {
		raw = u.User.String() + "@" + raw
	}
	if u.ForceQuery || u.RawQuery != "" {
		raw += "?" + u.RawQuery
	}
	if u.Host == "" || u.User != nil || !isHostPort(raw) {
		return target{path: raw, unparsed: raw}, http.StatusBadRequest
	}
	return target{path: "/", unparsed: raw}, 0
}

// isHostPort reports whether s is host:port as apr_uri_parse_hostinfo
// takes it: the port after the first colon (after "]" for an IPv6
// literal) is non-empty and all digits; the host may be empty.
func isHostPort(s string) bool {
	var port string
	if strings.HasPrefix(s, "[") {
		_, after, ok := strings.Cut(s, "]")
		if !ok || !strings.HasPrefix(after, ":") {
			return false
		}
		port = after[1:]
	} else {
		_, after, ok := strings.Cut(s, ":")
		if !ok {
			return false
		}
		port = after
	}
	return port != "" && strings.Trim(port, "0123456789") == ""
}
