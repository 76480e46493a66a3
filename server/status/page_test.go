package status

import (
	"strings"
	"testing"
	"time"
)

func TestPage(t *testing.T) {
	t.Parallel()
	r := report(true)
	r.Workers = 130
	r.Recent = []Recent{{Client: "127.0.0.1", Protocol: "http/1.1", VHost: "localhost:80",
		Request: `GET /<x>"y HTTP/1.1`, Began: r.Now.Add(-2 * time.Second), Took: 3 * time.Millisecond, Bytes: 2048}}
	r.Signature = "<address>gohttpd/0.1.0 (Unix) Server at 127.0.0.1 Port 80</address>\n"
	page := r.Page(false)
	for _, want := range []string{
		"<h1>Apache Server Status for 127.0.0.1 (via 127.0.0.1)</h1>\n\n",
		"<dt>Server uptime:  1 minute</dt>\n",
		"<dt>Server load: 0.50 1.00 1.25</dt>\n",
		"<dt>Total accesses: 4 - Total Traffic: 3 kB - Total Duration: 6</dt>\n",
		"<dt>CPU Usage: u.12 s.03 cu0 cs0 - .25% CPU load</dt>\n",
		"<dt>.0667 requests/sec - 51 B/second - 768 B/request - 1.5 ms/request</dt>\n",
		"<dt>1 requests currently being processed, 0 workers gracefully restarting, 129 idle workers</dt>\n",
		"<tr><td>Sum</td><td>1</td><td>0</td><td>2</td><td>&nbsp;</td><td>1</td><td>0</td><td>129</td><td>0</td><td>0</td><td>1</td><td>0</td></tr>\n",
		// the scoreboard in lines of 64
		"<pre>W" + strings.Repeat("_", 63) + "\n" + strings.Repeat("_", 64) + "\n__</pre>\n",
		// the request line escaped for the log, then for HTML
		`<td>127.0.0.1</td><td>http/1.1</td><td nowrap>localhost:80</td><td nowrap>GET /&lt;x&gt;\&quot;y HTTP/1.1</td></tr>`,
		"<td>2</td><td>3</td><td>3</td><td>2.0</td>",
		"<hr />\n<address>gohttpd/0.1.0 (Unix) Server at 127.0.0.1 Port 80</address>\n</body></html>\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in:\n%s", want, page)
		}
	}
	list := r.Page(true)
	if !strings.Contains(list, "<h2>Server Details</h2>") || strings.Contains(list, "<table border=\"0\">") ||
		!strings.Contains(list, " 2 3 3(2048 B|2048 B|2048 B)\n") {
		t.Errorf("?notable page:\n%s", list)
	}
	r.Extended = false
	plain := r.Page(false)
	if strings.Contains(plain, "Total accesses") || strings.Contains(plain, "<h2>Server Details") ||
		!strings.Contains(plain, "<code>ExtendedStatus On</code>") {
		t.Errorf("page without ExtendedStatus:\n%s", plain)
	}
}

// The board keeps the last RecentSize requests, oldest first, each
// request line cut to 63 characters from its start or (SeeRequestTail)
// its end.
func TestRecent(t *testing.T) {
	t.Parallel()
	b := NewBoard(time.Now())
	if got := b.Recent(); len(got) != 0 {
		t.Fatalf("a new board has %d recent requests", len(got))
	}
	long := "GET /" + strings.Repeat("a", 100) + " HTTP/1.1"
	b.Record(Recent{Request: long}, false)
	b.Record(Recent{Request: long}, true)
	got := b.Recent()
	if len(got) != 2 || got[0].Request != long[:63] || got[1].Request != long[len(long)-63:] {
		t.Fatalf("recent requests: %+v", got)
	}
	for i := range RecentSize + 5 {
		b.Record(Recent{Bytes: int64(i)}, false)
	}
	got = b.Recent()
	if len(got) != RecentSize || got[0].Bytes != 5 || got[RecentSize-1].Bytes != RecentSize+4 {
		t.Errorf("after %d more: %d kept, first %d, last %d", RecentSize+5, len(got), got[0].Bytes, got[len(got)-1].Bytes)
	}
}

func TestBoard(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := NewBoard(start)
	b.Served(1500, 2*time.Millisecond)
	b.Served(600, time.Millisecond)
	b.Served(-1, 0) // nothing sent: counted, no bytes
	if got, want := b.Totals(), (Totals{Accesses: 3, Bytes: 2100, Duration: 3 * time.Millisecond}); got != want {
		t.Errorf("totals %+v, want %+v", got, want)
	}
	if b.Generation() != 1 || !b.Restarted().Equal(start) {
		t.Errorf("a new board: generation %d, restarted %v", b.Generation(), b.Restarted())
	}
	b.Reloaded(start.Add(time.Hour))
	if b.Generation() != 2 || !b.Restarted().Equal(start.Add(time.Hour)) || b.Totals().Accesses != 3 {
		t.Errorf("after a reload: generation %d, restarted %v, totals %+v", b.Generation(), b.Restarted(), b.Totals())
	}
}

// The board is written by every request at once and read by reports
// meanwhile; nothing is lost (go test -race checks the rest).
func TestBoardConcurrent(t *testing.T) {
	t.Parallel()
	b := NewBoard(time.Now())
	done := make(chan struct{})
	for range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 1000 {
				b.Served(10, time.Microsecond)
				b.Record(Recent{Request: "GET / HTTP/1.1"}, false)
			}
		}()
	}
	for range 100 {
		_ = b.Recent()
		_ = b.Totals()
	}
	for range 8 {
		<-done
	}
	if got := b.Totals(); got.Accesses != 8000 || got.Bytes != 80000 || got.Duration != 8*time.Millisecond {
		t.Errorf("totals after 8000 requests: %+v", got)
	}
	if got := len(b.Recent()); got != RecentSize {
		t.Errorf("%d recent requests kept, want %d", got, RecentSize)
	}
}
