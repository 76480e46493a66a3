package errorlog

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
)

// OpenOptions say where Open finds what a log target names.
type OpenOptions struct {
	// ServerRoot is the ServerRoot as the config names it; relative
	// file targets are under it, and piped commands run in it.
	ServerRoot string
	// Files maps the config's paths to this machine's (--mount); nil:
	// paths as they are.
	Files *directives.Files
	// Stdout and Stderr stand for the process's descriptors 1 and 2
	// (/proc/self/fd/1, /dev/stdout, …), so a test or an embedding
	// program can capture what the config sends there; nil: os.Stdout
	// and os.Stderr. Piped commands write their own output to Stderr.
	Stdout, Stderr io.Writer
}

// Open opens a log target as ErrorLog and CustomLog name it: "|command"
// or "||command" (a program fed the lines on its standard input, started
// without a shell; "|$command" runs it with /bin/sh), the process's
// standard output or error (/dev/stdout, /dev/stderr, /proc/self/fd/1,
// /dev/fd/2 …), or a file, relative to the ServerRoot, opened for
// appending and created with mode 0666 less the umask as Apache does.
// "syslog" is refused: gohttpd does not log there. Every Write of the
// returned writer reaches the target whole, never mixed with another.
func Open(target string, o OpenOptions) (io.WriteCloser, error) {
	switch {
	case strings.HasPrefix(target, "|"):
		return openPipe(target, o)
	case target == "syslog" || strings.HasPrefix(target, "syslog:"):
		return nil, fmt.Errorf("log %q: logging to syslog is not supported; log to a file, a pipe or /proc/self/fd/2", target)
	}
	if w := standardStream(target, o); w != nil {
		return &lockedWriter{w: w}, nil
	}
	name := target
	if !filepath.IsAbs(name) {
		name = filepath.Join(o.ServerRoot, name)
	}
	f, err := os.OpenFile(o.Files.Path(name), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return nil, fmt.Errorf("could not open log file %s: %w", name, err)
	}
	return &lockedWriter{w: f, c: f}, nil
}

// standardStream returns the writer standing for target when it names
// the process's standard output or error, else nil.
func standardStream(target string, o OpenOptions) io.Writer {
	fd := -1
	switch target {
	case "/dev/stdout":
		fd = 1
	case "/dev/stderr":
		fd = 2
	default:
		for _, dir := range []string{"/proc/self/fd/", "/dev/fd/"} {
			if n, err := strconv.Atoi(strings.TrimPrefix(target, dir)); err == nil && strings.HasPrefix(target, dir) {
				fd = n
			}
		}
	}
	switch {
	case fd == 1 && o.Stdout != nil:
		return o.Stdout
	case fd == 1:
		return os.Stdout
	case fd == 2:
		return stderr(o)
	}
	return nil
}

func stderr(o OpenOptions) io.Writer {
	if o.Stderr != nil {
		return o.Stderr
	}
	return os.Stderr
}

// lockedWriter passes each Write whole to w, one at a time, so lines
// from concurrent requests never interleave even on writers that would
// split a large write. Close closes c when set: the process's own
// output stays open.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
	c  io.Closer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (l *lockedWriter) Close() error {
	if l.c == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.c.Close()
	if errors.Is(err, os.ErrClosed) {
		return nil
	}
	return err
}
