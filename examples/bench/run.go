package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// options are the benchmark's settings (flags of the command).
type options struct {
	blob, push, upload int64         // sizes in bytes
	load               time.Duration // each request-rate load
	clients            int           // hey's concurrent clients
	requests           int           // when set, each load is this many requests instead of lasting load
	repeat             int           // blob GETs, pushes, starts and -t runs, median taken
	rounds             int           // times every target is measured, in turns; medians shown
	targets            []string      // names of targets to run, lower case
	requireAll         bool          // a missing peer is an error, not a skip
	gohttpd            string        // a built gohttpd; empty builds one
	keep               bool          // keep the work directory
	quick              bool          // tiny sizes: checks the benchmark works, judges nothing
	startup            bool          // only the start and config-check lines: no seeding, no loads
	dropCaches         bool          // drop the page cache before each target's pushes
	log                io.Writer     // progress
}

// targetNames are the table's columns, in order.
var targetNames = []string{"direct", "apache", "nginx", "caddy", "gohttpd"}

// wants says whether the run includes the named target.
func (o *options) wants(name string) bool {
	return slices.Contains(o.targets, strings.ToLower(name))
}

// run starts the registry, seeds it, measures each target in turn and
// returns the figures in column order.
func run(o *options) ([]*figures, error) {
	work, err := os.MkdirTemp("", "gohttpd-bench-")
	if err != nil {
		return nil, err
	}
	if !o.keep {
		defer os.RemoveAll(work)
	} else {
		fmt.Fprintf(o.log, "work directory: %s\n", work)
	}
	// Apache's and nginx's workers run as daemon and read the auth files.
	if err := os.Chmod(work, 0o755); err != nil {
		return nil, err
	}
	e := &env{work: work}
	if e.auth, err = makeAuthDir(work); err != nil {
		return nil, err
	}
	if e.gohttpd = o.gohttpd; e.gohttpd == "" && o.wants("gohttpd") {
		fmt.Fprintln(o.log, "building gohttpd")
		if e.gohttpd, err = buildGohttpd(work); err != nil {
			return nil, err
		}
	}
	reg, addr, err := startRegistry(work)
	if err != nil {
		return nil, err
	}
	defer reg.stop()
	e.registry, e.registryProc = addr, reg
	var s *seed
	if !o.startup {
		fmt.Fprintf(o.log, "seeding the registry with a %s blob\n", size(o.blob))
		if s, err = seedRegistry(addr, o.blob); err != nil {
			return nil, err
		}
	}
	var rounds [][]*figures
	for r := range o.rounds {
		if o.rounds > 1 {
			fmt.Fprintf(o.log, "round %d of %d\n", r+1, o.rounds)
		}
		all, err := runRound(o, e, s)
		if err != nil {
			return nil, err
		}
		rounds = append(rounds, all)
	}
	return combineRounds(rounds), nil
}

// runRound measures each target in turn, direct first.
func runRound(o *options, e *env, s *seed) ([]*figures, error) {
	var all []*figures
	if o.wants("direct") && !o.startup {
		f, err := measure(o, "direct", endpoint{addr: e.registry, auth: e.auth}, s, servers{registry: e.registryProc})
		if err != nil {
			return nil, fmt.Errorf("direct: %w", err)
		}
		all = append(all, f)
	}
	for _, p := range allProxies() {
		if !o.wants(p.name()) {
			continue
		}
		if b := p.binary(); b != "" {
			if _, err := os.Stat(b); err != nil {
				if o.requireAll {
					return nil, fmt.Errorf("%s is needed: %w", p.name(), err)
				}
				fmt.Fprintf(o.log, "skipping %s: %s is not installed\n", p.name(), b)
				continue
			}
		}
		f, err := runProxy(o, e, p, s)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p.name(), err)
		}
		all = append(all, f)
	}
	return all, nil
}

// combineRounds gives each target's figures over the rounds, in which the
// targets took turns (every round measures the same targets in the same
// order): each figure is the median of its rounds, so that a moment when
// the machine was slower for one target weighs no more than one round;
// memory figures are the highest of any round.
func combineRounds(rounds [][]*figures) []*figures {
	all := make([]*figures, len(rounds[0]))
	for i := range all {
		var target []*figures
		for _, round := range rounds {
			target = append(target, round[i])
		}
		all[i] = combine(target)
	}
	return all
}

// combine gives one target's figures over several rounds.
func combine(rounds []*figures) *figures {
	f := *rounds[0]
	med := func(get func(*figures) float64) float64 {
		v := make([]float64, len(rounds))
		for i, r := range rounds {
			v[i] = get(r)
		}
		return median(v)
	}
	medDur := func(get func(*figures) time.Duration) time.Duration {
		return time.Duration(med(func(r *figures) float64 { return float64(get(r)) }))
	}
	f.blob = med(func(r *figures) float64 { return r.blob })
	f.push = med(func(r *figures) float64 { return r.push })
	f.upload = med(func(r *figures) float64 { return r.upload })
	f.ready = medDur(func(r *figures) time.Duration { return r.ready })
	f.check = medDur(func(r *figures) time.Duration { return r.check })
	for _, l := range []func(*figures) *load{
		func(r *figures) *load { return &r.head5 },
		func(r *figures) *load { return &r.head10 },
		func(r *figures) *load { return &r.headClose },
	} {
		*l(&f) = load{
			reqs:        med(func(r *figures) float64 { return l(r).reqs }),
			p99:         medDur(func(r *figures) time.Duration { return l(r).p99 }),
			n:           int(med(func(r *figures) float64 { return float64(l(r).n) })),
			clientCPU:   med(func(r *figures) float64 { return l(r).clientCPU }),
			proxyCPU:    med(func(r *figures) float64 { return l(r).proxyCPU }),
			registryCPU: med(func(r *figures) float64 { return l(r).registryCPU }),
		}
	}
	for _, r := range rounds {
		if r.rss > f.rss {
			f.rss, f.procs = r.rss, r.procs
		}
		f.uploadGrowth = max(f.uploadGrowth, r.uploadGrowth)
	}
	return &f
}

// runProxy configures p, times its config check and its starts, then
// measures it under load.
func runProxy(o *options, e *env, p proxy, s *seed) (*figures, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	if err := p.prepare(e, addr); err != nil {
		return nil, err
	}
	check, err := timeCheck(o, e, p)
	if err != nil {
		return nil, err
	}
	var readies []float64
	var proc *process
	for i := range o.repeat {
		if proc, err = startProxy(e, p, addr); err != nil {
			return nil, err
		}
		ready, err := proc.waitTLS(addr, 30*time.Second)
		if err != nil {
			proc.stop()
			return nil, err
		}
		readies = append(readies, ready.Seconds())
		if i < o.repeat-1 {
			proc.stop()
		}
	}
	defer proc.stop()
	f := &figures{name: p.name(), proxied: true}
	if !o.startup {
		if f, err = measure(o, p.name(), endpoint{addr: addr, auth: e.auth, tls: true}, s, servers{proxy: proc, registry: e.registryProc}); err != nil {
			return nil, fmt.Errorf("%w\n%s", err, proc.tail())
		}
	}
	f.check = check
	f.ready = time.Duration(median(readies) * float64(time.Second))
	return f, nil
}

// startProxy starts p with its output in its directory.
func startProxy(e *env, p proxy, addr string) (*process, error) {
	return startProcess(p.name(), p.command(e), e.dir(strings.ToLower(p.name()))+"/output.log")
}

// timeCheck runs p's configuration check o.repeat times, after one
// untimed run that reads the binary back into the page cache (a drop of
// the cache or other targets' loads may have evicted it), and returns the
// median time; a failing check is an error.
func timeCheck(o *options, e *env, p proxy) (time.Duration, error) {
	var times []float64
	for i := range o.repeat + 1 {
		cmd := p.checkCommand(e)
		t0 := time.Now()
		out, err := cmd.CombinedOutput()
		if i > 0 {
			times = append(times, time.Since(t0).Seconds())
		}
		if err != nil {
			return 0, fmt.Errorf("%s: %w: %s", strings.Join(cmd.Args, " "), err, out)
		}
	}
	return time.Duration(median(times) * float64(time.Second)), nil
}

// measure runs every load against ep in turn, through sv; the proxy's
// memory is watched.
func measure(o *options, name string, ep endpoint, s *seed, sv servers) (*figures, error) {
	proc := sv.proxy
	f := &figures{name: name, proxied: proc != nil}
	step := func(what string) { fmt.Fprintf(o.log, "%s: %s\n", name, what) }
	if proc != nil {
		if err := checkAuth(ep, s); err != nil {
			return nil, err
		}
	}
	var err error
	flushWrites()
	step("blob GET")
	if f.blob, err = blobGET(ep, s, o.repeat); err != nil {
		return nil, err
	}
	step("upload")
	if f.upload, f.uploadGrowth, err = upload(ep, "bench/upload-"+strings.ToLower(name), o.upload, proc); err != nil {
		return nil, err
	}
	step("push")
	if o.dropCaches {
		if err := dropPageCache(); err != nil {
			return nil, err
		}
	}
	if f.push, err = push(ep, "bench/push-"+strings.ToLower(name), o.push, o.repeat); err != nil {
		return nil, err
	}
	flushWrites()
	w := watchRSS(proc)
	for _, l := range []struct {
		what string
		dst  *load
		as   user
		keep bool
	}{
		{"HEAD, keep-alive, cost 5", &f.head5, reader, true},
		{"HEAD, keep-alive, cost 10", &f.head10, reader10, true},
		{"HEAD, keep-alive off, cost 5", &f.headClose, reader, false},
	} {
		step(l.what)
		if *l.dst, err = headLoad(ep, s, l.as, o, l.keep, sv); err != nil {
			w.stop()
			return nil, err
		}
	}
	f.rss, f.procs = w.stop()
	return f, nil
}

// flushWrites writes what the registry's storage holds in the page cache
// out to disk. The kernel writes dirty pages back some 30 s after they
// were written, which would land in whichever target's loads run then:
// each target starts, and its request-rate loads begin, with none pending.
func flushWrites() { syscall.Sync() }

// dropPageCache writes dirty pages back and drops the page cache. On the
// virtual machine of the README's run, the registry's CPU time for a
// 200 MiB push went from 0.40-0.50 s to 0.9-1.1 s after some gigabytes
// had been written, direct and through a proxy alike, most of it in the
// kernel copying into new page-cache pages; after a drop it stayed at
// 0.40-0.48 s. Whichever target's pushes ran in the slow state paid for
// it, so -drop-caches starts every target's pushes from a drop.
func dropPageCache() error {
	syscall.Sync()
	if err := os.WriteFile("/proc/sys/vm/drop_caches", []byte("1"), 0); err != nil {
		return fmt.Errorf("-drop-caches (needs root on Linux): %w", err)
	}
	return nil
}

// freeAddr is an address on 127.0.0.1 that was free a moment ago, for a
// proxy that binds it itself.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// tools are the clients every run needs.
func tools() error {
	var errs []error
	for _, t := range []string{"curl", "hey"} {
		if _, err := exec.LookPath(t); err != nil {
			errs = append(errs, fmt.Errorf("%s is needed (Debian's %s package): %w", t, t, err))
		}
	}
	return errors.Join(errs...)
}
