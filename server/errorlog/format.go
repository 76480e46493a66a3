package errorlog

import (
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// line is one line being made: the entry and what the logger adds.
type line struct {
	e     *Entry
	now   time.Time
	pid   int
	level int // the message's level; -1 in request and connection lines
}

// item is one compiled ErrorLogFormat item.
type item struct {
	directives.ErrorLogItem
	value func(*line) string // nil for the message
}

// format is a compiled ErrorLogFormat.
type format []item

// compile turns the model's items into functions, once, at start.
func compile(items []directives.ErrorLogItem) format {
	f := make(format, 0, len(items))
	for _, it := range items {
		f = append(f, item{ErrorLogItem: it, value: itemValue(it)})
	}
	return f
}

// itemValue is the function printing one item, as Apache's handlers
// registered in ap_register_log_hooks.
func itemValue(it directives.ErrorLogItem) func(*line) string {
	arg := it.Arg
	switch it.Directive {
	case 0:
		return func(*line) string { return it.Literal }
	case 'M':
		return nil
	case 't':
		tf := timeItem(arg)
		return func(l *line) string { return tf(l.now) }
	case 'i', 'n', 'e':
		return tableItem(it.Directive, arg)
	case 'L':
		return logIDItem(arg)
	}
	return simpleItems[it.Directive]
}

// simpleItems are the items that take no argument of their own.
var simpleItems = map[byte]func(*line) string{
	'a': func(l *line) string { return l.e.Client },
	'A': func(l *line) string { return l.e.Local },
	'E': func(l *line) string { return statusText(l.e.Err) },
	'F': func(l *line) string {
		if l.e.File == "" {
			return ""
		}
		return l.e.File + "(" + strconv.Itoa(l.e.Line) + ")"
	},
	'k': func(l *line) string {
		if l.e.Client == "" {
			return ""
		}
		return strconv.Itoa(l.e.Keepalives)
	},
	'l': func(l *line) string {
		if l.level < 0 {
			return ""
		}
		return directives.LogPriority(l.level).String()
	},
	'm': func(l *line) string { return l.e.Module },
	'P': func(l *line) string { return strconv.Itoa(l.pid) },
	'T': func(l *line) string { return tidText() },
	'v': func(l *line) string { return l.e.VirtualHost },
	'V': func(l *line) string {
		if !l.e.Request {
			return ""
		}
		return l.e.ServerName
	},
}

// tableItem prints a request header, note or variable, escaped, for
// messages about a request.
func tableItem(d byte, name string) func(*line) string {
	return func(l *line) string {
		if !l.e.Request {
			return ""
		}
		switch d {
		case 'i':
			return escape(l.e.Header.Get(name))
		case 'n':
			return escape(l.e.Notes[name])
		}
		return escape(l.e.Env[name])
	}
}

// logIDItem is %L: the request's log id, or with {c} the connection's,
// and with {C} the connection's in lines not about a request, as
// Apache's log_log_id reads its argument.
func logIDItem(arg string) func(*line) string {
	switch arg {
	case "c":
		return func(l *line) string { return l.e.ConnLogID }
	case "C":
		return func(l *line) string {
			if l.e.Request {
				return ""
			}
			return l.e.ConnLogID
		}
	}
	return func(l *line) string { return l.e.LogID }
}

func tidText() string {
	if t := tid(); t != 0 {
		return strconv.Itoa(t)
	}
	return ""
}

// write appends the line f makes to b, as Apache's do_errorlog_format: a
// field whose item is empty is dropped up to the field's start, unless
// the item asks for "-" or, being required, drops the whole line (false).
func (f format) write(b *strings.Builder, l *line) bool {
	fieldStart, skipping := b.Len(), false
	for _, it := range f {
		if it.FieldSep {
			if skipping {
				skipping = false
			} else {
				fieldStart = b.Len()
			}
		}
		if it.value == nil {
			b.WriteString(escape(l.e.text()))
			continue
		}
		if skipping {
			continue
		}
		if l.level >= 0 && it.MinLevel > l.level {
			truncate(b, fieldStart)
			skipping = true
			continue
		}
		switch v := it.value(l); {
		case v != "":
			b.WriteString(v)
		case it.Required:
			return false
		case it.HyphenIfEmpty:
			b.WriteByte('-')
		default:
			truncate(b, fieldStart)
			skipping = true
		}
	}
	return true
}

// truncate cuts b back to n bytes.
func truncate(b *strings.Builder, n int) {
	s := b.String()[:n]
	b.Reset()
	b.WriteString(s)
}
