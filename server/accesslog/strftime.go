package accesslog

import (
	"strconv"
	"strings"
	"time"
)

// compileStrftime compiles a C strftime format (glibc in the C locale,
// which Apache's %{format}t uses) into a function of the time. GNU's
// padding flags '-' (none), '_' (blanks) and '0' are understood, the E
// and O modifiers ignored; an unknown conversion is written as it stands.
func compileStrftime(format string) func(time.Time) string {
	var parts []func(*strings.Builder, time.Time)
	lit := func(s string) {
		parts = append(parts, func(b *strings.Builder, _ time.Time) { b.WriteString(s) })
	}
	for format != "" {
		i := strings.IndexByte(format, '%')
		if i < 0 {
			lit(format)
			break
		}
		if i > 0 {
			lit(format[:i])
		}
		spec := format[i:]
		j := 1
		pad := byte(0)
		if j < len(spec) && strings.IndexByte("-_0^#", spec[j]) >= 0 {
			pad, j = spec[j], j+1
		}
		if j < len(spec) && (spec[j] == 'E' || spec[j] == 'O') {
			j++
		}
		if j >= len(spec) {
			lit(spec)
			break
		}
		conv := spec[j]
		if f := conversion(conv, pad); f != nil {
			parts = append(parts, f)
		} else {
			lit(spec[:j+1])
		}
		format = spec[j+1:]
	}
	return func(t time.Time) string {
		var b strings.Builder
		for _, p := range parts {
			p(&b, t)
		}
		return b.String()
	}
}

// number writes n padded to width: with zeros by default (or blanks for
// the conversions whose default is blanks), as the flag says otherwise.
func number(width int, blank bool, pad byte, get func(time.Time) int) func(*strings.Builder, time.Time) {
	return func(b *strings.Builder, t time.Time) {
		s := strconv.Itoa(get(t))
		fill := "0"
		if (blank && pad != '0') || pad == '_' {
			fill = " "
		}
		if pad != '-' && len(s) < width {
			s = strings.Repeat(fill, width-len(s)) + s
		}
		b.WriteString(s)
	}
}

// layout writes the time in a Go layout.
func layout(l string) func(*strings.Builder, time.Time) {
	return func(b *strings.Builder, t time.Time) { b.WriteString(t.Format(l)) }
}

func conversion(c, pad byte) func(*strings.Builder, time.Time) {
	hour12 := func(t time.Time) int { return (t.Hour()+11)%12 + 1 }
	switch c {
	case 'a':
		return layout("Mon")
	case 'A':
		return layout("Monday")
	case 'b', 'h':
		return layout("Jan")
	case 'B':
		return layout("January")
	case 'c':
		return layout("Mon Jan _2 15:04:05 2006")
	case 'C':
		return number(2, false, pad, func(t time.Time) int { return t.Year() / 100 })
	case 'd':
		return number(2, false, pad, time.Time.Day)
	case 'D', 'x':
		return layout("01/02/06")
	case 'e':
		return number(2, true, pad, time.Time.Day)
	case 'F':
		return layout("2006-01-02")
	case 'G':
		return number(1, false, pad, func(t time.Time) int { y, _ := t.ISOWeek(); return y })
	case 'g':
		return number(2, false, pad, func(t time.Time) int { y, _ := t.ISOWeek(); return y % 100 })
	case 'H':
		return number(2, false, pad, time.Time.Hour)
	case 'I':
		return number(2, false, pad, hour12)
	case 'j':
		return number(3, false, pad, time.Time.YearDay)
	case 'k':
		return number(2, true, pad, time.Time.Hour)
	case 'l':
		return number(2, true, pad, hour12)
	case 'm':
		return number(2, false, pad, func(t time.Time) int { return int(t.Month()) })
	case 'M':
		return number(2, false, pad, time.Time.Minute)
	case 'n':
		return layout("\n")
	case 'p':
		return layout("PM")
	case 'P':
		return layout("pm")
	case 'r':
		return layout("03:04:05 PM")
	case 'R':
		return layout("15:04")
	case 's':
		return func(b *strings.Builder, t time.Time) { b.WriteString(strconv.FormatInt(t.Unix(), 10)) }
	case 'S':
		return number(2, false, pad, time.Time.Second)
	case 't':
		return layout("\t")
	case 'T', 'X':
		return layout("15:04:05")
	case 'u':
		return number(1, false, pad, func(t time.Time) int { return (int(t.Weekday())+6)%7 + 1 })
	case 'U':
		return number(2, false, pad, func(t time.Time) int { return (t.YearDay() + 6 - int(t.Weekday())) / 7 })
	case 'V':
		return number(2, false, pad, func(t time.Time) int { _, w := t.ISOWeek(); return w })
	case 'w':
		return number(1, false, pad, func(t time.Time) int { return int(t.Weekday()) })
	case 'W':
		return number(2, false, pad, func(t time.Time) int { return (t.YearDay() + 6 - (int(t.Weekday())+6)%7) / 7 })
	case 'y':
		return number(2, false, pad, func(t time.Time) int { return t.Year() % 100 })
	case 'Y':
		return number(1, false, pad, time.Time.Year)
	case 'z':
		return layout("-0700")
	case 'Z':
		return layout("MST")
	case '%':
		return layout("%")
	}
	return nil
}
