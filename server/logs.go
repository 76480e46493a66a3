package server

import (
	"fmt"
	"io"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/errorlog"
)

// logSet holds the log targets the configuration writes to, each opened
// once however many servers name it, and the main error log.
type logSet struct {
	opts     errorlog.OpenOptions
	mu       sync.Mutex
	targets  map[string]*logTarget
	errors   *errorlog.Logger
	errorOut io.WriteCloser
}

// logTarget is one opened log file or pipe; a line is one write.
type logTarget struct {
	mu sync.Mutex
	w  io.WriteCloser
}

// Write writes a whole line, its newline included, as one write: lines
// of requests served at once never interleave.
func (t *logTarget) Write(line []byte) {
	t.mu.Lock()
	_, _ = t.w.Write(line)
	t.mu.Unlock()
}

func openLogs(cfg *directives.Config, opts Options) (*logSet, error) {
	ls := &logSet{
		opts: errorlog.OpenOptions{
			ServerRoot: cfg.ServerRoot,
			Files:      opts.Files,
			Stdout:     opts.Stdout,
			Stderr:     opts.Stderr,
		},
		targets: make(map[string]*logTarget),
	}
	core := &cfg.Main.Core
	name := core.ErrorLog
	if name == "" {
		name = directives.DefaultErrorLog
	}
	w, err := errorlog.Open(name, ls.opts)
	if err != nil {
		return nil, err
	}
	ls.errorOut = w
	ls.errors = errorlog.New(w, errorlog.Options{Level: core.LogLevel, Format: core.ErrorLogFormat,
		Request: core.ErrorLogRequest, Connection: core.ErrorLogConnection})
	return ls, nil
}

// target opens an access log once; file and line name the CustomLog for
// errors.
func (ls *logSet) target(name, file string, line int) (*logTarget, error) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if t, ok := ls.targets[name]; ok {
		return t, nil
	}
	w, err := errorlog.Open(name, ls.opts)
	if err != nil {
		return nil, fmt.Errorf("%s:%d: %w", file, line, err)
	}
	t := &logTarget{w: w}
	ls.targets[name] = t
	return t, nil
}

// connError logs what befalls a connection outside any request (a
// failed TLS handshake) as a core info line, as Apache logs such events.
func (s *Server) connError(msg string) {
	l := s.gen.Load().logs.errors
	if l.Enabled("core", directives.LogInfo, nil) {
		l.Log(errorlog.Entry{Module: "core", Level: directives.LogInfo, Message: msg})
	}
}

// Close closes every log.
func (ls *logSet) Close() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	for _, t := range ls.targets {
		t.w.Close()
	}
	ls.errorOut.Close()
}
