package server

import (
	"slices"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// readGuard is mod_reqtimeout's per-stage deadline over a connection's
// reads: a first timeout from the stage's first read, pushed back by a
// second per MinRate bytes read, up to a cap. While a stage runs, a read
// may not outlast it even if Timeout would allow more.
type readGuard struct {
	mu      sync.Mutex
	stage   string // "header" or "body"; "" when no stage runs
	conf    directives.ReqTimeoutStage
	armed   bool // the stage's first read happened: at and max run
	at      time.Time
	max     time.Time // zero: no cap
	perByte time.Duration
}

// start begins a stage from its settings; its clock starts at its first
// read, as mod_reqtimeout's filter sets its timeout on the first call. A
// stage with no timeout ends the guard instead.
func (g *readGuard) start(name string, st directives.ReqTimeoutStage) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stage, g.conf, g.armed, g.perByte = "", st, false, 0
	if st.Timeout <= 0 {
		return
	}
	g.stage = name
	if st.MinRate > 0 {
		g.perByte = time.Second / time.Duration(st.MinRate)
	}
}

// stop ends the running stage (between requests).
func (g *readGuard) stop() {
	g.mu.Lock()
	g.stage = ""
	g.mu.Unlock()
}

// deadline is the earlier of d and the stage's deadline, and the stage.
func (g *readGuard) deadline(d time.Time) (time.Time, string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stage == "" {
		return d, ""
	}
	if !g.armed {
		now := time.Now()
		g.armed, g.at, g.max = true, now.Add(time.Duration(g.conf.Timeout)*time.Second), time.Time{}
		if g.conf.MaxTimeout > 0 {
			g.max = now.Add(time.Duration(g.conf.MaxTimeout) * time.Second)
		}
	}
	if d.IsZero() || g.at.Before(d) {
		return g.at, g.stage
	}
	return d, ""
}

// read credits n bytes read to the stage.
func (g *readGuard) read(n int) {
	if n <= 0 {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stage == "" || !g.armed || g.perByte == 0 {
		return
	}
	g.at = g.at.Add(time.Duration(n) * g.perByte)
	if !g.max.IsZero() && g.at.After(g.max) {
		g.at = g.max
	}
}

// reqTimeouts are the stages a server's requests are read under: with
// mod_reqtimeout loaded, RequestReadTimeout and its defaults; without
// it, gohttpd still bounds the request head as mod_reqtimeout's default
// does, so a client cannot hold a connection by sending its head a byte
// per Timeout (Apache without the module allows that).
func reqTimeouts(cfg *directives.Config, s *directives.Server) directives.ReqTimeoutConfig {
	if slices.Contains(cfg.Modules, "reqtimeout_module") {
		return s.ReqTimeout.Effective()
	}
	return directives.ReqTimeoutConfig{Header: directives.DefaultReqTimeoutHeader}
}
