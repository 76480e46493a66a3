package main

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// The bounds. Under steady load a server's memory and descriptors rise
// to a plateau during the warm-up and then only wobble; a leak instead
// grows with the number of requests, which runs into the thousands per
// minute, so it passes any fixed margin over the warm-up's peak soon
// enough.
const (
	// rssGrowth is how far RSS may rise over the warm-up's peak: Go's
	// collector lets the heap reach twice what is live before it runs,
	// and the warm-up has seen that cycle many times, so half again is
	// room for noise but not for a leak of a few hundred bytes per
	// request over ten minutes.
	rssGrowth = 1.5
	// Per worker, the descriptors and goroutines that may be in use at
	// one moment beyond the warm-up's peak: a push opens up to four
	// front connections, each proxied on a backend connection, whose
	// two ends are both in the serving process.
	fdsPerWorker        = 4
	goroutinesPerWorker = 8
	// maxPooled is the most idle backend connections the proxy keeps
	// once the load stops (server/proxy's maxIdlePerBackend); there are
	// no more than the load had in use at once, one per front
	// connection. Each is two descriptors and one goroutine (the
	// backend's) in the process.
	maxPooled = 400
)

// restSlack is what the server may hold over its count before the load
// once the load stops: its pooled backend connections, and a little.
func restSlack(workers int) (fds, goroutines int) {
	pooled := min(fdsPerWorker*workers, maxPooled)
	return 2*pooled + 8, pooled + 16
}

// check judges the samples against the bounds.
func (t *table) check(cfg config) error {
	var warm, after []sample
	for _, s := range t.samples {
		if s.at <= cfg.warmup {
			warm = append(warm, s)
		} else {
			after = append(after, s)
		}
	}
	if len(warm) == 0 || len(after) == 0 {
		return fmt.Errorf("%d samples in the warm-up and %d after it: run longer or sample more often", len(warm), len(after))
	}
	peak := peakOf(warm)
	var errs []error
	for _, s := range after {
		errs = append(errs, s.within(peak, cfg.workers))
	}
	if t.rest != nil && !t.rest.settled(t.before, cfg.workers) {
		errs = append(errs, fmt.Errorf("after the load: %d descriptors and %d goroutines, before it %d and %d",
			t.rest.fds, t.rest.goroutines, t.before.fds, t.before.goroutines))
	}
	return errors.Join(errs...)
}

// within reports s growing past the warm-up's peak.
func (s sample) within(peak sample, workers int) error {
	switch {
	case float64(s.rss) > rssGrowth*float64(peak.rss):
		return fmt.Errorf("at %s: RSS %.1f MiB, warm-up peak %.1f MiB", s.at.Round(time.Second), mib(s.rss), mib(peak.rss))
	case s.fds > peak.fds+fdsPerWorker*workers:
		return fmt.Errorf("at %s: %d descriptors, warm-up peak %d", s.at.Round(time.Second), s.fds, peak.fds)
	case s.goroutines > peak.goroutines+goroutinesPerWorker*workers:
		return fmt.Errorf("at %s: %d goroutines, warm-up peak %d", s.at.Round(time.Second), s.goroutines, peak.goroutines)
	}
	return nil
}

// settled reports whether s holds no more than before the load, apart
// from the proxy's idle backend connections.
func (s sample) settled(before sample, workers int) bool {
	fds, goroutines := restSlack(workers)
	return s.fds <= before.fds+fds && s.goroutines <= before.goroutines+goroutines
}

func peakOf(samples []sample) sample {
	var p sample
	for _, s := range samples {
		p.rss, p.fds, p.goroutines = max(p.rss, s.rss), max(p.fds, s.fds), max(p.goroutines, s.goroutines)
	}
	return p
}

// atRest samples the server once its clients have gone, polling until
// it has closed what they left open or a quarter of a minute passes
// (connections end as the server notices its clients' closes).
func (t *table) atRest(c *child, l *load, workers int, out io.Writer) error {
	deadline := time.Now().Add(15 * time.Second)
	for {
		s, err := c.sample()
		if err != nil {
			return err
		}
		if s.settled(t.before, workers) || time.Now().After(deadline) {
			t.rest = &s
			t.row("rest", s, l, out)
			return nil
		}
		time.Sleep(500 * time.Millisecond)
	}
}
