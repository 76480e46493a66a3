// Package apachetest runs real Apache httpd 2.4 (Debian's apache2) on
// 127.0.0.1 for tests that compare gohttpd with it. Only tests import it.
package apachetest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Bin is Debian's Apache httpd 2.4.
const Bin = "/usr/sbin/apache2"

// mpm is the one adaptation Debian's apache2 needs: an MPM, which the
// httpd:2.4 image's configs do not load either.
const mpm = "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so"

// Require skips the test when apache2 is missing, or fails it under CI,
// where .ci/run installs it.
func Require(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(Bin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("apache2 is needed in CI: %v", err)
		}
		t.Skip("apache2 is not installed (Debian's apache2 package)")
	}
}

// Root is a ServerRoot for apache2 in a fresh temporary directory, with a
// port of its own on 127.0.0.1.
type Root struct {
	Dir  string
	Addr string // 127.0.0.1:port
}

// NewRoot makes a ServerRoot: modules linked to Debian's, logs/ and
// htdocs/, and a free port.
func NewRoot(t testing.TB) *Root {
	t.Helper()
	r := &Root{Dir: t.TempDir(), Addr: "127.0.0.1:" + strconv.Itoa(FreePort(t))}
	for _, err := range []error{
		os.Symlink("/usr/lib/apache2/modules", filepath.Join(r.Dir, "modules")),
		os.Mkdir(filepath.Join(r.Dir, "logs"), 0o755),
		os.Mkdir(filepath.Join(r.Dir, "htdocs"), 0o755),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// Head is what every test config starts with: where Apache keeps its
// files and listens.
func (r *Root) Head() string {
	return fmt.Sprintf("ServerRoot %s\nListen %s\nPidFile %s/logs/httpd.pid\nErrorLog %s/logs/error_log\nDocumentRoot %s/htdocs\nServerName localhost\n",
		r.Dir, r.Addr, r.Dir, r.Dir, r.Dir)
}

// Start runs apache2 on the root's httpd.conf until the test ends, and
// returns once it accepts connections.
func (r *Root) Start(t testing.TB) {
	t.Helper()
	Require(t)
	cmd := exec.Command(Bin, "-d", r.Dir, "-f", "httpd.conf", "-DFOREGROUND", "-C", mpm)
	out, err := os.Create(filepath.Join(r.Dir, "logs", "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
	})
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", r.Addr)
		if err == nil {
			c.Close()
			return
		}
		if i > 100 {
			stderr, _ := os.ReadFile(filepath.Join(r.Dir, "logs", "stderr"))
			log, _ := os.ReadFile(filepath.Join(r.Dir, "logs", "error_log"))
			t.Fatalf("apache2 did not start: %s%s", stderr, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// FreePort returns a port on 127.0.0.1 that was free a moment ago, for a
// server that must bind it itself.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
