package parser

import (
	"bytes"
	"strings"
)

// MaxLineLength is the longest logical line Apache reads from a config
// file (VARBUF_MAX_LEN, 16 MiB); a longer one is an error.
const MaxLineLength = 16 << 20

// lineSource yields the logical lines of one file as Apache's
// ap_varbuf_cfg_getline does: a backslash right before the end of a physical
// line (LF or CRLF) joins the next line to it, and the joined line is trimmed
// of leading and trailing blanks. Comments are recognised only afterwards, so
// a comment ending in a backslash swallows the next line.
type lineSource struct {
	name string // the file's name, as errors name it
	data []byte
	off  int
	line int // number of the last physical line read, as Apache counts
}

func newLineSource(name string, data []byte) *lineSource {
	return &lineSource{name: name, data: data}
}

// next returns the next logical line and the number of its last physical
// line, which is the line Apache reports for it. ok is false at the end.
func (s *lineSource) next() (text string, line int, ok bool, err error) {
	var b strings.Builder
	started := false
	for {
		// Apache counts a line before reading it, so a continuation on the
		// last line of a file counts one line past the end.
		s.line++
		if s.off >= len(s.data) {
			if !started {
				return "", s.line, false, nil
			}
			break
		}
		started = true
		phys, ended := s.physical()
		body := phys
		if ended {
			body = strings.TrimSuffix(strings.TrimSuffix(body, "\n"), "\r")
			if strings.HasSuffix(body, `\`) {
				b.WriteString(body[:len(body)-1])
				if b.Len() > MaxLineLength {
					return "", s.line, false, lineTooLong(s.name, s.line)
				}
				continue
			}
		}
		b.WriteString(body)
		break
	}
	if b.Len() > MaxLineLength {
		return "", s.line, false, lineTooLong(s.name, s.line)
	}
	return strings.Trim(b.String(), blanks), s.line, true, nil
}

// physical reads one physical line. ended reports whether it ended in LF.
// Apache reads lines as C strings, so a NUL byte ends the line's text: what
// follows it up to the newline is lost, and no continuation is seen.
func (s *lineSource) physical() (text string, ended bool) {
	rest := s.data[s.off:]
	n := bytes.IndexByte(rest, '\n')
	var raw []byte
	if n < 0 {
		raw = rest
		s.off = len(s.data)
	} else {
		raw = rest[:n+1]
		s.off += n + 1
		ended = true
	}
	if z := bytes.IndexByte(raw, 0); z >= 0 {
		return string(raw[:z]), false
	}
	return string(raw), ended
}

func lineTooLong(file string, line int) error {
	return &Error{File: file, Line: line, Msg: "Could not read config file " + file + ": line too long"}
}

// Line is one logical line of a file read by Apache's line rules.
type Line struct {
	Text string // joined and trimmed
	Num  int    // number of its last physical line
}

// Lines returns the logical lines of data as Apache's ap_cfg_getline reads
// them (continuations joined, blanks trimmed), blank lines and comments
// included. Modules read their own files this way (htpasswd and group
// files). A line longer than max ends the reading with an error, as Apache
// stops reading there; max <= 0 means MaxLineLength.
func Lines(name string, data []byte, max int) ([]Line, error) {
	if max <= 0 {
		max = MaxLineLength
	}
	src := newLineSource(name, data)
	var out []Line
	for {
		text, n, ok, err := src.next()
		if err != nil {
			return out, err
		}
		if !ok {
			return out, nil
		}
		if len(text) > max {
			return out, lineTooLong(name, n)
		}
		out = append(out, Line{Text: text, Num: n})
	}
}
