package http1

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
)

// Notes Apache's error page shows for header fields over its limits.
const (
	notesFieldSize = "Size of a request header field exceeds server limit."
	notesFields    = "The number of request header fields exceeds this server's limit."
)

// readFields reads the header fields up to the empty line as
// ap_get_mime_headers_core does: obs-fold lines joined with a space,
// trailing blanks dropped, names and values checked (strictly unless
// Unsafe), LimitRequestFields and LimitRequestFieldSize applied, and a
// name's repeated lines merged.
func readFields(br *bufio.Reader, h *Head, lim Limits) *Error {
	var last []byte // the field being read, with its folded lines
	count := 0
	for {
		line, err := readLine(br, lim.FieldSize+2, !lim.Unsafe)
		if err != nil {
			return fieldReadError(h, line, err)
		}
		line = trimTrailingBlanks(line)
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if e := fold(h, &last, line, lim); e != nil {
				return e
			}
			continue
		}
		if last != nil {
			count++
			if lim.Fields > 0 && count > lim.Fields {
				return &Error{Status: 400, Head: h, Notes: notesFields,
					Log: "AH00563: Number of request headers exceeds LimitRequestFields"}
			}
			if e := addField(h, string(last), lim.Unsafe); e != nil {
				return e
			}
		}
		if len(line) == 0 {
			break
		}
		last = append(last[:0], line...) // line is only good until the next read
	}
	for _, f := range h.Header {
		if len(f.Value) > lim.FieldSize {
			return &Error{Status: 400, Head: h, Notes: notesFieldSize,
				Log: "AH00560: Request header exceeds LimitRequestFieldSize after merging: " + clip(f.Name)}
		}
	}
	return nil
}

// fieldReadError is what a failed header-line read becomes.
func fieldReadError(h *Head, line []byte, err error) *Error {
	switch {
	case timedOut(err):
		return &Error{Status: 408, Head: h, Log: "AH00567: request failed: error reading the headers"}
	case errors.Is(err, errNoSpace):
		log := "AH00561: Request header exceeds LimitRequestFieldSize"
		if len(line) > 0 {
			log += ": " + clip(string(line))
		}
		return &Error{Status: 400, Head: h, Notes: notesFieldSize, Log: log}
	}
	return &Error{Status: 400, Head: h, Log: "AH00567: request failed: error reading the headers"}
}

// trimTrailingBlanks drops trailing spaces and tabs but never the last
// byte of the line.
func trimTrailingBlanks(line []byte) []byte {
	for len(line) > 1 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
		line = line[:len(line)-1]
	}
	return line
}

// fold appends an obs-fold line to the field before it, a space in the
// fold's place.
func fold(h *Head, last *[]byte, line []byte, lim Limits) *Error {
	if *last == nil {
		return &Error{Status: 400, Head: h, Log: "AH03442: Line folding encountered before first header line"}
	}
	if len(line) == 1 {
		return &Error{Status: 400, Head: h, Log: "AH03443: Empty folded line encountered"}
	}
	for len(line) > 1 && (line[1] == ' ' || line[1] == '\t') {
		line = line[1:]
	}
	if len(*last)+len(line)+1 >= lim.FieldSize {
		return &Error{Status: 400, Head: h, Notes: notesFieldSize,
			Log: "AH00562: Request header exceeds LimitRequestFieldSize after folding: " + clip(string(*last))}
	}
	*last = append(append(*last, ' '), line[1:]...)
	return nil
}

// addField checks one complete field line and adds it to the head,
// merging it into an earlier line of the same name.
func addField(h *Head, field string, unsafe bool) *Error {
	name, value, e := splitField(h, field, unsafe)
	if e != nil {
		return e
	}
	for i := range h.Header {
		if strings.EqualFold(h.Header[i].Name, name) {
			h.Header[i].Value += ", " + value
			return nil
		}
	}
	h.Header.Add(name, value)
	return nil
}

// loggedHead is what the error log quotes of a line that is not a field:
// Apache quotes its first 80 bytes, which for "Authorization Basic …"
// without its colon are the credentials; gohttpd quotes only the part
// before the first colon or blank, the would-be name.
func loggedHead(field string) string {
	if i := strings.IndexAny(field, ": \t"); i >= 0 {
		field = field[:i]
	}
	if len(field) > 80 {
		field = field[:80]
	}
	return field
}

// loggedValue is what the error log quotes of a malformed value: its
// first 80 bytes, as Apache, but never a credential's.
func loggedValue(name, value string) string {
	if strings.EqualFold(name, "Authorization") || strings.EqualFold(name, "Proxy-Authorization") {
		return "(credentials not logged)"
	}
	if len(value) > 80 {
		value = value[:80]
	}
	return value
}

// splitField takes a field line apart at its colon as Apache's strict
// (RFC 7230) or legacy parser does.
func splitField(h *Head, field string, unsafe bool) (name, value string, e *Error) {
	bad := func(log string) (string, string, *Error) {
		return "", "", &Error{Status: 400, Head: h, Log: log}
	}
	head := loggedHead(field)
	if unsafe {
		colon := strings.IndexByte(field, ':')
		switch {
		case colon < 0:
			return bad("AH00564: Request header field is missing ':' separator: " + head)
		case colon == 0:
			return bad("AH03453: Request header field name was empty")
		case strings.ContainsAny(field[:colon], "\t\n\v\f\r "):
			return bad("AH03452: Request header field name presented invalid whitespace")
		}
		value = strings.TrimLeft(field[colon+1:], " \t")
		if strings.ContainsAny(value, "\n\v\f\r") {
			return bad("AH03451: Request header field value presented bad whitespace")
		}
		return field[:colon], value, nil
	}
	colon := scan(field, 0, isTokenChar)
	if colon == 0 || colon >= len(field) || field[colon] != ':' {
		return bad("AH02426: Request header field name is malformed: " + head)
	}
	value = strings.TrimLeft(field[colon+1:], " \t")
	for i := 0; i < len(value); i++ {
		if c := value[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return bad(fmt.Sprintf("AH02427: Request header value is malformed: %s", loggedValue(field[:colon], value)))
		}
	}
	return field[:colon], value, nil
}
