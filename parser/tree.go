// Package parser reads Apache httpd configuration text into a tree of
// directives and sections, by Apache's own lexical rules (server/util.c and
// server/config.c): line continuation, comments, quoting, section nesting and
// the errors Apache gives for each. It knows no directive: directives that
// Apache runs while it reads a file (Define, Include, <IfModule> …) are
// handed to the caller's Hooks as they are met.
package parser

import (
	"fmt"
	"strings"
)

// Directive is one directive or section of a config file. A section's Name
// starts with "<" and its Children are the lines it encloses, as in Apache's
// ap_directive_t.
type Directive struct {
	// Name is the directive's name as written, e.g. "ProxyPass" or, for a
	// section, "<Location" (the name without its closing '>').
	Name string
	// Args is the rest of the line after ${VAR} expansion, unsplit: each
	// directive splits it by its own rule (see Words). A section keeps its
	// closing '>' here, as Apache does.
	Args string
	// File and Line say where the directive is; Line is the last physical
	// line of a continued line, as Apache counts.
	File string
	Line int

	Parent   *Directive
	Children []*Directive
}

// IsSection reports whether d is a section such as <Location …>.
func (d *Directive) IsSection() bool { return strings.HasPrefix(d.Name, "<") }

// Where names the directive's file and line for messages.
func (d *Directive) Where() string { return fmt.Sprintf("%s:%d", d.File, d.Line) }

// SectionArgs returns a section's argument text before its last '>', and
// false when there is no '>' (Apache's "directive missing closing '>'").
func (d *Directive) SectionArgs() (string, bool) {
	i := strings.LastIndexByte(d.Args, '>')
	if i < 0 {
		return "", false
	}
	return d.Args[:i], true
}

// Error is an error found while reading a config file, at the line Apache
// names for it.
type Error struct {
	File string
	Line int
	Msg  string // Apache's wording
	Err  error  // the cause, when there is one
}

func (e *Error) Error() string {
	return fmt.Sprintf("Syntax error on line %d of %s: %s", e.Line, e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

func errorAt(d *Directive, msg string) *Error {
	return &Error{File: d.File, Line: d.Line, Msg: msg}
}
