package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"slices"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/authfile"
)

// lint finds what httpd -t does not: problems that let the config load but
// break or weaken serving. Each finding names the file and line it is about.
// It looks at the main server and every virtual host, each with its merged
// config: certificates and keys, password and group files against the
// Require lines using them, ProxyPass rules that can never match, and
// backend hosts that do not resolve.
func lint(cfg *directives.Config, files *directives.Files, now time.Time, resolver *net.Resolver) []string {
	l := &linter{
		cfg: cfg, files: files, now: now,
		seen:  map[string]bool{},
		users: map[string]*authfile.Users{}, groups: map[string]*authfile.Groups{},
	}
	servers := append([]*directives.Server{cfg.Main}, cfg.VirtualHosts...)
	for _, s := range servers {
		l.lintTLS(s)
	}
	for _, s := range servers {
		l.lintAuth(s)
	}
	for _, s := range servers {
		l.lintProxyOrder(s)
	}
	for _, s := range servers {
		l.collectBackends(s)
	}
	l.lintBackends(resolver)
	return l.out
}

// linter holds one lint run's findings and what it has read.
type linter struct {
	cfg   *directives.Config
	files *directives.Files
	now   time.Time

	out  []string
	seen map[string]bool // findings already given: a virtual host repeats the main server's

	// users and groups are the files read, by path, each read and judged
	// once; nil for one that could not be read.
	users    map[string]*authfile.Users
	groups   map[string]*authfile.Groups
	backends []backend // hosts to resolve, each once, in config order
}

// add records a finding about the config at at ("FILE:LINE"), once.
func (l *linter) add(at, format string, args ...any) {
	msg := at + ": " + fmt.Sprintf(format, args...)
	if !l.seen[msg] {
		l.seen[msg] = true
		l.out = append(l.out, msg)
	}
}

// sections are the sections requests to s go through: a virtual host sees
// the main server's first, as Apache appends its own to them.
func (l *linter) sections(s *directives.Server) []*directives.Section {
	if !s.Virtual {
		return s.Sections
	}
	return slices.Concat(l.cfg.Main.Sections, s.Sections)
}

// serverOrigin is where the i-th line of the named directive that s has
// in effect outside sections stands, and whether s gave it itself: a
// virtual host without its own i-th line has the main server's.
func (l *linter) serverOrigin(s *directives.Server, name string, i int) (string, bool) {
	if o, ok := s.Origins.Nth(name, i); ok {
		return o.String(), true
	}
	if o, ok := l.cfg.Main.Origins.Nth(name, i); ok {
		return o.String(), false
	}
	return at(l.cfg.File, 0), false
}

// dirOrigin is where the named directive in effect in dir stands.
func (l *linter) dirOrigin(dir *directives.DirConfig, name string) string {
	if o, ok := dir.Origins.Last(name); ok {
		return o.String()
	}
	return at(l.cfg.File, 0)
}

func at(file string, line int) string { return fmt.Sprintf("%s:%d", file, line) }

// reason is a file error as the system words it ("no such file or
// directory"), without Go's repetition of the path.
func reason(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
