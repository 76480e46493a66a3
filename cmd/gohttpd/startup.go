package main

import (
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// startupPriority reads -e's level, a LogLevel keyword.
func startupPriority(s string) (directives.LogPriority, bool) {
	for p := directives.LogEmerg; p <= directives.LogTrace8; p++ {
		if strings.EqualFold(s, p.String()) {
			return p, true
		}
	}
	return 0, false
}

func validLevel(s string) bool {
	_, ok := startupPriority(s)
	return ok
}

// showsWarnings reports whether reading the config may print its
// warnings: they are at level warn, which -e can raise the bar above.
func (f *flags) showsWarnings() bool {
	p, ok := startupPriority(f.startupLevel)
	return !ok || p >= directives.LogWarn
}
