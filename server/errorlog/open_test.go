package errorlog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

func TestOpenFileUnderMountedServerRoot(t *testing.T) {
	t.Parallel()
	host := t.TempDir()
	if err := os.Mkdir(filepath.Join(host, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	o := OpenOptions{ServerRoot: "/usr/local/apache2", Files: &directives.Files{Mounts: []directives.Mount{{Source: host, Target: "/usr/local/apache2"}}}}
	for _, line := range []string{"one\n", "two\n"} { // appended, not truncated
		w, err := Open("logs/error_log", o)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(host, "logs", "error_log")
	if data, _ := os.ReadFile(file); string(data) != "one\ntwo\n" {
		t.Errorf("log holds %q", data)
	}
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if want := os.FileMode(0o666 &^ umask(t)); fi.Mode().Perm() != want {
		t.Errorf("mode %v, want %v (0666 less the umask, as Apache)", fi.Mode().Perm(), want)
	}
	if _, err := Open("nodir/error_log", o); err == nil || !strings.Contains(err.Error(), "/usr/local/apache2/nodir/error_log") {
		t.Errorf("missing directory: %v, want an error naming the config's path", err)
	}
}

// umask reads the process's umask without changing it, which would race
// with the tests running beside.
func umask(t *testing.T) uint32 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status to read the umask from")
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "Umask:"); ok {
			n, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			if err != nil {
				t.Fatal(err)
			}
			return uint32(n)
		}
	}
	t.Skip("no umask in /proc/self/status")
	return 0
}

func TestOpenStandardStreams(t *testing.T) {
	t.Parallel()
	var out, errs bytes.Buffer
	o := OpenOptions{Stdout: &out, Stderr: &errs}
	for target, want := range map[string]*bytes.Buffer{
		"/proc/self/fd/1": &out, "/dev/stdout": &out, "/dev/fd/1": &out,
		"/proc/self/fd/2": &errs, "/dev/stderr": &errs, "/dev/fd/2": &errs,
	} {
		w, err := Open(target, o)
		if err != nil {
			t.Fatal(err)
		}
		before := want.Len()
		fmt.Fprintf(w, "%s\n", target)
		if err := w.Close(); err != nil {
			t.Errorf("%s: close: %v", target, err)
		}
		if got := want.String()[before:]; got != target+"\n" {
			t.Errorf("%s: wrote %q to the wrong stream", target, got)
		}
	}
}

func TestOpenSyslogRefused(t *testing.T) {
	t.Parallel()
	for _, target := range []string{"syslog", "syslog:local7"} {
		if _, err := Open(target, OpenOptions{}); err == nil || !strings.Contains(err.Error(), "syslog is not supported") {
			t.Errorf("%s: %v, want a refusal", target, err)
		}
	}
}

func TestOpenPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, target := range []string{
		`|/bin/sh -c "cat > got1"`,
		`||/bin/sh -c 'cat > got2'`,
		`|$cat > got3`,
	} {
		w, err := Open(target, OpenOptions{ServerRoot: dir})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(w, "line\n")
		if err := w.Close(); err != nil {
			t.Errorf("%s: %v", target, err)
		}
	}
	for _, f := range []string{"got1", "got2", "got3"} {
		if data, err := os.ReadFile(filepath.Join(dir, f)); string(data) != "line\n" {
			t.Errorf("%s: %q %v (the program runs in the ServerRoot)", f, data, err)
		}
	}
	if _, err := Open("|/nonexistent/prog", OpenOptions{ServerRoot: dir}); err == nil {
		t.Error("a missing program opened")
	}
}

func TestTokenize(t *testing.T) {
	t.Parallel()
	got := fmt.Sprintf("%q", tokenize(`/bin/rotatelogs -l "logs/a b" 86400 'x y' a\ b`))
	if want := `["/bin/rotatelogs" "-l" "logs/a b" "86400" "x y" "a b"]`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// TestConcurrentLinesWhole logs long lines from many goroutines into a
// pipe and a file and checks that no line is mixed with another.
func TestConcurrentLinesWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, target := range []string{"file", "|$cat > piped"} {
		w, err := Open(target, OpenOptions{ServerRoot: dir})
		if err != nil {
			t.Fatal(err)
		}
		l := New(w, Options{Now: func() time.Time { return fixed }})
		var wg sync.WaitGroup
		for g := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 50 {
					l.Log(Entry{Module: "core", Level: directives.LogError, Message: strings.Repeat(string(rune('a'+g)), 6000)})
				}
			}()
		}
		wg.Wait()
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"file", "piped"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		if len(lines) != 16*50 {
			t.Fatalf("%s: %d lines, want %d", f, len(lines), 16*50)
		}
		for _, line := range lines {
			_, msg, _ := strings.Cut(line, "] ")
			msg = msg[strings.LastIndex(msg, "] ")+2:]
			if strings.Count(msg, msg[:1]) != len(msg) {
				t.Fatalf("%s: mixed line %.80q…", f, msg)
			}
		}
	}
}
