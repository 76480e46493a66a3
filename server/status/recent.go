package status

import (
	"sync/atomic"
	"time"
)

// RecentSize is how many finished requests ExtendedStatus shows. Apache
// shows the last request of each worker slot; gohttpd has no slots, so
// it keeps the last requests served, whichever connection served them.
const RecentSize = 32

// requestChars is how much of a request line a slot keeps (Apache's 64
// byte field, its last byte the terminator).
const requestChars = 63

// Recent is one finished request as ExtendedStatus shows it.
type Recent struct {
	Client   string // the client's address
	Protocol string // "http/1.1"
	VHost    string // the server's name and the port it came in on
	Request  string // the request line, cut to 63 characters
	Began    time.Time
	Took     time.Duration
	Bytes    int64 // sent for it, head and body
}

// recentRing holds the last RecentSize requests without a lock: a writer
// takes the next slot by an atomic counter and swaps its pointer in.
type recentRing struct {
	next  atomic.Uint64
	slots [RecentSize]atomic.Pointer[Recent]
}

// Record keeps r as the latest request. seeTail keeps the end of a long
// request line rather than its start (SeeRequestTail On).
func (b *Board) Record(r Recent, seeTail bool) {
	if len(r.Request) > requestChars {
		if seeTail {
			r.Request = r.Request[len(r.Request)-requestChars:]
		} else {
			r.Request = r.Request[:requestChars]
		}
	}
	i := b.recent.next.Add(1) - 1
	b.recent.slots[i%RecentSize].Store(&r)
}

// Recent returns the requests kept, oldest first.
func (b *Board) Recent() []Recent {
	n := b.recent.next.Load()
	var out []Recent
	start := uint64(0)
	if n > RecentSize {
		start = n - RecentSize
	}
	for i := start; i < n; i++ {
		if r := b.recent.slots[i%RecentSize].Load(); r != nil {
			out = append(out, *r)
		}
	}
	return out
}
