package http1

import "strings"

// Hostname finds the host a request names, as Apache's ap_parse_uri and
// ap_update_vhost_from_headers do: the authority of an absolute target
// whose scheme is the connection's (and then, strictly, the Host header
// is replaced by it), else the Host header. The name is lowercased, its
// port and a trailing dot dropped; an unusable name is refused with 400
// before any virtual host is chosen. port is the Host header's port, 0
// when it names none.
func Hostname(h *Head, scheme string, lim Limits) (host string, port int, e *Error) {
	uriName, uriPort, fromURI := targetAuthority(h.Target, scheme)
	header, hasHeader := h.Header.Get("Host")
	src := header
	if fromURI {
		src = uriName
	} else if header == "" {
		return "", 0, nil
	}
	bad := &Error{Status: 400, Head: h, Log: "AH00550: Client sent malformed Host header: " + src}
	if allDigits(src) {
		if lim.Unsafe {
			return src, 0, nil
		}
		bad.Log = "AH02416: [strict] purely numeric host names not allowed: " + src
		return "", 0, bad
	}
	name, port, v6 := uriName, uriPort, strings.Contains(uriName, ":")
	if !fromURI {
		var valid bool
		if name, port, v6, valid = splitHostPort(header); !valid {
			return "", 0, bad
		}
	}
	valid := false
	if v6 {
		name, valid = fixV6(name)
	} else {
		name, valid = fixName(name)
		valid = valid && (lim.Unsafe || strictName(name))
	}
	if !valid {
		return "", 0, bad
	}
	if fromURI && hasHeader && !lim.Unsafe {
		h.Header.Set("Host", hostHeader(name, v6, port))
	}
	return name, port, nil
}

// targetAuthority is the host (without brackets) and port of an absolute
// request-target with the connection's scheme: Apache ignores the host
// of a target with another scheme.
func targetAuthority(target, scheme string) (string, int, bool) {
	i := strings.Index(target, "://")
	if i <= 0 || !strings.EqualFold(target[:i], scheme) {
		return "", 0, false
	}
	rest := target[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if k := strings.LastIndexByte(rest, '@'); k >= 0 {
		rest = rest[k+1:]
	}
	name, port, _, valid := splitHostPort(rest)
	return name, port, valid && name != ""
}

// splitHostPort takes "host[:port]" or "[v6][:port]" apart as
// apr_parse_addr_port does; a port must be a number from 1 to 65535, and
// an IPv6 scope id is refused.
func splitHostPort(s string) (name string, port int, v6, ok bool) {
	rest := s
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 || strings.Contains(s[:end], "%") {
			return "", 0, false, false
		}
		name, rest, v6 = s[1:end], s[end+1:], true
		if rest == "" {
			return name, 0, true, true
		}
		if rest[0] != ':' {
			return "", 0, false, false
		}
	} else {
		i := strings.LastIndexByte(s, ':')
		if i < 0 {
			return s, 0, false, true
		}
		name, rest = s[:i], s[i:]
	}
	port, ok = parsePort(rest[1:])
	return name, port, v6, ok
}

// parsePort reads a port number 1–65535.
func parsePort(s string) (int, bool) {
	if s == "" || !allDigits(s) || len(s) > 5 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= 1 && n <= 65535
}

// fixName lowercases a host name and drops a trailing dot, refusing
// slashes, backslashes and empty labels (fix_hostname_non_v6).
func fixName(name string) (string, bool) {
	if strings.ContainsAny(name, "/\\") || strings.Contains(name, "..") {
		return "", false
	}
	name = strings.ToLower(name)
	return strings.TrimSuffix(name, "."), true
}

// fixV6 lowercases an IPv6 literal and checks it as
// fix_hostname_v6_literal: hex digits, colons and dots, one "::" at most,
// no ":." nor ".:" nor "..".
func fixV6(name string) (string, bool) {
	double := false
	for i := 0; i < len(name); i++ {
		c, next := name[i], byte(0)
		if i+1 < len(name) {
			next = name[i+1]
		}
		switch {
		case isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F':
		case c == ':' && next == ':':
			if double {
				return "", false
			}
			double = true
		case c == ':' && next == '.', c == '.' && (next == ':' || next == '.'):
			return "", false
		case c != ':' && c != '.':
			return "", false
		}
	}
	return strings.ToLower(name), true
}

// strictName is HttpProtocolOptions Strict's check of a host name
// (strict_hostname_check): letters, digits, '-', '_' and dots; a dotted
// quad without leading zeros; a top-level label starting with a letter.
func strictName(name string) bool {
	dotted, zeros, dots := true, false, 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '_':
			dotted = false
		case c == '.':
			dots++
			if i+2 < len(name) && name[i+1] == '0' && isDigit(name[i+2]) {
				zeros = true
			}
		case !isDigit(c):
			return false
		}
	}
	if dotted {
		if name != "" && (name[0] == '.' || name[0] == '0' && len(name) > 1 && isDigit(name[1])) {
			zeros = true
		}
		return !zeros && dots == 3
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && i+1 < len(name) {
		c := name[i+1]
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
	}
	return true
}

// hostHeader is the Host header Apache puts in place of the client's
// when the target named the host (construct_host_header).
func hostHeader(name string, v6 bool, port int) string {
	if v6 {
		name = strings.Trim(name, "[]")
		name = "[" + name + "]"
	}
	if port != 0 {
		return name + ":" + itoa(port)
	}
	return name
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
