package server

import (
	"net/http"
	"os"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/status"
)

// mod_status's glue: which counters move where, and the handler.
//
//   - A request is counted when it is logged (exchange.log), with the
//     bytes the connection sent for it and the time since it began; a
//     request Apache's ap_read_request refuses (endConn) or a connection
//     that sent none is not, as in Apache.
//   - The live figures (connections open, waiting, requests in flight)
//     are read from the connection tracker when a report is made, so
//     nothing on the request path pays for them.

// statusHandler is the handler name SetHandler gives mod_status.
const statusHandler = "server-status"

// statusSettings are mod_status's settings in a configuration.
type statusSettings struct {
	enabled  bool // mod_status is loaded
	extended bool // ExtendedStatus
	seeTail  bool // SeeRequestTail
	workers  int  // the scoreboard's width: MaxRequestWorkers
}

// statusOf is cfg's statusSettings, worked out once per configuration
// (newGeneration).
func statusOf(cfg *directives.Config) *statusSettings {
	p := &cfg.Process
	st := &statusSettings{
		enabled: slices.Contains(cfg.Modules, "status_module"),
		seeTail: p.SeeRequestTail != nil && *p.SeeRequestTail,
		workers: status.DefaultWorkers,
	}
	// ExtendedStatus is on by default once mod_status is loaded (its
	// pre_config hook turns it on).
	st.extended = st.enabled
	if p.ExtendedStatus != nil {
		st.extended = *p.ExtendedStatus
	}
	if n := p.MaxRequestWorkers; n != nil && *n > 0 {
		st.workers = *n
	}
	return st
}

// countServed puts the finished request on the status board. It runs
// before the access log's entry takes the connection's byte counts.
func (x *exchange) countServed() {
	if x.endConn || x.noRequest {
		return
	}
	b := x.srv.status
	sent := x.conn.out.Load() - x.conn.loggedOut
	took := time.Since(x.received)
	b.Served(sent, took)
	st := x.gen.status
	if !st.extended {
		return
	}
	b.Record(status.Recent{
		Client:   x.remote.Addr().String(),
		Protocol: strings.ToLower(x.r.Proto),
		VHost:    x.site.name + ":" + strconv.Itoa(x.conn.portNumber()),
		Request:  x.loggedLine(),
		Began:    x.received,
		Took:     took,
		Bytes:    sent,
	}, st.seeTail)
}

// serveStatus is mod_status's handler: the HTML page, or the "?auto"
// text, for GET and HEAD (other methods go on to the core's handler, as
// mod_status declines them).
func (x *exchange) serveStatus(p *dirPipeline) {
	x.handler = statusHandler
	q := status.ParseQuery(x.route.Query)
	rep := x.statusReport()
	body := ""
	if q.Auto {
		x.resp.ContentType = "text/plain; charset=ISO-8859-1"
		body = rep.Auto()
	} else {
		x.resp.ContentType = "text/html; charset=ISO-8859-1"
		body = rep.Page(q.NoTable)
	}
	h := &x.resp.Headers
	if q.Refresh > 0 {
		h.Set("Refresh", strconv.Itoa(q.Refresh))
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	x.answer(p, http.StatusOK, strings.NewReader(body), int64(len(body)))
}

// statusReport gathers what the status page shows.
func (x *exchange) statusReport() *status.Report {
	st := x.gen.status
	b := x.srv.status
	_, host, _ := x.publicName()
	rep := &status.Report{
		ServerName:       host,
		LocalIP:          x.conn.local.String(),
		Version:          banner(directives.TokensFull),
		MPM:              "event",
		Built:            buildTime(),
		Now:              time.Now(),
		Restarted:        b.Restarted(),
		ConfigGeneration: b.Generation(),
		MPMGeneration:    b.Generation() - 1,
		Load:             status.LoadAverage(),
		Extended:         st.extended,
		Live:             x.srv.liveStatus(),
		Workers:          st.workers,
		PID:              os.Getpid(),
	}
	if rep.Extended {
		rep.Totals, rep.CPU, rep.Recent = b.Totals(), status.ProcessCPU(), b.Recent()
	}
	info := x.pageInfo()
	rep.Signature = strings.TrimPrefix(info.Signature.Line(info.ServerAdmin), "<hr>\n")
	return rep
}

// liveStatus counts the open connections and those waiting for a
// request; the others are reading or answering one.
func (s *Server) liveStatus() status.Live {
	t := &s.conns
	t.mu.Lock()
	defer t.mu.Unlock()
	live := status.Live{Conns: len(t.conns), Stopping: t.closing}
	for c := range t.conns {
		c.mu.Lock()
		if c.idle {
			live.KeepAlive++
		}
		c.mu.Unlock()
	}
	live.Busy = live.Conns - live.KeepAlive
	return live
}

// buildTime is when the binary was built, as far as the build recorded
// it (the commit's time), else "unknown".
var buildTime = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.time" {
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					return t.UTC().Format("2006-01-02T15:04:05")
				}
			}
		}
	}
	return "unknown"
})
