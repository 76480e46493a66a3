package main

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"
)

// goal is one of the targets for gohttpd, judged on one run.
type goal struct {
	work, target string
	// judge returns the measured figure as text and whether it is met;
	// ok is false when the run lacks what the target compares with.
	judge func(g, direct *figures, peers []*figures) (got string, met, ok bool)
}

// ratioGoal is a target of at least min times direct's figure.
func ratioGoal(work string, min float64, v func(*figures) float64) goal {
	return goal{work, fmt.Sprintf(">= %.2f of direct", min), func(g, d *figures, _ []*figures) (string, bool, bool) {
		if d == nil || v(d) == 0 {
			return "", false, false
		}
		r := v(g) / v(d)
		return fmt.Sprintf("%.2f", floor2(r)), r >= min, true
	}}
}

// limitGoal is a target of a figure below a limit.
func limitGoal(work, target string, limit float64, v func(*figures) float64, show func(float64) string, inclusive bool) goal {
	return goal{work, target, func(g, _ *figures, _ []*figures) (string, bool, bool) {
		x := v(g)
		return show(x), x < limit || inclusive && x == limit, true
	}}
}

// goals are the targets, in its order.
func goals(o *options) []goal {
	all := []goal{
		ratioGoal(size(o.blob)+" blob GET over TLS", 0.45, func(f *figures) float64 { return f.blob }),
		ratioGoal("HEAD manifest, keep-alive, cost 5", 0.8, func(f *figures) float64 { return f.head5.reqs }),
		{"  its p99", "below every peer's", p99Below},
		ratioGoal("same, cost 10 user", 0.8, func(f *figures) float64 { return f.head10.reqs }),
		{"same, keep-alive off", ">= 1.5x Apache's req/s", closeVsApache},
		limitGoal("peak RSS during the HEAD loads", "<= 26 MiB", 26, func(f *figures) float64 { return float64(f.rss) / mib }, mibs, true),
		limitGoal(size(o.upload)+" upload streamed: RSS growth", "< 32 MiB", 32, func(f *figures) float64 { return float64(f.uploadGrowth) / mib }, mibs, false),
		ratioGoal("push of a "+size(o.push)+" image", 0.95, func(f *figures) float64 { return f.push }),
		limitGoal("start to ready", "< 50 ms", 50, func(f *figures) float64 { return ms(f.ready) }, millis, false),
		limitGoal("-t on the recipe", "< 20 ms", 20, func(f *figures) float64 { return ms(f.check) }, millis, false),
	}
	if o.startup {
		return all[len(all)-startupLines:]
	}
	return all
}

func p99Below(g, _ *figures, peers []*figures) (string, bool, bool) {
	if len(peers) == 0 {
		return "", false, false
	}
	met := true
	for _, p := range peers {
		met = met && g.head5.p99 < p.head5.p99
	}
	return millis(ms(g.head5.p99)), met, true
}

func closeVsApache(g, _ *figures, peers []*figures) (string, bool, bool) {
	a := find(peers, "Apache")
	if a == nil || a.headClose.reqs == 0 {
		return "", false, false
	}
	r := g.headClose.reqs / a.headClose.reqs
	return fmt.Sprintf("%.2fx", floor2(r)), r >= 1.5, true
}

// floor2 cuts r to two decimals, so that a ratio printed as the target
// (0.948 as 0.94, not 0.95) is never one judged below it.
func floor2(r float64) float64 { return math.Floor(r*100) / 100 }

// printGoals judges gohttpd against each target, and says how many are
// met.
func printGoals(w io.Writer, o *options, all []*figures) {
	g := find(all, "gohttpd")
	if g == nil {
		return
	}
	var peers []*figures
	for _, f := range all {
		if f.proxied && f != g {
			peers = append(peers, f)
		}
	}
	fmt.Fprintln(w, "\ngohttpd against the issue's targets:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	met, judged := 0, 0
	for _, t := range goals(o) {
		got, ok, judgedHere := t.judge(g, find(all, "direct"), peers)
		verdict := "not judged (missing target)"
		if judgedHere {
			judged++
			verdict = "not met"
			if ok {
				met++
				verdict = "met"
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", t.work, t.target, got, verdict)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d of %d targets met", met, judged)
	if o.quick {
		fmt.Fprint(w, " (quick run: sizes and durations too small to judge)")
	}
	fmt.Fprintln(w)
}
