package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// sample is the serving process at one moment.
type sample struct {
	rss, heap       uint64 // bytes
	fds, goroutines int
	at              time.Duration // since the load began
	done, fails     int64         // operations so far
}

// sample reads the child's memory and descriptors from /proc and asks
// it for its goroutines and heap.
func (c *child) sample() (sample, error) {
	var s sample
	pid := c.cmd.Process.Pid
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, err
	}
	if s.rss, err = vmRSS(status); err != nil {
		return s, err
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return s, err
	}
	s.fds = len(fds)
	if _, err := io.WriteString(c.in, "sample\n"); err != nil {
		return s, fmt.Errorf("asking the stack: %w", err)
	}
	if _, err := fmt.Fscanln(c.out, &s.goroutines, &s.heap); err != nil {
		return s, fmt.Errorf("asking the stack: %w", err)
	}
	return s, nil
}

// vmRSS is the resident set size in a /proc/PID/status file.
func vmRSS(status []byte) (uint64, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		if kb, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmRSS:")); ok {
			n, err := strconv.ParseUint(string(bytes.TrimSuffix(bytes.TrimSpace(kb), []byte(" kB"))), 10, 64)
			return n << 10, err
		}
	}
	return 0, errors.New("no VmRSS in /proc status: the process has exited")
}

// table collects and prints the samples.
type table struct {
	start   time.Time
	samples []sample
	before  sample  // the stack at rest before the load
	rest    *sample // after the load stopped
}

func (t *table) header(out io.Writer) {
	fmt.Fprintf(out, "%8s %9s %7s %6s %8s %8s %5s %10s\n", "time", "ops", "ops/s", "fails", "RSS MiB", "heap MiB", "fds", "goroutines")
}

func (t *table) add(s sample, l *load, out io.Writer) {
	s.at, s.done, s.fails = time.Since(t.start), l.done.Load(), l.fails.Load()
	rate := float64(s.done)
	if n := len(t.samples); n > 0 {
		prev := t.samples[n-1]
		rate = float64(s.done-prev.done) / (s.at - prev.at).Seconds()
	} else {
		rate /= s.at.Seconds()
	}
	t.samples = append(t.samples, s)
	fmt.Fprintf(out, "%8s %9d %7.1f %6d %8.1f %8.1f %5d %10d\n", s.at.Round(time.Second), s.done, rate, s.fails,
		mib(s.rss), mib(s.heap), s.fds, s.goroutines)
}

// row prints a sample not taken under load, named what.
func (t *table) row(what string, s sample, l *load, out io.Writer) {
	fmt.Fprintf(out, "%8s %9d %7s %6d %8.1f %8.1f %5d %10d\n", what, l.done.Load(), "-", l.fails.Load(),
		mib(s.rss), mib(s.heap), s.fds, s.goroutines)
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }
