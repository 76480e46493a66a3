package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// TestMain serves the registry when the benchmark starts this test binary
// as its registry process, as main does for the command.
func TestMain(m *testing.M) {
	if storage := os.Getenv(registryEnv); storage != "" {
		if err := serveRegistry(storage); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// The quick run goes through every part of the benchmark against the
// registry directly, gohttpd and each peer installed (all of them under
// CI): every proxy passes the recipe's auth checks, every load completes
// with every answer 200, and the table shows a figure for each. Timings
// are not judged.
func TestQuick(t *testing.T) {
	t.Parallel()
	ci := os.Getenv("CI") == "true"
	if err := tools(); err != nil {
		if ci {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	o, err := parseFlags([]string{"-quick"})
	if err != nil {
		t.Fatal(err)
	}
	o.requireAll, o.log = ci, testLog{t}
	o.dropCaches = os.Geteuid() == 0 // its path taken wherever it can be
	all, err := run(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"direct", "gohttpd"} {
		if find(all, name) == nil {
			t.Errorf("no figures for %s", name)
		}
	}
	if ci && len(all) != len(targetNames) {
		t.Errorf("ran %d targets, want all %d under CI", len(all), len(targetNames))
	}
	for _, f := range all {
		checkFigures(t, f)
	}
	var out bytes.Buffer
	printTable(&out, o, all)
	printGoals(&out, o, all)
	t.Logf("\n%s", &out)
	for _, f := range all {
		if !strings.Contains(out.String(), f.name) {
			t.Errorf("the table has no column for %s", f.name)
		}
	}
	if !strings.Contains(out.String(), "of 10 targets met") {
		t.Errorf("the table judges no targets:\n%s", &out)
	}
}

// checkFigures fails for a figure a completed load cannot have.
func checkFigures(t *testing.T, f *figures) {
	t.Helper()
	for what, v := range map[string]float64{
		"blob GET": f.blob, "HEAD cost 5": f.head5.reqs, "HEAD cost 10": f.head10.reqs,
		"HEAD keep-alive off": f.headClose.reqs, "push": f.push, "upload": f.upload,
	} {
		if v <= 0 {
			t.Errorf("%s: %s measured %v", f.name, what, v)
		}
	}
	if f.head5.p99 <= 0 {
		t.Errorf("%s: no p99", f.name)
	}
	if f.head5.n <= 0 || f.head5.clientCPU <= 0 {
		t.Errorf("%s: %d answers counted, hey's CPU time %v us per answer", f.name, f.head5.n, f.head5.clientCPU)
	}
	if f.proxied && (f.rss <= 0 || f.procs < 1 || f.ready <= 0 || f.check <= 0) {
		t.Errorf("%s: RSS %d in %d processes, ready %v, check %v", f.name, f.rss, f.procs, f.ready, f.check)
	}
}

// testLog sends the benchmark's progress to the test's log.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// hey's summary is read as it prints it, and a run with any answer other
// than 200 or any failed request is refused rather than measured.
func TestParseHey(t *testing.T) {
	t.Parallel()
	const ok = `
Summary:
  Total:	1.0021 secs
  Slowest:	0.0412 secs
  Requests/sec:	4321.1234

Latency distribution:
  10% in 0.0010 secs
  99% in 0.0250 secs

Status code distribution:
  [200]	4330 responses
`
	l, err := parseHey(ok)
	if err != nil || l.reqs != 4321.1234 || l.p99.Seconds() != 0.025 || l.n != 4330 {
		t.Errorf("parseHey = %+v, %v; want 4321.1234 req/s, p99 25ms, 4330 answers", l, err)
	}
	for name, out := range map[string]string{
		"401":    strings.Replace(ok, "[200]", "[401]", 1),
		"mixed":  ok + "  [401]\t3 responses\n",
		"errors": ok + "\nError distribution:\n  [3]\tHead \"https://127.0.0.1:1/\": EOF\n",
		"empty":  "\nSummary:\n\nStatus code distribution:\n",
	} {
		if _, err := parseHey(out); err == nil {
			t.Errorf("%s: parseHey accepted\n%s", name, out)
		}
	}
	few := strings.Replace(ok, "  99% in 0.0250 secs\n", "", 1)
	if l, err := parseHey(few); err != nil || l.p99.Seconds() != 0.0412 {
		t.Errorf("without a 99th percentile: %+v, %v; want the slowest, 41.2ms", l, err)
	}
}

// -startup measures only gohttpd's start and config check: the table and
// the goals have those two lines alone, each with a figure.
func TestStartupOnly(t *testing.T) {
	t.Parallel()
	o, err := parseFlags([]string{"-startup", "-targets", "gohttpd", "-repeat", "2"})
	if err != nil {
		t.Fatal(err)
	}
	o.log = testLog{t}
	all, err := run(o)
	if err != nil {
		t.Fatal(err)
	}
	g := find(all, "gohttpd")
	if len(all) != 1 || g == nil {
		t.Fatalf("ran %d targets, want gohttpd alone", len(all))
	}
	if g.ready <= 0 || g.check <= 0 {
		t.Errorf("ready %v, check %v; want both measured", g.ready, g.check)
	}
	var out bytes.Buffer
	printTable(&out, o, all)
	printGoals(&out, o, all)
	t.Logf("\n%s", &out)
	for _, want := range []string{"start to ready", "config check (-t)", "-t on the recipe", "of 2 targets met"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %q in\n%s", want, &out)
		}
	}
	if strings.Contains(out.String(), "blob GET") {
		t.Errorf("the load lines are printed:\n%s", &out)
	}
}

// A process tree's CPU time counts what its processes used, children
// already waited for included: a proxy's replaced workers (Apache's,
// nginx's) are waited for by their parent, and their time must not drop
// out of the load's figure.
func TestCPUOf(t *testing.T) {
	self := []int{os.Getpid()}
	before := cpuOf(self)
	busy := exec.Command("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done")
	if err := busy.Run(); err != nil {
		t.Fatal(err)
	}
	used := busy.ProcessState.UserTime() + busy.ProcessState.SystemTime()
	got := cpuOf(self) - before
	// /proc counts in 10 ms ticks, sampled: allow two either way.
	if used < 100*time.Millisecond || got < used-20*time.Millisecond {
		t.Errorf("a waited-for child used %v; the tree's CPU time grew %v", used, got)
	}
	if cpuOf([]int{1 << 30}) != 0 {
		t.Error("a process that is not there has CPU time")
	}
}

// Over several rounds each target's figure is the median of its rounds,
// and its memory the highest any round saw.
func TestCombineRounds(t *testing.T) {
	t.Parallel()
	round := func(v float64) []*figures {
		l := load{reqs: v, p99: time.Duration(v) * time.Millisecond, n: int(v), clientCPU: v, proxyCPU: v, registryCPU: v}
		return []*figures{
			{name: "direct", blob: v, head5: l, head10: l, headClose: l, push: v, upload: v},
			{name: "gohttpd", proxied: true, blob: 2 * v, head5: l, head10: l, headClose: l, push: v, upload: v,
				rss: int64(v) << 20, procs: int(v), uploadGrowth: int64(v), ready: time.Duration(v), check: time.Duration(v)},
		}
	}
	all := combineRounds([][]*figures{round(30), round(10), round(20)})
	if len(all) != 2 || all[0].name != "direct" || all[1].name != "gohttpd" {
		t.Fatalf("targets %v, want direct and gohttpd in that order", all)
	}
	d, g := all[0], all[1]
	for what, got := range map[string]float64{
		"direct blob": d.blob, "gohttpd blob": g.blob / 2, "push": g.push, "upload": g.upload,
		"HEAD rate": g.head5.reqs, "cost 10 rate": g.head10.reqs, "keep-alive off rate": g.headClose.reqs,
		"p99": float64(g.head5.p99 / time.Millisecond), "answers": float64(g.head5.n),
		"hey CPU": g.head5.clientCPU, "proxy CPU": g.head5.proxyCPU, "registry CPU": g.head5.registryCPU,
		"ready": float64(g.ready), "check": float64(g.check),
	} {
		if got != 20 {
			t.Errorf("%s = %v, want the median, 20", what, got)
		}
	}
	if g.rss != 30<<20 || g.procs != 30 || g.uploadGrowth != 30 {
		t.Errorf("RSS %d in %d processes, upload growth %d; want the highest round's: 30 MiB, 30, 30", g.rss, g.procs, g.uploadGrowth)
	}
}

// Every pushed image must be new to the registry, in every round and for
// every target: a push whose layer the registry holds already skips the
// upload and would be timed as hundreds of times faster.
func TestNewImageLayersDiffer(t *testing.T) {
	seen := map[string]bool{}
	for range 300 {
		_, layer, err := newImage(64)
		if err != nil {
			t.Fatal(err)
		}
		if seen[layer.String()] {
			t.Fatalf("layer %s made twice in %d images", layer, len(seen)+1)
		}
		seen[layer.String()] = true
	}
}

// -drop-caches must leave none of a file's pages in memory: the pushes
// after it then write into pages just freed.
func TestDropPageCache(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("dropping the page cache needs root")
	}
	dir := t.TempDir()
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil {
		t.Fatal(err)
	}
	if fs.Type == unix.TMPFS_MAGIC {
		t.Skip("the temporary directory is in memory (tmpfs), which no drop frees")
	}
	name := dir + "/f"
	if err := os.WriteFile(name, bytes.Repeat([]byte("x"), 1<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := residentPages(t, name); got == 0 {
		t.Fatal("a file just written has no page in memory: residency cannot be told here")
	}
	if err := dropPageCache(); err != nil {
		t.Fatal(err)
	}
	if got := residentPages(t, name); got != 0 {
		t.Errorf("%d pages of the file still in memory after the drop", got)
	}
}

// residentPages counts the pages of a file that are in the page cache.
func residentPages(t *testing.T, name string) int {
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	m, err := unix.Mmap(int(f.Fd()), 0, int(fi.Size()), unix.PROT_READ, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(m)
	vec := make([]byte, (len(m)+os.Getpagesize()-1)/os.Getpagesize())
	if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		t.Fatal(errno)
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n
}
