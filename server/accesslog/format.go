// Package accesslog is mod_log_config with mod_logio's and mod_ssl's
// items: it writes a request's access log line from a LogFormat exactly
// as Apache does, quoting and escaping included.
package accesslog

import (
	"slices"

	"github.com/gohttpd/gohttpd/directives"
)

// Format is a LogFormat compiled once at start: each item is a function
// of the request, so nothing is parsed while logging.
type Format struct {
	items []item
	// headers is set when an item reads a header, trailer or cookie, so
	// a server fills Entry's headers only for formats that print them.
	headers bool
}

// item is one compiled % item or constant text.
type item struct {
	literal    string
	value      valueFunc // nil: literal
	original   bool      // log the original request, not the redirected one
	conditions []int
	negate     bool
}

// valueFunc gives an item's text for a request; ok false logs "-", as
// Apache does for a missing value.
type valueFunc func(e *Entry) (s string, ok bool)

// New compiles a format of the model. Every item the model accepts has
// a function here.
func New(f *directives.LogFormat) *Format {
	out := &Format{items: make([]item, 0, len(f.Items))}
	for _, it := range f.Items {
		c := item{literal: it.Literal, original: it.Original,
			conditions: it.Conditions, negate: it.NegateConditions}
		if it.Directive != "" {
			c.value = compile(it.Directive, it.Arg)
			out.headers = out.headers || readsHeader(it.Directive)
		}
		out.items = append(out.items, c)
	}
	return out
}

// ReadsHeaders reports whether the format prints a request or response
// header, trailer or cookie (%i, %o, %^ti, %^to, %C): when it does not,
// Entry's header fields may be left nil, which spares a server copying
// them for every request.
func (f *Format) ReadsHeaders() bool { return f.headers }

// readsHeader reports whether a % directive reads Entry's headers.
func readsHeader(directive string) bool {
	switch directive {
	case "i", "o", "^ti", "^to", "C":
		return true
	}
	return false
}

// Line gives the log line for e, without the newline Apache ends it
// with.
func (f *Format) Line(e *Entry) string {
	return string(f.AppendLine(make([]byte, 0, 256), e))
}

// AppendLine appends the log line for e, without the newline, to dst: a
// server that writes lines from a reused buffer allocates nothing for
// the line itself.
func (f *Format) AppendLine(dst []byte, e *Entry) []byte {
	final := e
	for final.Redirected != nil {
		final = final.Redirected
	}
	for i := range f.items {
		dst = append(dst, f.items[i].text(e, final)...)
	}
	return dst
}

// text is an item's text: "-" when its status conditions exclude the
// final status or it has no value.
func (it *item) text(orig, final *Entry) string {
	if it.value == nil {
		return it.literal
	}
	if len(it.conditions) > 0 && slices.Contains(it.conditions, final.Status) == it.negate {
		return "-"
	}
	e := final
	if it.original {
		e = orig
	}
	if s, ok := it.value(e); ok {
		return s
	}
	return "-"
}
