package main

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startCommand runs gohttpd as its own process on conf (a file in a
// fresh ServerRoot) with args, and returns it once its port answers.
func startCommand(t *testing.T, conf, addr string, args ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	return startCommandIn(t, t.TempDir(), conf, addr, args...)
}

// startCommandIn is startCommand with the ServerRoot root.
func startCommandIn(t *testing.T, root, conf, addr string, args ...string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], append([]string{"-d", root, "-f", "httpd.conf", "-DFOREGROUND"}, args...)...)
	cmd.Env = append(os.Environ(), "GOHTTPD_MAIN=1")
	// If the test binary dies, so does the server (unless it changed user).
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	for i := 0; ; i++ {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return cmd, out
		}
		if i > 200 {
			t.Fatalf("gohttpd did not start:\n%s", out.String())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// freeAddr is a 127.0.0.1 address that was free a moment ago.
func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func proxyConf(listen, backendPort string) string {
	return fmt.Sprintf(`LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ErrorLog /proc/self/fd/2
Listen %s
ServerName localhost
ProxyPass / http://registry:%s/
`, listen, backendPort)
}

// The recipe's backend is "registry"; --add-host makes that name reach a
// backend on this machine, and SIGWINCH lets a request in flight finish.
func TestServeAddHostAndGracefulStop(t *testing.T) {
	release := make(chan struct{})
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			<-release
		}
		io.WriteString(w, "from the backend")
	}))
	defer backend.Close()
	_, port, _ := net.SplitHostPort(backend.Listener.Addr().String())
	addr := freeAddr(t)
	cmd, out := startCommand(t, proxyConf(addr, port), addr, "--add-host", "registry:127.0.0.1")

	resp, err := http.Get("http://" + addr + "/fast")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "from the backend" {
		t.Fatalf("through --add-host: %d %q\n%s", resp.StatusCode, body, out)
	}

	slow := make(chan string)
	go func() {
		resp, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		slow <- string(b)
	}()
	time.Sleep(200 * time.Millisecond) // the slow request reaches the backend
	if err := cmd.Process.Signal(syscall.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Error("new connections are accepted after SIGWINCH")
	}
	close(release)
	if got := <-slow; got != "from the backend" {
		t.Errorf("the request in flight got %q", got)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("gohttpd after SIGWINCH: %v\n%s", err, out)
	}
}

func TestServeStopsOnSIGTERM(t *testing.T) {
	addr := freeAddr(t)
	cmd, out := startCommand(t, proxyConf(addr, "9"), addr)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("exit: %v\n%s", err, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("gohttpd did not stop on SIGTERM")
	}
	if strings.Contains(out.String(), "panic") {
		t.Errorf("output:\n%s", out)
	}
}

// Started as root, gohttpd serves as User and Group once its sockets are
// bound, on every thread, as mod_unixd switches httpd's children.
func TestServeSwitchesToUserAndGroup(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("switching users needs root")
	}
	addr := freeAddr(t)
	conf := proxyConf(addr, "9") + "LoadModule unixd_module modules/mod_unixd.so\nUser nobody\nGroup nogroup\n"
	cmd, out := startCommand(t, conf, addr)
	// The port answers as soon as it is bound; the switch follows.
	resp, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", cmd.Process.Pid))
	if err != nil || len(tasks) == 0 {
		t.Fatalf("no threads found: %v", err)
	}
	for _, task := range tasks {
		status, err := os.ReadFile(task)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(status), "\n") {
			field, ids, _ := strings.Cut(line, ":")
			if (field == "Uid" || field == "Gid") && strings.Join(strings.Fields(ids), " ") != "65534 65534 65534 65534" {
				t.Errorf("%s: %s:%s, want 65534 everywhere\n%s", task, field, ids, out)
			}
		}
	}
}

// SIGUSR1 switches to the configuration as it now is, without breaking a
// download in flight; a configuration that does not load leaves the
// previous one serving.
func TestServeReloadsOnSIGUSR1(t *testing.T) {
	release := make(chan struct{})
	var releaseOnce sync.Once
	let := func() { releaseOnce.Do(func() { close(release) }) }
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "8")
		io.WriteString(w, "first")
		w.(http.Flusher).Flush()
		if r.URL.Path == "/slow" {
			<-release
		}
		io.WriteString(w, "...")
	}))
	defer backend.Close()
	defer let() // before the backend closes: it waits for its handlers
	_, port, _ := net.SplitHostPort(backend.Listener.Addr().String())
	addr := freeAddr(t)
	root := t.TempDir()
	conf := proxyConf(addr, port) + "LoadModule headers_module modules/mod_headers.so\nHeader always set Which "
	cmd, out := startCommandIn(t, root, conf+"old\n", addr, "--add-host", "registry:127.0.0.1")

	slow, err := http.Get("http://" + addr + "/slow")
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Body.Close()
	write := func(text string) {
		if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Process.Signal(syscall.SIGUSR1); err != nil {
			t.Fatal(err)
		}
	}
	which := func() string {
		resp, err := http.Get("http://" + addr + "/fast")
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		resp.Body.Close()
		return resp.Header.Get("Which")
	}
	write(conf + "new\n")
	for start := time.Now(); which() != "new"; time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("SIGUSR1 did not switch to the new configuration:\n%s", out)
		}
	}
	write(conf + "new\nBogus directive\n")
	for start := time.Now(); !strings.Contains(out.String(), "still serving the previous"); time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("no word of the broken configuration:\n%s", out)
		}
	}
	if got := which(); got != "new" {
		t.Errorf("after a broken configuration: Which %q", got)
	}
	let()
	body, err := io.ReadAll(slow.Body)
	if err != nil || string(body) != "first..." || slow.Header.Get("Which") != "old" {
		t.Errorf("the download in flight: %q, %v, Which %q", body, err, slow.Header.Get("Which"))
	}
}
