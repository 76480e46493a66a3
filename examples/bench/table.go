package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
)

// figures are one target's results.
type figures struct {
	name    string
	proxied bool // false for direct: no proxy memory, start or check

	blob          float64 // 200 MiB blob GET, MiB/s
	head5, head10 load    // HEAD manifest, 50 keep-alive clients
	headClose     load    // the same, a new connection per request
	rss           int64   // peak over its processes during the HEAD loads
	procs         int     // processes at that peak
	push          float64 // MiB/s
	upload        float64 // MiB/s
	uploadGrowth  int64   // RSS growth during the upload
	ready, check  time.Duration
}

// row is one line of the table: a label and how each target shows it,
// with its ratio to direct when it has one.
type row struct {
	label string
	value func(*figures) float64
	show  func(float64) string
	ratio bool // print the ratio to direct beside the figure
	proxy bool // only proxies have it
}

func rate(unit string) func(float64) string {
	return func(v float64) string { return fmt.Sprintf("%.0f %s", v, unit) }
}
func millis(v float64) string { return fmt.Sprintf("%.1f ms", v) }
func mibs(v float64) string   { return fmt.Sprintf("%.1f MiB", v) }
func micros(v float64) string { return fmt.Sprintf("%.0f µs", v) }
func ms(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

// rows are the table's lines, in the order.
func rows(o *options) []row {
	all := []row{
		{fmt.Sprintf("%s blob GET (TLS)", size(o.blob)), func(f *figures) float64 { return f.blob }, rate("MiB/s"), true, false},
		{fmt.Sprintf("HEAD manifest, %d keep-alive, cost 5", o.clients), func(f *figures) float64 { return f.head5.reqs }, rate("req/s"), true, false},
		{"  p99 of that", func(f *figures) float64 { return ms(f.head5.p99) }, millis, false, false},
		{"  CPU per request: proxy", func(f *figures) float64 { return f.head5.proxyCPU }, micros, false, true},
		{"  CPU per request: registry", func(f *figures) float64 { return f.head5.registryCPU }, micros, false, false},
		{"  CPU per request: hey", func(f *figures) float64 { return f.head5.clientCPU }, micros, false, false},
		{"same, cost 10 user", func(f *figures) float64 { return f.head10.reqs }, rate("req/s"), true, false},
		{"same, cost 5, keep-alive off", func(f *figures) float64 { return f.headClose.reqs }, rate("req/s"), true, false},
		{"peak RSS during the HEAD loads", func(f *figures) float64 { return float64(f.rss) / mib }, mibs, false, true},
		{fmt.Sprintf("push of a %s image", size(o.push)), func(f *figures) float64 { return f.push }, rate("MiB/s"), true, false},
		{fmt.Sprintf("%s upload streamed", size(o.upload)), func(f *figures) float64 { return f.upload }, rate("MiB/s"), true, false},
		{"  RSS growth during it", func(f *figures) float64 { return float64(f.uploadGrowth) / mib }, mibs, false, true},
		{"start to ready", func(f *figures) float64 { return ms(f.ready) }, millis, false, true},
		{"config check (-t)", func(f *figures) float64 { return ms(f.check) }, millis, false, true},
	}
	if o.startup {
		return all[len(all)-startupLines:]
	}
	return all
}

// startupLines are the last lines of the table and of the goals: start
// to ready and the config check, all that -startup measures.
const startupLines = 2

// printTable writes every figure of every target, with ratios to direct.
func printTable(w io.Writer, o *options, all []*figures) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// Labels are padded to one width so that they read left-aligned in
	// a table whose figures align right.
	width := len("work")
	for _, r := range rows(o) {
		width = max(width, len(r.label))
	}
	pad := func(s string) string { return s + strings.Repeat(" ", width-len(s)) }
	head := []string{pad("work")}
	for _, f := range all {
		head = append(head, f.name)
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	direct := find(all, "direct")
	for _, r := range rows(o) {
		cells := []string{pad(r.label)}
		for _, f := range all {
			cells = append(cells, cell(r, f, direct))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
	}
	tw.Flush()
	for _, f := range all {
		if f.proxied && f.procs > 1 {
			fmt.Fprintf(w, "%s ran as %d processes at its peak RSS (summed).\n", f.name, f.procs)
		}
	}
}

// cell is one figure, with its ratio to direct where the row has one.
func cell(r row, f, direct *figures) string {
	if r.proxy && !f.proxied {
		return "-"
	}
	v := r.value(f)
	s := r.show(v)
	if r.ratio && direct != nil && f != direct && r.value(direct) > 0 {
		s += fmt.Sprintf(" (%.2f)", v/r.value(direct))
	}
	return s
}

// find returns the named target's figures, or nil.
func find(all []*figures, name string) *figures {
	for _, f := range all {
		if strings.EqualFold(f.name, name) {
			return f
		}
	}
	return nil
}

// size names a byte count as the issue does: MiB or GiB.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
