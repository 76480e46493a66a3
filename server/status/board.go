// Package status is gohttpd's mod_status: the counters a server keeps
// while it runs (Apache's scoreboard) and the two reports made of them,
// the HTML page and the "?auto" text that monitoring tools such as
// Prometheus' apache_exporter parse.
//
// Apache counts per worker slot of per process; gohttpd is one process
// serving each connection on a goroutine, so the board keeps totals for
// the whole server and the live figures (connections, requests in
// flight) are taken when a report is made. Report documents what each
// of Apache's fields means here.
package status

import (
	"sync/atomic"
	"time"
)

// Board holds what the server counts for mod_status: requests served,
// bytes sent, time spent, and when the configuration was last (re)loaded.
// Its methods are safe for concurrent use and lock-free, since they run
// on every request.
type Board struct {
	accesses atomic.Uint64
	bytes    atomic.Uint64
	duration atomic.Int64 // in microseconds, as Apache sums it

	// generation counts configurations loaded: 1 for the first, one more
	// each reload (Apache's ParentServerConfigGeneration).
	generation atomic.Int64
	restarted  atomic.Int64 // Unix nanoseconds of the last (re)load

	// recent holds the last requests served, for ExtendedStatus's table.
	recent recentRing
}

// NewBoard starts a board for a server whose configuration was loaded at
// now.
func NewBoard(now time.Time) *Board {
	b := &Board{}
	b.generation.Store(1)
	b.restarted.Store(now.UnixNano())
	return b
}

// Served counts one finished request: bytes is what went to the client
// for it, head and body (mod_logio's %O, which Apache's scoreboard adds
// up when mod_logio is built in, as in the httpd image), and took is
// the time from its first byte read to its answer's end.
func (b *Board) Served(bytes int64, took time.Duration) {
	b.accesses.Add(1)
	if bytes > 0 {
		b.bytes.Add(uint64(bytes))
	}
	b.duration.Add(took.Microseconds())
}

// Reloaded records a graceful restart at now: like Apache's, the totals
// go on, the restart time is now and the configuration generation one
// more.
func (b *Board) Reloaded(now time.Time) {
	b.generation.Add(1)
	b.restarted.Store(now.UnixNano())
}

// Totals are the board's counts so far.
type Totals struct {
	Accesses uint64
	Bytes    uint64
	Duration time.Duration
}

// Totals reads the counts. Each is read atomically; together they may
// straddle a request being counted, as Apache's are.
func (b *Board) Totals() Totals {
	return Totals{
		Accesses: b.accesses.Load(),
		Bytes:    b.bytes.Load(),
		Duration: time.Duration(b.duration.Load()) * time.Microsecond,
	}
}

// Generation is the number of configurations loaded so far, 1 at first.
func (b *Board) Generation() int { return int(b.generation.Load()) }

// Restarted is when the configuration in use was loaded.
func (b *Board) Restarted() time.Time { return time.Unix(0, b.restarted.Load()) }
