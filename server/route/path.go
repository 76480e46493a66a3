package route

import (
	"net/http"
	"strings"
)

// isUnreserved reports whether c is an RFC 3986 unreserved character,
// which Apache decodes from %XX before anything matches the path.
func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// normalizeOpts are ap_normalize_path's flags as request processing uses
// them: never above the root, slashes merged unless MergeSlashes Off.
type normalizeOpts struct {
	mergeSlashes     bool
	decodeUnreserved bool
}

// normalize resolves "." and ".." segments, merges slashes and decodes
// %XX of unreserved characters as Apache's ap_normalize_path does; ok is
// false (Apache answers 400) for a bad %-escape, for ".." above the root,
// or for a path not starting with '/' ("*" passes untouched).
func normalize(path string, o normalizeOpts) (string, bool) {
	if path == "*" {
		return path, true
	}
	if path == "" || path[0] != '/' {
		return path, false
	}
	if isNormal(path, o) {
		return path, true // what every registry request is: nothing to copy
	}
	in := []byte(path)
	out := make([]byte, 0, len(in))
	out = append(out, '/')
	ok := true
	for l := 1; l < len(in); {
		if o.decodeUnreserved && in[l] == '%' {
			if l+2 < len(in) && isHex(in[l+1]) && isHex(in[l+2]) {
				if c := unhex(in[l+1])<<4 | unhex(in[l+2]); isUnreserved(c) {
					// Apache writes the decoded byte over the escape's last
					// character and reads on from there.
					l += 2
					in[l] = c
				}
			} else {
				ok = false
			}
		}
		if out[len(out)-1] == '/' {
			if n, skip := segmentSkip(in, l, &out, o, &ok); skip {
				l = n
				continue
			}
		}
		out = append(out, in[l])
		l++
	}
	return string(out), ok
}

// isNormal reports whether normalize would return path as it is: it
// holds no %-escape to decode and no segment that starts with a '.', nor
// one that is empty when slashes merge.
func isNormal(path string, o normalizeOpts) bool {
	for i := 1; i < len(path); i++ {
		switch path[i] {
		case '%':
			if o.decodeUnreserved {
				return false
			}
		case '.':
			if path[i-1] == '/' {
				return false
			}
		case '/':
			if o.mergeSlashes && path[i-1] == '/' {
				return false
			}
		}
	}
	return true
}

// segmentSkip handles the start of a segment at in[l]: merged slashes, "."
// and ".." (also ".%2e" when decoding). It returns where to read on and
// whether it consumed anything; ".." winds out back one segment.
func segmentSkip(in []byte, l int, out *[]byte, o normalizeOpts, ok *bool) (int, bool) {
	at := func(i int) byte {
		if i < len(in) {
			return in[i]
		}
		return 0
	}
	slashOrEnd := func(i int) bool { return i >= len(in) || in[i] == '/' }
	if o.mergeSlashes && in[l] == '/' {
		for l < len(in) && in[l] == '/' {
			l++
		}
		return l, true
	}
	if in[l] != '.' {
		return l, false
	}
	if slashOrEnd(l + 1) {
		return min(l+2, len(in)), true
	}
	n := l + 1
	dotdot := at(n) == '.'
	if !dotdot && o.decodeUnreserved && at(n) == '%' && at(n+1) == '2' && (at(n+2) == 'e' || at(n+2) == 'E') {
		n, dotdot = n+2, true
	}
	if !dotdot || !slashOrEnd(n+1) {
		return l, false
	}
	if w := *out; len(w) > 1 {
		w = w[:len(w)-1]
		for len(w) > 0 && w[len(w)-1] != '/' {
			w = w[:len(w)-1]
		}
		*out = w
	} else {
		*ok = false // above the root
	}
	return min(n+2, len(in)), true
}

// unescapeOpts are the flags of Apache's unescape of r->uri.
type unescapeOpts struct {
	forbidSlashes bool // AllowEncodedSlashes Off: %2F is a 404
	keepSlashes   bool // AllowEncodedSlashes NoDecode: %2F stays encoded
}

// unescape decodes %XX in the path as Apache's ap_unescape_url_ex with
// AP_UNESCAPE_URL_KEEP_UNRESERVED. The status is 400 for a bad escape,
// 404 for %00 or a forbidden %2F, else 0.
func unescape(path string, o unescapeOpts) (string, int) {
	if strings.IndexByte(path, '%') < 0 {
		return path, 0
	}
	out := make([]byte, 0, len(path))
	badEsc, badPath := false, false
	for i := 0; i < len(path); i++ {
		c := path[i]
		if c != '%' {
			out = append(out, c)
			continue
		}
		if i+2 >= len(path) || !isHex(path[i+1]) || !isHex(path[i+2]) {
			badEsc = true
			out = append(out, '%')
			continue
		}
		d := unhex(path[i+1])<<4 | unhex(path[i+2])
		switch {
		case d == 0 || o.forbidSlashes && d == '/':
			badPath = true
			out = append(out, d)
		case isUnreserved(d) || o.keepSlashes && d == '/':
			out = append(out, path[i:i+3]...)
		default:
			out = append(out, d)
		}
		i += 2
	}
	switch {
	case badEsc:
		return string(out), http.StatusBadRequest
	case badPath:
		return string(out), http.StatusNotFound
	}
	return string(out), 0
}
