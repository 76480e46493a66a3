package status

import (
	"strings"
	"time"
)

// DefaultWorkers is the scoreboard's width when MaxRequestWorkers is not
// set: the event MPM's default (16 processes of 25 threads).
const DefaultWorkers = 400

// Report is everything one status answer shows, gathered when it is
// asked for. The fields keep Apache's names; what they mean for gohttpd:
//
//   - Processes is 1: gohttpd is one process. Stopping is 1 while it
//     shuts down gracefully.
//   - BusyWorkers counts the requests in flight: connections reading a
//     request or sending its answer (each holds a goroutine as an Apache
//     worker holds a thread). GracefulWorkers is 0.
//   - IdleWorkers is what is left of MaxRequestWorkers (400 by default)
//     once the busy ones are taken: the headroom an Apache with the same
//     configuration would have. gohttpd itself serves past it.
//   - The scoreboard is MaxRequestWorkers characters wide (wider when
//     more requests are in flight): a "W" per request in flight, a "_"
//     for the rest. Keep-alive connections hold no worker, as with the
//     event MPM; they are counted in ConnsAsyncKeepAlive.
//   - ConnsTotal counts the open connections, ConnsAsyncKeepAlive those
//     waiting for a request; gohttpd writes and closes connections from
//     the goroutine serving them, so the other async counts are 0.
//   - ServerMPM is "event", whose model (a worker per request, not per
//     connection) this is, and whose report shape this follows.
type Report struct {
	// ServerName is the server as the request names it
	// (ap_get_server_name); LocalIP, the address it came in on.
	ServerName string
	LocalIP    string
	// Version is the server's description ("gohttpd/0.1.0 (Unix)"),
	// whatever ServerTokens says, as Apache's.
	Version string
	MPM     string
	Built   string
	Now     time.Time
	// Restarted is when the configuration in use was loaded;
	// ConfigGeneration counts configurations loaded, MPMGeneration
	// graceful restarts of the MPM.
	Restarted        time.Time
	ConfigGeneration int
	MPMGeneration    int
	// Load is the system's load average over 1, 5 and 15 minutes, -1
	// each when the system does not tell.
	Load [3]float64
	// Extended is ExtendedStatus: totals, CPU and recent requests are
	// shown only with it.
	Extended bool
	Totals   Totals
	CPU      CPU
	Live     Live
	// Workers is MaxRequestWorkers, the scoreboard's width.
	Workers int
	PID     int
	Recent  []Recent
	// Signature is ServerSignature's line ("<address>…</address>\n"),
	// empty when it is Off.
	Signature string
}

// CPU is the process's CPU time in seconds, as times(2) counts it.
type CPU struct {
	User, System, ChildUser, ChildSystem float64
}

// total is all the CPU time used.
func (c CPU) total() float64 { return c.User + c.System + c.ChildUser + c.ChildSystem }

// Live are the figures of the moment: connections and requests.
type Live struct {
	Conns     int  // connections open
	KeepAlive int  // of them, waiting for their next request
	Busy      int  // requests in flight
	Stopping  bool // the server is shutting down gracefully
}

// uptime is whole seconds since the configuration was loaded.
func (r *Report) uptime() int64 {
	up := int64(r.Now.Sub(r.Restarted) / time.Second)
	if up < 0 {
		return 0
	}
	return up
}

// idle is the workers not busy.
func (r *Report) idle() int {
	if r.Live.Busy >= r.Workers {
		return 0
	}
	return r.Workers - r.Live.Busy
}

// stopping is the Stopping count: processes shutting down.
func (r *Report) stopping() int {
	if r.Live.Stopping {
		return 1
	}
	return 0
}

// scoreboard is one character per worker: "W" busy, "_" idle.
func (r *Report) scoreboard() string {
	return strings.Repeat("W", r.Live.Busy) + strings.Repeat("_", r.idle())
}

// kBytes is the traffic in whole kB, as Apache sums it.
func (r *Report) kBytes() uint64 { return r.Totals.Bytes >> 10 }

// durationMS is the time spent on requests in milliseconds.
func (r *Report) durationMS() int64 { return r.Totals.Duration.Milliseconds() }

// timeFormat is Apache's DEFAULT_TIME_FORMAT in local time.
const timeFormat = "Monday, 02-Jan-2006 15:04:05 MST"
