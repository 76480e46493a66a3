package main

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is one server under test (or the registry) started by the
// benchmark, with its output in a log file.
type process struct {
	name    string
	cmd     *exec.Cmd
	log     string
	started time.Time
	done    chan struct{}
}

// startProcess runs cmd with its output in logFile.
func startProcess(name string, cmd *exec.Cmd, logFile string) (*process, error) {
	out, err := os.Create(logFile)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	p := &process{name: name, cmd: cmd, log: logFile, done: make(chan struct{})}
	p.started = time.Now()
	if err := cmd.Start(); err != nil {
		out.Close()
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	go func() { _ = cmd.Wait(); out.Close(); close(p.done) }()
	return p, nil
}

// waitTLS waits until addr completes a TLS handshake as the recipe's host,
// and returns the time from the process's start: its start-to-ready time.
func (p *process) waitTLS(addr string, limit time.Duration) (time.Duration, error) {
	conf := &tls.Config{ServerName: host, InsecureSkipVerify: true} // readiness only; loads verify
	deadline := p.started.Add(limit)
	for {
		c, err := tls.DialWithDialer(&net.Dialer{Timeout: time.Second}, "tcp", addr, conf)
		if err == nil {
			ready := time.Since(p.started)
			c.Close()
			return ready, nil
		}
		select {
		case <-p.done:
			return 0, fmt.Errorf("%s exited before it was ready: %s", p.name, p.tail())
		default:
		}
		if time.Now().After(deadline) {
			return 0, fmt.Errorf("%s not ready on %s within %v: %w; %s", p.name, addr, limit, err, p.tail())
		}
		time.Sleep(time.Millisecond)
	}
}

// tail is the end of the process's output, for errors.
func (p *process) tail() string {
	b, _ := os.ReadFile(p.log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return fmt.Sprintf("output of %s:\n%s", p.name, b)
}

// stop ends the process (SIGTERM, then SIGKILL after five seconds) and
// waits for it.
func (p *process) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// rss is the resident memory of the process and all its descendants
// (Apache's and nginx's children), from /proc, and how many there are.
func (p *process) rss() (bytes int64, procs int) {
	return rssOf(descendants(p.cmd.Process.Pid))
}

// rssOf sums the resident memory of pids, leaving out those gone.
func rssOf(pids []int) (bytes int64, procs int) {
	for _, pid := range pids {
		if kb, ok := vmRSS(pid); ok {
			bytes += kb << 10
			procs++
		}
	}
	return bytes, procs
}

// descendants lists root and every process below it.
func descendants(root int) []int {
	children := map[int][]int{}
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, ok := parentOf(pid); ok {
			children[ppid] = append(children[ppid], pid)
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		out = append(out, children[out[i]]...)
	}
	return out
}

// parentOf reads a process's parent from /proc/PID/stat.
func parentOf(pid int) (int, bool) {
	f, ok := statFields(pid)
	if !ok || len(f) < 2 {
		return 0, false
	}
	ppid, err := strconv.Atoi(f[1])
	return ppid, err == nil
}

// statFields are the fields of /proc/PID/stat after the command name
// (the second field, which may hold spaces and parentheses): the first
// is the state, the third field of stat(5).
func statFields(pid int) ([]string, bool) {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil, false
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, false
	}
	return strings.Fields(string(b[i+1:])), true
}

// cpu is the CPU time the process and its descendants have used, user
// and system, children already waited for included (Apache's and nginx's
// parents wait for the workers they replace).
func (p *process) cpu() time.Duration { return cpuOf(descendants(p.cmd.Process.Pid)) }

// clockTicks is the unit of the CPU times in /proc/PID/stat: USER_HZ,
// 100 on every Linux architecture.
const clockTicks = 100

// cpuOf sums the CPU time of pids, leaving out those gone: utime, stime,
// cutime and cstime, fields 14 to 17 of stat(5).
func cpuOf(pids []int) time.Duration {
	var ticks int64
	for _, pid := range pids {
		f, ok := statFields(pid)
		if !ok || len(f) < 15 {
			continue
		}
		for _, v := range f[11:15] {
			n, _ := strconv.ParseInt(v, 10, 64)
			ticks += n
		}
	}
	return time.Duration(ticks) * time.Second / clockTicks
}

// vmRSS reads VmRSS (kB) from /proc/PID/status.
func vmRSS(pid int) (int64, bool) {
	f, err := os.Open(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, false
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb, err == nil
		}
	}
	return 0, false
}

// rssPeak samples a process tree's RSS until stopped, keeping the peak.
type rssPeak struct {
	p     *process
	stopc chan struct{}
	wg    sync.WaitGroup
	peak  int64
	procs int
	// pids are the tree's processes as last listed, at scanned.
	pids    []int
	scanned time.Time
}

// rescanEvery is how often the process tree is listed again. Listing it
// reads every process's stat file; doing that at each sample took a tenth
// of the machine's CPU from the load being measured.
const rescanEvery = 500 * time.Millisecond

// watchRSS starts sampling p every 20 ms; nil p (direct) samples nothing.
func watchRSS(p *process) *rssPeak {
	w := &rssPeak{p: p, stopc: make(chan struct{})}
	if p == nil {
		return w
	}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			w.sample()
			select {
			case <-w.stopc:
				w.sample()
				return
			case <-t.C:
			}
		}
	}()
	return w
}

func (w *rssPeak) sample() {
	if time.Since(w.scanned) >= rescanEvery {
		w.pids, w.scanned = descendants(w.p.cmd.Process.Pid), time.Now()
	}
	b, n := rssOf(w.pids)
	if b > w.peak {
		w.peak, w.procs = b, n
	}
	if n > w.procs {
		w.procs = n
	}
}

// stop ends sampling and returns the peak in bytes and the most processes
// seen.
func (w *rssPeak) stop() (int64, int) {
	close(w.stopc)
	w.wg.Wait()
	return w.peak, w.procs
}
