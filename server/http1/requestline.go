package http1

import (
	"fmt"
	"strings"
)

// isSpace is C's isspace: the whitespace Apache's request-line parser
// skips and tests for.
func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// isTokenChar is RFC 7230's tchar (ap_scan_http_token).
func isTokenChar(c byte) bool {
	if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// isVisible is VCHAR or obs-text (ap_scan_vchar_obstext).
func isVisible(c byte) bool { return c > 0x20 && c != 0x7f }

// scan returns the index of the first byte of s from i that ok refuses.
func scan(s string, i int, ok func(byte) bool) int {
	for i < len(s) && ok(s[i]) {
		i++
	}
	return i
}

// lineFault is the first thing wrong with a request line, as Apache
// defers it until the line is taken apart (rrl_*).
type lineFault int

const (
	faultNone lineFault = iota
	faultMethod
	faultWhitespace
	faultExcessWhitespace
	faultMissingURI
	faultURI
	faultProtocol
	faultTrailing
	faultMethod09
	faultReject09
)

// requestLine is a request line taken apart as ap_parse_request_line does.
type requestLine struct {
	method, uri, protocol string
	trailing              string // text after the protocol (rrl_trailingtext)
	fault                 lineFault
}

// splitRequestLine takes a line apart into method, URI and protocol,
// noting the first fault, step for step as ap_parse_request_line: a fault
// found later only replaces an earlier one where Apache's does.
func splitRequestLine(line string, strict bool) requestLine {
	var rl requestLine
	note := func(f lineFault) {
		if rl.fault == faultNone {
			rl.fault = f
		}
	}
	n := len(line)
	i := 0
	if i < n && isSpace(line[i]) {
		note(faultWhitespace)
		for i < n && isSpace(line[i]) {
			i++
		}
	}
	start := i
	ok := isVisible
	if strict {
		ok = isTokenChar
	}
	ll := scan(line, i, ok)
	if (ll == start || ll < n && !isSpace(line[ll])) && rl.fault == faultNone {
		rl.fault = faultMethod
		if ll = indexSpace(line, ll); ll < 0 {
			rl.method = line[start:]
			return rl
		}
	}
	if strict && ll+1 < n && isSpace(line[ll+1]) {
		note(faultExcessWhitespace)
	}
	rl.method = line[start:ll]
	i = skipSpaces(line, ll, note)
	if i >= n {
		note(faultMissingURI)
	}
	start = i
	ll = scan(line, i, isVisible)
	if ll == start || ll < n && !isSpace(line[ll]) {
		rl.fault = faultURI
		if ll = indexSpace(line, ll); ll < 0 {
			rl.uri = line[start:]
			return rl
		}
	}
	if strict && ll+1 < n && isSpace(line[ll+1]) {
		note(faultExcessWhitespace)
	}
	rl.uri = line[start:ll]
	start = skipSpaces(line, ll, note)
	ll = scan(line, start, isVisible)
	rl.protocol = line[start:ll]
	switch {
	case ll < n && !isSpace(line[ll]):
		rl.fault = faultProtocol
	case strict && ll < n:
		rl.fault = faultExcessWhitespace
	default:
		if ll = skipSpaces(line, ll, note); ll < n {
			rl.trailing = line[ll:]
			note(faultTrailing)
		}
	}
	return rl
}

// skipSpaces skips whitespace from i, noting any that is not a space.
func skipSpaces(line string, i int, note func(lineFault)) int {
	for ; i < len(line) && isSpace(line[i]); i++ {
		if line[i] != ' ' {
			note(faultWhitespace)
		}
	}
	return i
}

// indexSpace is strpbrk(s+i, whitespace): the index of the next
// whitespace byte, -1 when none.
func indexSpace(s string, i int) int {
	for ; i < len(s); i++ {
		if isSpace(s[i]) {
			return i
		}
	}
	return -1
}

// parseRequestLine fills h from the request line as ap_parse_request_line
// does, or returns the error Apache answers it with.
func parseRequestLine(h *Head, line string, lim Limits) *Error {
	strict := !lim.Unsafe
	rl := splitRequestLine(line, strict)
	h.Method, h.Target = rl.method, rl.uri
	h.Line = joinNonEmpty(rl.method, rl.uri, rl.protocol)
	p := rl.protocol
	switch {
	case len(p) == 8 && p[:5] == "HTTP/" && isDigit(p[5]) && p[6] == '.' && isDigit(p[7]) && p[5] != '0':
		h.Major, h.Minor, h.Proto = int(p[5]-'0'), int(p[7]-'0'), p
	case len(p) == 8 && strings.EqualFold(p[:5], "HTTP/") && isDigit(p[5]) && p[6] == '.' && isDigit(p[7]) && p[5] != '0':
		h.Major, h.Minor, h.Proto = int(p[5]-'0'), int(p[7]-'0'), "HTTP"+p[4:]
		if strict && rl.fault == faultNone {
			rl.fault, h.Proto = faultProtocol, p
		}
	case p != "":
		h.Major, h.Minor, h.Proto = 0, 9, p
		if rl.fault == faultNone {
			rl.fault = faultProtocol
		}
	default:
		h.Major, h.Minor, h.Proto = 0, 9, "HTTP/0.9"
	}
	if h.HTTP09() && rl.fault == faultNone {
		switch {
		case !lim.Allow09:
			rl.fault = faultReject09
		case strict && h.Method != "GET":
			rl.fault = faultMethod09
		}
	}
	if rl.fault != faultNone {
		return lineRefused(h, faultLog(rl))
	}
	if lim.RegisteredOnly && lim.Known != nil && !lim.Known(h.Method) {
		return &Error{Status: 501, Head: h,
			Log: fmt.Sprintf("AH02423: HTTP Request Line; Unrecognized HTTP method: '%s' (disallowed by RegisteredMethods)", clip(h.Method))}
	}
	return nil
}

// lineRefused is a 400 for a request line; an HTTP/0.9-looking one is
// answered as HTTP/1.0.
func lineRefused(h *Head, log string) *Error {
	if h.HTTP09() {
		h.Major, h.Minor, h.Proto = 1, 0, "HTTP/1.0"
	}
	return &Error{Status: 400, Head: h, Log: log}
}

// faultLog is the message Apache logs for a request-line fault.
func faultLog(rl requestLine) string {
	const p = "HTTP Request Line; "
	switch rl.fault {
	case faultMethod:
		return fmt.Sprintf("AH03445: "+p+"Invalid method token: '%s'", clip(rl.method))
	case faultMethod09:
		return fmt.Sprintf("AH03444: "+p+"Invalid method token: '%s' (only GET is allowed for HTTP/0.9 requests)", clip(rl.method))
	case faultMissingURI:
		return "AH03446: " + p + "Missing URI"
	case faultURI:
		return fmt.Sprintf("AH03454: "+p+"URI incorrectly encoded: '%s'", clip(rl.uri))
	case faultWhitespace:
		return "AH03447: " + p + "Invalid whitespace"
	case faultExcessWhitespace:
		return "AH03448: " + p + "Excess whitespace (disallowed by HttpProtocolOptions Strict)"
	case faultTrailing:
		return fmt.Sprintf("AH03449: "+p+"Extraneous text found '%s' (perhaps whitespace was injected?)", clip(rl.trailing))
	case faultReject09:
		return "AH02401: " + p + "Rejected HTTP/0.9 request"
	}
	return fmt.Sprintf("AH02418: "+p+"Unrecognized protocol '%s' (perhaps whitespace was injected?)", clip(rl.protocol))
}

// clip is how Apache logs a field of the request line: at most 80 bytes,
// up to a colon (field_name_len).
func clip(s string) string {
	if i := strings.IndexByte(s, ':'); i >= 0 && i <= 80 {
		return s[:i]
	}
	if len(s) > 80 {
		return s[:80]
	}
	return s
}

func joinNonEmpty(parts ...string) string {
	out := parts[0]
	for _, p := range parts[1:] {
		if p != "" {
			out += " " + p
		}
	}
	return out
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
