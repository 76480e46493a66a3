package authfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// watched is a Source of a file's text under test, with readers loading
// it in a loop the whole time, as requests in flight would.
type watched struct {
	t      *testing.T
	path   string
	src    *Source[string]
	parses atomic.Int64

	mu   sync.Mutex
	seen map[string]bool // every version written: what a reader may get
	stop chan struct{}
	done sync.WaitGroup
}

func newWatched(t *testing.T, path, first string) *watched {
	t.Helper()
	w := &watched{t: t, path: path, seen: map[string]bool{}, stop: make(chan struct{})}
	w.src = NewSource(path, func(data []byte) string { w.parses.Add(1); return string(data) })
	if first != "" {
		w.write(first, func() { writeFile(t, path, first) })
	}
	for range 4 {
		w.done.Add(1)
		go w.read()
	}
	t.Cleanup(w.close)
	return w
}

// read loads until stopped; every value must be a version written, and
// every error a missing file.
func (w *watched) read() {
	defer w.done.Done()
	for {
		select {
		case <-w.stop:
			return
		default:
		}
		v, err := w.src.Load()
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.t.Errorf("Load in flight: %v", err)
			}
			continue
		}
		w.mu.Lock()
		ok := w.seen[v]
		w.mu.Unlock()
		if !ok {
			w.t.Errorf("Load in flight returned %q, never written", v)
		}
	}
}

func (w *watched) close() {
	close(w.stop)
	w.done.Wait()
}

// write records version v as one readers may see, then makes it so.
func (w *watched) write(v string, change func()) {
	w.mu.Lock()
	w.seen[v] = true
	w.mu.Unlock()
	change()
}

// rewrite writes v over the file in place. Readers may catch the file
// truncated or half written, as Apache's would: any start of v.
func (w *watched) rewrite(v string) {
	for i := range len(v) {
		w.mu.Lock()
		w.seen[v[:i]] = true
		w.mu.Unlock()
	}
	w.write(v, func() { writeFile(w.t, w.path, v) })
}

// want checks that a Load now returns v.
func (w *watched) want(v, after string) {
	w.t.Helper()
	got, err := w.src.Load()
	if err != nil || got != v {
		w.t.Errorf("after %s: Load = %q, %v; want %q", after, got, err, v)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mvOver writes data beside path and renames it over path.
func mvOver(t *testing.T, path, data string) {
	t.Helper()
	tmp := path + ".new"
	writeFile(t, tmp, data)
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestSourceRewriteInPlace(t *testing.T) {
	t.Parallel()
	w := newWatched(t, filepath.Join(t.TempDir(), "htpasswd"), "a:1\n")
	w.want("a:1\n", "first read")
	// os.WriteFile truncates and writes the same inode, as an editor saving
	// in place does.
	w.rewrite("a:1\nb:2\n")
	w.want("a:1\nb:2\n", "a longer rewrite")
	// Same size, at once: likely the same timestamp tick.
	w.rewrite("a:1\nb:3\n")
	w.want("a:1\nb:3\n", "a same-size rewrite")
	w.rewrite("a:1\n")
	w.want("a:1\n", "a shorter rewrite")
}

func TestSourceMoveOver(t *testing.T) {
	t.Parallel()
	w := newWatched(t, filepath.Join(t.TempDir(), "htpasswd"), "a:1\n")
	w.want("a:1\n", "first read")
	for _, v := range []string{"a:2\n", "a:3\n", "b:33\n"} {
		w.write(v, func() { mvOver(t, w.path, v) })
		w.want(v, "mv over the file")
	}
}

func TestSourceMissingThenBack(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "htpasswd")
	w := newWatched(t, path, "")
	if _, err := w.src.Load(); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("no file yet: %v", err)
	}
	w.rewrite("a:1\n")
	w.want("a:1\n", "the file appears")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if v, err := w.src.Load(); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("removed file: Load = %q, %v; want an error, never the old table", v, err)
		}
	}
	w.rewrite("a:1\n")
	w.want("a:1\n", "the file is back")
}

func TestSourceUnreadable(t *testing.T) {
	t.Parallel()
	if os.Geteuid() == 0 {
		t.Skip("root reads files whatever their mode")
	}
	path := filepath.Join(t.TempDir(), "htpasswd")
	writeFile(t, path, "a:1\n")
	src := NewSource(path, func(data []byte) string { return string(data) })
	if v, err := src.Load(); err != nil || v != "a:1\n" {
		t.Fatalf("Load = %q, %v", v, err)
	}
	if err := os.Chmod(path, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := src.Load(); !errors.Is(err, fs.ErrPermission) {
		t.Errorf("unreadable file: %v", err)
	}
}

// TestSourceKubernetesSwap updates a file as the kubelet updates a Secret
// or ConfigMap volume: the name is a link into "..data", itself a link to
// a timestamped directory; an update writes a new directory and renames a
// new "..data" link over the old one, then removes the old directory.
func TestSourceKubernetesSwap(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	version := func(name, data string) {
		t.Helper()
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name, "htpasswd"), data)
	}
	version("..2026_01_01_00_00_00.1", "a:1\n")
	link("..2026_01_01_00_00_00.1", "..data")
	link("..data/htpasswd", "htpasswd")
	// The file is there before the readers start: newWatched writes it
	// (again, the same bytes) and records it first.
	w := newWatched(t, filepath.Join(dir, "htpasswd"), "a:1\n")
	w.want("a:1\n", "first read")
	old := "..2026_01_01_00_00_00.1"
	for i, v := range []string{"a:2\n", "a:3\n", "bb:4\n"} {
		name := "..2026_01_01_00_00_0" + string(rune('2'+i)) + ".1"
		w.write(v, func() {
			version(name, v)
			link(name, "..data_tmp")
			if err := os.Rename(filepath.Join(dir, "..data_tmp"), filepath.Join(dir, "..data")); err != nil {
				t.Fatal(err)
			}
		})
		w.want(v, "the ..data swap to "+name)
		if err := os.RemoveAll(filepath.Join(dir, old)); err != nil {
			t.Fatal(err)
		}
		w.want(v, "removing "+old)
		old = name
	}
}

func TestSourceReadsOnlyOnChange(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "htpasswd")
	writeFile(t, path, "a:1\n")
	var parses atomic.Int64
	src := NewSource(path, func(data []byte) string { parses.Add(1); return string(data) })
	src.window = 10 * time.Millisecond
	settle := func() {
		t.Helper()
		if _, err := src.Load(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(2 * src.window)
		src.Load() // a read after the window ends the racy period
	}
	settle()
	reads := src.Reads()
	for range 100 {
		src.Load()
	}
	if got := src.Reads(); got != reads {
		t.Errorf("an unchanged file was read %d more times in 100 loads", got-reads)
	}
	// Times moved without a change of contents: read again, parsed once.
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
	settle()
	if src.Reads() == reads {
		t.Error("a touched file was not read again")
	}
	if parses.Load() != 1 {
		t.Errorf("unchanged contents parsed %d times, want once", parses.Load())
	}
	if runtime.GOOS != "linux" {
		return
	}
	// A same-size rewrite in place that puts the old modification time
	// back, as cp -p does, changes the change time only.
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, "a:2\n")
	if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
		t.Fatal(err)
	}
	if v, _ := src.Load(); v != "a:2\n" {
		t.Errorf("a rewrite with its modification time restored: Load = %q", v)
	}
}

// TestSourceRacyRereads checks the guard for changes a stat cannot show:
// a file changed within the window is read again at every Load.
func TestSourceRacyRereads(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "htpasswd")
	writeFile(t, path, "a:1\n")
	src := NewSource(path, func(data []byte) string { return string(data) })
	for range 3 {
		src.Load()
	}
	if got := src.Reads(); got != 3 {
		t.Errorf("a file changed just now was read %d times in 3 loads, want 3", got)
	}
}
