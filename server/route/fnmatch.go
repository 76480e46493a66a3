package route

// fnmatchTest reports whether s holds wildcards, as apr_fnmatch_test:
// '*', '?', or a '[' closed by a later ']'. Apache matches such
// <Location>, <Directory> and <Proxy> paths with fnmatch, others by prefix.
func fnmatchTest(s string) bool {
	open := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?', '*':
			return true
		case '\\':
			i++
		case '[':
			open = true
		case ']':
			if open {
				return true
			}
		}
	}
	return false
}

// fnmatch matches name against pattern as apr_fnmatch with no flags, or
// with APR_FNM_PATHNAME when pathname is set: then '*', '?' and brackets
// never match '/'. A backslash quotes the next character.
func fnmatch(pattern, name string, pathname bool) bool {
	for len(pattern) > 0 {
		c := pattern[0]
		switch c {
		case '*':
			for len(pattern) > 0 && pattern[0] == '*' {
				pattern = pattern[1:]
			}
			for i := 0; i <= len(name); i++ {
				if fnmatch(pattern, name[i:], pathname) {
					return true
				}
				if i < len(name) && pathname && name[i] == '/' {
					return false
				}
			}
			return false
		case '?':
			if name == "" || pathname && name[0] == '/' {
				return false
			}
			pattern, name = pattern[1:], name[1:]
		case '[':
			if name == "" || pathname && name[0] == '/' {
				return false
			}
			rest, ok, matched := bracket(pattern[1:], name[0])
			if !ok { // no closing ']': a literal '['
				if name[0] != '[' {
					return false
				}
				pattern, name = pattern[1:], name[1:]
				continue
			}
			if !matched {
				return false
			}
			pattern, name = rest, name[1:]
		default:
			if c == '\\' && len(pattern) > 1 {
				pattern = pattern[1:]
				c = pattern[0]
			}
			if name == "" || name[0] != c {
				return false
			}
			pattern, name = pattern[1:], name[1:]
		}
	}
	return name == ""
}

// bracket matches c against a bracket expression whose body starts at p
// (after '['): "!" or "^" negates, a-z ranges. It returns the pattern
// after ']', whether the expression was closed, and whether c matched.
func bracket(p string, c byte) (string, bool, bool) {
	negate := false
	if p != "" && (p[0] == '!' || p[0] == '^') {
		negate, p = true, p[1:]
	}
	matched := false
	for i := 0; i < len(p); i++ {
		if p[i] == ']' && i > 0 {
			return p[i+1:], true, matched != negate
		}
		lo := p[i]
		if lo == '\\' && i+1 < len(p) {
			i++
			lo = p[i]
		}
		hi := lo
		if i+2 < len(p) && p[i+1] == '-' && p[i+2] != ']' {
			hi = p[i+2]
			i += 2
		}
		if lo <= c && c <= hi {
			matched = true
		}
	}
	return p, false, false
}
