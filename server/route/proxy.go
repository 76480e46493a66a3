package route

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// Proxy is where a request goes when a ProxyPass rule maps it.
type Proxy struct {
	// Rule is the ProxyPass or ProxyPassMatch that matched.
	Rule *directives.ProxyPassRule
	// URL is the backend URL as mod_proxy_http canonicalizes it:
	// scheme://host[:port]/path[?query], the host lower-cased and the
	// scheme's default port left out.
	URL string
	// Scheme and Host ("host" or "host:port", an IPv6 address in
	// brackets) are URL's, for connecting.
	Scheme, Host string
	// RequestURI is the request-target sent to the backend: the path and
	// query exactly as Apache writes them on its request line.
	RequestURI string
}

// transResult is what one rule did to the request (ap_proxy_trans_match).
type transResult int

const (
	transNoMatch  transResult = iota // try the next rule
	transExcluded                    // a "!" rule matched: not proxied
	transProxied
	transError // the substitution failed: Apache answers 500
)

// ruleMatch is a matched rule's outcome: the backend URL before
// canonicalization (r->filename without "proxy:") and how to canonicalize.
type ruleMatch struct {
	rule     *directives.ProxyPassRule
	found    string
	nocanon  bool // the path in found is the target as sent
	noencode bool // mapping=encoded: the path in found is still encoded
}

// matchRule tries one rule against r->uri (uri) and, for nocanon, the
// target as sent (unparsed), as Apache's ap_proxy_trans_match does.
func matchRule(rule *directives.ProxyPassRule, uri, unparsed string) (ruleMatch, transResult) {
	m := ruleMatch{rule: rule, nocanon: rule.NoCanon, noencode: rule.Mapping == "encoded"}
	use := uri
	if m.nocanon {
		use = unparsed
	}
	if rule.Regex != nil {
		sub := rule.Regex.FindStringSubmatchIndex(uri)
		if sub == nil {
			return m, transNoMatch
		}
		if rule.Exclude {
			return m, transExcluded
		}
		if m.nocanon {
			if raw := rule.Regex.FindStringSubmatchIndex(unparsed); raw != nil {
				sub = raw
			} else {
				// Decoding made the path match: nocanon is unsafe, ignored.
				use, m.nocanon = uri, false
			}
		}
		var ok bool
		if m.found, ok = pregsub(rule.URL, use, sub); !ok {
			return m, transError // AH01135
		}
		if m.found == rule.URL {
			// No substitution: the path is appended (ProxyPassMatch \.gif url).
			m.found = rule.URL + use
		}
		return m, transProxied
	}
	n := aliasMatch(uri, rule.Path)
	if n == 0 {
		return m, transNoMatch
	}
	if rule.Exclude {
		return m, transExcluded
	}
	if m.nocanon && aliasMatch(unparsed, rule.Path) != n {
		use, m.nocanon = uri, false
	}
	m.found = rule.URL + use[n:]
	return m, transProxied
}

// aliasMatch returns how many bytes of uri the prefix alias matches, as
// mod_proxy's alias_match: any run of '/' in either matches any run in the
// other, and the match must end at a segment boundary; 0 when it fails.
func aliasMatch(uri, alias string) int {
	a, u := 0, 0
	for a < len(alias) && u < len(uri) {
		if alias[a] == '/' {
			if uri[u] != '/' {
				return 0
			}
			for a < len(alias) && alias[a] == '/' {
				a++
			}
			for u < len(uri) && uri[u] == '/' {
				u++
			}
			continue
		}
		if uri[u] != alias[a] {
			return 0
		}
		u, a = u+1, a+1
	}
	if u == len(uri) && a != len(alias) {
		return 0
	}
	if a > 0 && alias[a-1] != '/' && u < len(uri) && uri[u] != '/' {
		return 0
	}
	return u
}

// pregsubMax is Apache's AP_PREGSUB_MAXLEN: a longer substitution fails.
const pregsubMax = 8 * 8192

// pregsub substitutes $0…$9 in tmpl from the match sub of src, as
// ap_pregsub; a backslash quotes the next character. ok is false when the
// result would reach pregsubMax bytes.
func pregsub(tmpl, src string, sub []int) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		no := -1
		switch {
		case c == '$' && i+1 < len(tmpl) && tmpl[i+1] >= '0' && tmpl[i+1] <= '9':
			no = int(tmpl[i+1] - '0')
			i++
		case c == '\\' && i+1 < len(tmpl):
			i++
			c = tmpl[i]
		}
		if no < 0 {
			b.WriteByte(c)
			continue
		}
		if 2*no+1 < len(sub) && sub[2*no] >= 0 {
			b.WriteString(src[sub[2*no]:sub[2*no+1]])
		}
	}
	return b.String(), b.Len() < pregsubMax
}

// canonOpts says how mod_proxy_http canonicalizes the backend URL.
type canonOpts struct {
	query    *string // r->args: nil when the request had no '?'
	keep2F   bool    // AllowEncodedSlashes NoDecode in the final config
	nocanon  bool
	noencode bool
}

// canon turns a matched rule's URL into the backend's, as
// proxy_http_canon: the path re-encoded (unless nocanon or
// mapping=encoded) and the query appended as sent. The status is 400 for
// a URL Apache cannot parse, 403 for raw spaces or controls. The URL is
// written once; Host and RequestURI are parts of it.
func canon(m ruleMatch, o canonOpts) (*Proxy, int) {
	scheme, rest, ok := urlScheme(m.found)
	if !ok || !strings.HasPrefix(rest, "//") {
		return nil, http.StatusInternalServerError // no handler for it: Apache's 500
	}
	hostport, path, _ := strings.Cut(rest[2:], "/")
	if at := strings.LastIndexByte(hostport, '@'); at >= 0 {
		hostport = hostport[at+1:] // user:password never reaches the backend
	}
	host, ok := canonHost(hostport, scheme)
	if !ok {
		return nil, http.StatusBadRequest
	}
	search, encode := o.query, false
	switch {
	case m.nocanon:
		search = nil // the query is already in the path as sent
	case m.noencode:
	default:
		if encode = true; o.keep2F && !validEscapes(path) {
			return nil, http.StatusBadRequest
		}
	}
	if !encode && !allVchar(path) || search != nil && !allVchar(*search) {
		return nil, http.StatusForbidden // AH10415, AH10408
	}
	var b strings.Builder
	b.Grow(len(scheme) + len("://") + len(host) + 1 + 3*len(path) + 1 + len(o.queryText()))
	b.WriteString(scheme)
	b.WriteString("://")
	b.WriteString(host)
	b.WriteByte('/')
	if encode {
		writeEncPath(&b, path, o.keep2F)
	} else {
		b.WriteString(path)
	}
	if search != nil {
		b.WriteByte('?')
		b.WriteString(*search)
	}
	u := b.String()
	at := len(scheme) + len("://")
	return &Proxy{Rule: m.rule, URL: u, Scheme: scheme, Host: u[at : at+len(host)], RequestURI: u[at+len(host):]}, 0
}

// queryText is the query, "" when there is none.
func (o canonOpts) queryText() string {
	if o.query == nil {
		return ""
	}
	return *o.query
}

// urlScheme recognizes the schemes mod_proxy_http handles.
func urlScheme(u string) (scheme, rest string, ok bool) {
	scheme, rest, ok = strings.Cut(u, ":")
	scheme = strings.ToLower(scheme)
	switch scheme {
	case "http", "https", "ws", "wss":
		return scheme, rest, ok
	}
	return "", "", false
}

var defaultPorts = map[string]int{"http": 80, "https": 443, "ws": 80, "wss": 443}

// canonHost lower-cases the host and keeps the port only when it is not
// the scheme's, as ap_proxy_canon_netloc and proxy_http_canon. A host
// already written so is returned as it is, without a copy.
func canonHost(hostport, scheme string) (string, bool) {
	host, port, hostEnd := hostport, "", len(hostport)
	bracketed := strings.HasPrefix(host, "[")
	if bracketed {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return "", false
		}
		host, port, hostEnd = host[1:end], strings.TrimPrefix(host[end+1:], ":"), end+1
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host, port, hostEnd = host[:i], host[i+1:], i
	}
	if host == "" || strings.Contains(host, "%") {
		return "", false
	}
	keepPort := false
	if port != "" {
		n, err := strconv.Atoi(port)
		if err != nil || n < 0 || n > 65535 {
			return "", false
		}
		keepPort = n != 0 && n != defaultPorts[scheme]
	}
	lower := strings.ToLower(host) // host itself when already lower case
	v6 := strings.Contains(lower, ":")
	if lower == host && bracketed == v6 && (!keepPort || hostport[hostEnd] == ':') {
		return hostport[:hostEnd+len(port)+boolInt(keepPort)], true
	}
	if v6 {
		lower = "[" + lower + "]"
	}
	if !keepPort {
		return lower, true
	}
	return lower + ":" + port, true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// validEscapes reports whether every '%' in path starts a %XX escape.
func validEscapes(path string) bool {
	for i := 0; i < len(path); i++ {
		if path[i] == '%' && (i+2 >= len(path) || !isHex(path[i+1]) || !isHex(path[i+2])) {
			return false
		}
	}
	return true
}

// writeEncPath %-encodes the decoded path for the backend as
// ap_proxy_canonenc_ex with enc_path: '/' and the characters RFC 1738
// allows in a path stay, everything else is encoded (a '%' too). With
// keep2F (AllowEncodedSlashes NoDecode) a %2F left encoded in r->uri
// stays as it is; the caller has checked the escapes are valid then.
func writeEncPath(b *strings.Builder, path string, keep2F bool) {
	const allowed = "~$-_.+!*'(),;:@&="
	for i := 0; i < len(path); i++ {
		c := path[i]
		if keep2F && c == '%' {
			if d := unhex(path[i+1])<<4 | unhex(path[i+2]); d == '/' {
				b.WriteString(path[i : i+3])
				i += 2
				continue
			}
		}
		if c == '/' || isAlnum(c) || strings.IndexByte(allowed, c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789ABCDEF"[c>>4])
		b.WriteByte("0123456789ABCDEF"[c&15])
	}
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// allVchar reports whether s has only visible ASCII and obs-text bytes,
// as ap_scan_vchar_obstext reaching the end.
func allVchar(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}
