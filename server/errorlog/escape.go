package errorlog

import "strings"

// escape makes s safe for one log line as Apache's
// ap_escape_errorlog_item: backslashes and control characters get a C
// escape (\n, \t, …) or \xhh, and so do bytes outside printable ASCII.
// Unlike the access log, a double quote stays as it is.
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
		writeEscaped(&b, s[i])
	}
	return b.String()
}

func writeEscaped(b *strings.Builder, c byte) {
	if !needsEscape(c) {
		b.WriteByte(c)
		return
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
	case '\\':
		b.WriteByte('\\')
	default:
		const hex = "0123456789abcdef"
		b.WriteByte('x')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
}

func needsEscape(c byte) bool { return c < 0x20 || c >= 0x7f || c == '\\' }
