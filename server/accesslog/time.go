package accesslog

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// clfTime is the default time format: [day/month/year:hh:mm:ss zone].
const clfTime = "[02/Jan/2006:15:04:05 -0700]"

// timeItem compiles %t and %{format}t as Apache's log_request_time: a
// "begin:" or "end:" prefix picks the request's arrival (the default) or
// the time of logging; sec, msec, usec, msec_frac and usec_frac print
// numbers; anything else is a strftime format; none, "begin" or "end"
// print the default format.
func timeItem(arg string) valueFunc {
	// As Apache: the numeric forms are looked for after a "begin" or
	// "end", with or without the colon, but only the colon form makes
	// the rest a strftime format of its own, and only "end" alone or
	// "end:" switch to the time of logging.
	end, rest, custom := false, arg, arg
	if r, ok := strings.CutPrefix(arg, "begin"); ok {
		rest = r
		if strings.HasPrefix(r, ":") {
			rest, custom = r[1:], r[1:]
		}
	} else if r, ok := strings.CutPrefix(arg, "end"); ok {
		rest, end = r, r == ""
		if strings.HasPrefix(r, ":") {
			rest, custom, end = r[1:], r[1:], true
		}
	}
	when := func(e *Entry) time.Time {
		if end {
			return e.Done
		}
		return e.Received
	}
	numeric := map[string]func(t time.Time) string{
		"sec":       func(t time.Time) string { return strconv.FormatInt(t.Unix(), 10) },
		"msec":      func(t time.Time) string { return strconv.FormatInt(t.UnixMilli(), 10) },
		"usec":      func(t time.Time) string { return strconv.FormatInt(t.UnixMicro(), 10) },
		"msec_frac": func(t time.Time) string { return fmt.Sprintf("%03d", t.Nanosecond()/1e6) },
		"usec_frac": func(t time.Time) string { return fmt.Sprintf("%06d", t.Nanosecond()/1e3) },
	}
	if f, ok := numeric[rest]; ok {
		return func(e *Entry) (string, bool) { return f(when(e)), true }
	}
	if rest == "" {
		var c clfCache
		return func(e *Entry) (string, bool) { return c.text(when(e)), true }
	}
	format := compileStrftime(custom)
	return func(e *Entry) (string, bool) { return format(when(e)), true }
}

// durationItem compiles %D (microseconds), %T (seconds, or {ms}, {us},
// {s}; another argument is logged as written) and %^FB (time to first
// byte, "-" when not measured).
func durationItem(directive, arg string) valueFunc {
	took := func(e *Entry) time.Duration { return e.Done.Sub(e.Received) }
	switch {
	case directive == "^FB":
		return func(e *Entry) (string, bool) {
			return strconv.FormatInt(e.TTFB.Microseconds(), 10), e.TTFB > 0
		}
	case directive == "D", strings.EqualFold(arg, "us"):
		return func(e *Entry) (string, bool) { return strconv.FormatInt(took(e).Microseconds(), 10), true }
	case strings.EqualFold(arg, "ms"):
		return func(e *Entry) (string, bool) { return strconv.FormatInt(took(e).Milliseconds(), 10), true }
	case arg == "", strings.EqualFold(arg, "s"):
		return func(e *Entry) (string, bool) {
			return strconv.FormatInt(took(e).Microseconds()/1e6, 10), true
		}
	}
	return func(*Entry) (string, bool) { return arg, true }
}

// hidePassword gives the request line to log: as received, unless its
// target is an absolute URL with a password, which Apache logs rebuilt
// with XXXXXXXX in the password's place.
func hidePassword(e *Entry) string {
	line := e.RequestLine
	if !strings.Contains(line, "@") {
		return line
	}
	fields := strings.Fields(line)
	if len(fields) < 2 {
		return line
	}
	u, err := url.Parse(fields[1])
	if err != nil || u.User == nil {
		return line
	}
	if _, ok := u.User.Password(); !ok {
		return line
	}
	host := u.Hostname()
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if p := u.Port(); p != "" && p != map[string]string{"http": "80", "https": "443"}[u.Scheme] {
		host += ":" + p
	}
	s := e.Method + " " + u.Scheme + "://" + u.User.Username() + ":XXXXXXXX@" + host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		s += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		s += "#" + u.EscapedFragment()
	}
	return s + " " + e.Protocol
}

// clfCache keeps the last default %t text written: the requests of a
// busy second all log the same one, formatted once.
type clfCache struct{ last atomic.Pointer[clfStamp] }

// clfStamp is one second's %t text in one zone offset.
type clfStamp struct {
	sec    int64
	offset int
	text   string
}

func (c *clfCache) text(t time.Time) string {
	_, offset := t.Zone()
	sec := t.Unix()
	if s := c.last.Load(); s != nil && s.sec == sec && s.offset == offset {
		return s.text
	}
	s := &clfStamp{sec: sec, offset: offset, text: t.Format(clfTime)}
	c.last.Store(s)
	return s.text
}
