package http1

import (
	"strconv"
	"strings"
)

// checkFraming refuses a body Apache cannot delimit, as ap_read_request
// does: a Content-Length that is not a plain decimal number (two lines
// merged count as one invalid value), a Transfer-Encoding whose last
// coding is not chunked. With both, the Content-Length goes and the
// connection closes after the answer (see Head.CloseAfter).
func checkFraming(h *Head) *Error {
	clen, hasLen := h.Header.Get("Content-Length")
	if hasLen {
		if _, ok := ParseLength(clen); !ok {
			return &Error{Status: 400, Head: h,
				Log: "AH10242: client sent invalid Content-Length (" + clen + "): " + h.Target}
		}
	}
	tenc, hasTE := h.Header.Get("Transfer-Encoding")
	if !hasTE {
		return nil
	}
	if !IsChunked(tenc) {
		return &Error{Status: 400, Head: h,
			Log: "AH02539: client sent unknown Transfer-Encoding (" + tenc + "): " + h.Target}
	}
	if hasLen {
		h.Header.Unset("Content-Length")
		h.Ambiguous = true
	}
	return nil
}

// ParseLength reads a Content-Length as ap_parse_strict_length: decimal
// digits only, no sign, no overflow.
func ParseLength(s string) (int64, bool) {
	if s == "" || !isDigit(s[0]) {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// IsChunked reports whether a Transfer-Encoding ends with the chunked
// coding (ap_is_chunked).
func IsChunked(te string) bool {
	if strings.EqualFold(te, "chunked") {
		return true
	}
	const tok = "chunked"
	i := len(te) - len(tok)
	if i <= 0 || !strings.EqualFold(te[i:], tok) {
		return false
	}
	if c := te[i-1]; !isSpace(c) && c != ',' {
		return false
	}
	j := i - 1
	for j > 0 && te[j] == ' ' {
		j--
	}
	return te[j] == ',' || te[j] == ' '
}
