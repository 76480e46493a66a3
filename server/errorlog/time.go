package errorlog

import (
	"strings"
	"time"
)

// ctime is the %t item without a strftime format: Apache's
// ap_recent_ctime_ex, "Sat Nov 28 15:27:02 2026", with microseconds
// after the seconds for 'u', "2026-11-28 15:27:02" for 'c' and the UTC
// offset (" +0100") added for 'z'.
func ctime(t time.Time, usec, compact, gmtoff bool) string {
	var b strings.Builder
	if compact {
		b.WriteString(t.Format("2006-01-02 15:04:05"))
	} else {
		b.WriteString(t.Format("Mon Jan 02 15:04:05"))
	}
	if usec {
		b.WriteString(t.Format(".000000"))
	}
	if !compact {
		b.WriteString(t.Format(" 2006"))
	}
	if gmtoff {
		b.WriteString(t.Format(" -0700"))
	}
	return b.String()
}

// timeItem returns the %{arg}t item's function: Apache's log_ctime. An
// argument with '%' is a strftime format; else its letters are the
// options u, c and z.
func timeItem(arg string) func(time.Time) string {
	if strings.IndexByte(arg, '%') >= 0 {
		return strftime(arg)
	}
	usec := strings.IndexByte(arg, 'u') >= 0
	compact := strings.IndexByte(arg, 'c') >= 0
	gmtoff := strings.IndexByte(arg, 'z') >= 0
	return func(t time.Time) string { return ctime(t, usec, compact, gmtoff) }
}

// strftimeLayouts are the strftime conversions an ErrorLogFormat time
// may use, as Go layouts.
var strftimeLayouts = map[byte]string{
	'a': "Mon", 'A': "Monday", 'b': "Jan", 'h': "Jan", 'B': "January", 'd': "02", 'e': "_2",
	'H': "15", 'I': "03", 'j': "002", 'm': "01", 'M': "04", 'p': "PM", 'S': "05", 'y': "06",
	'Y': "2006", 'z': "-0700", 'Z': "MST", 'T': "15:04:05", 'F': "2006-01-02", 'D': "01/02/06",
	'R': "15:04", 'c': "Mon Jan _2 15:04:05 2006", 'x': "01/02/06", 'X': "15:04:05",
}

// strftime compiles a strftime format at start into a function of the
// time. A conversion it does not know is written as it stands.
func strftime(format string) func(time.Time) string {
	var parts []func(*strings.Builder, time.Time)
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			parts = append(parts, literal(string(c)))
			continue
		}
		i++
		switch l, ok := strftimeLayouts[format[i]]; {
		case format[i] == '%':
			parts = append(parts, literal("%"))
		case format[i] == 'n':
			parts = append(parts, literal("\n"))
		case format[i] == 't':
			parts = append(parts, literal("\t"))
		case ok:
			parts = append(parts, func(b *strings.Builder, t time.Time) { b.WriteString(t.Format(l)) })
		default:
			parts = append(parts, literal(format[i-1:i+1]))
		}
	}
	return func(t time.Time) string {
		var b strings.Builder
		for _, p := range parts {
			p(&b, t)
		}
		return b.String()
	}
}

func literal(s string) func(*strings.Builder, time.Time) {
	return func(b *strings.Builder, _ time.Time) { b.WriteString(s) }
}
