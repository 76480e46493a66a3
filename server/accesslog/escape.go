package accesslog

import "strings"

// escape makes a value safe for a log line as Apache's ap_escape_logitem:
// quotes and backslashes get a backslash, control characters their C
// escape (\n, \t, …) or \xhh, and so do bytes outside printable ASCII.
func escape(s string) string {
	i := 0
	for i < len(s) && !needsEscape(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if !needsEscape(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('\\')
		switch c {
		case '\b':
			b.WriteByte('b')
		case '\n':
			b.WriteByte('n')
		case '\r':
			b.WriteByte('r')
		case '\t':
			b.WriteByte('t')
		case '\v':
			b.WriteByte('v')
		case '\\', '"':
			b.WriteByte(c)
		default:
			const hex = "0123456789abcdef"
			b.WriteByte('x')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func needsEscape(c byte) bool {
	return c < 0x20 || c >= 0x7f || c == '"' || c == '\\'
}
