package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// controlRoot is a ServerRoot whose config keeps its pid in
// logs/httpd.pid, holding pid when it is not empty.
func controlRoot(t *testing.T, pid string) string {
	t.Helper()
	root := dumpRoot(t, "", fmt.Sprintf("Listen 127.0.0.1:%d\nPidFile logs/httpd.pid\nServerName localhost\nErrorLog logs/error_log\n",
		apachetest.FreePort(t)))
	if pid != "" {
		if err := os.WriteFile(filepath.Join(root, "logs", "httpd.pid"), []byte(pid), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// livePid is the pid of a process that runs until the test ends and is
// neither this one nor a server: -k start must see it as a server
// running.
func livePid(t *testing.T) int {
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Skip("no sleep command:", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd.Process.Pid
}

// deadPid is the pid of a process that has exited.
func deadPid(t *testing.T) int {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// Without a server to signal, -k says what httpd says, with its exit
// code.
func TestControlWithoutServerAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	dead := strconv.Itoa(deadPid(t))
	live := strconv.Itoa(livePid(t))
	cases := []struct {
		action, pid, want string
		code              int
	}{
		{"stop", "", "httpd (no pid file) not running\n", 0},
		{"graceful-stop", "", "httpd (no pid file) not running\n", 0},
		{"stop", dead + "\n", "httpd (pid " + dead + "?) not running\n", 0},
		{"graceful-stop", dead, "httpd (pid " + dead + "?) not running\n", 0},
		{"start", live + "\n", "httpd (pid " + live + ") already running\n", 0},
		{"stop", "garbage\n", "", 1},
	}
	for _, c := range cases {
		root := controlRoot(t, c.pid)
		out, stderr, code := apacheDump(t, root, "-k", c.action)
		if out != c.want || code != c.code {
			t.Errorf("apache2 -k %s with pid file %q: exit %d, %q (stderr %q); the test expects exit %d, %q",
				c.action, c.pid, code, out, stderr, c.code, c.want)
		}
		gotCode, got, gotErr := runCmd(t, "-k", c.action, "-d", root, "-f", "conf/httpd.conf")
		if got != c.want || gotCode != c.code {
			t.Errorf("gohttpd -k %s with pid file %q: exit %d, %q (stderr %q), want exit %d, %q",
				c.action, c.pid, gotCode, got, gotErr, c.code, c.want)
		}
		if c.code != 0 && (!strings.Contains(gotErr, "AH00058: Error retrieving pid file logs/httpd.pid") ||
			!strings.Contains(gotErr, "AH00059") || !strings.Contains(stderr, "AH00058: Error retrieving pid file logs/httpd.pid")) {
			t.Errorf("-k %s with pid file %q: stderr %q, apache2's %q", c.action, c.pid, gotErr, stderr)
		}
	}
}

// A server writes its pid to PidFile and removes it at exit; -k finds it
// there: graceful re-reads the config, start refuses a second server,
// stop ends it. "-k graceful" with no server running starts one, as
// httpd's does, in the foreground.
func TestControlSignalsServer(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	conf := fmt.Sprintf("Listen %s\nServerName localhost\nErrorLog /proc/self/fd/2\n", addr)
	cmd, out := startCommandIn(t, root, conf, addr, "-k", "graceful")
	if !strings.Contains(out.String(), "httpd not running, trying to start\n") {
		t.Errorf("-k graceful with no server running:\n%s", out)
	}
	pidPath := filepath.Join(root, "logs", "httpd.pid")
	if data, err := os.ReadFile(pidPath); err != nil || string(data) != fmt.Sprintf("%d\n", cmd.Process.Pid) {
		t.Fatalf("logs/httpd.pid holds %q (%v), want %d", data, err, cmd.Process.Pid)
	}
	args := []string{"-d", root, "-f", "httpd.conf"}
	k := func(action string) (int, string) {
		code, stdout, stderr := runCmd(t, append([]string{"-k", action}, args...)...)
		return code, stdout + stderr
	}
	if code, got := k("graceful"); code != 0 || got != "" {
		t.Errorf("-k graceful: exit %d, %q", code, got)
	}
	waitFor(t, func() bool { return strings.Contains(out.String(), "configuration reloaded") }, "the server to reload:\n"+out.String())
	want := fmt.Sprintf("httpd (pid %d) already running\n", cmd.Process.Pid)
	if code, got := k("start"); code != 0 || got != want {
		t.Errorf("-k start with a server running: exit %d, %q, want %q", code, got, want)
	}
	if code, got := k("stop"); code != 0 || got != "" {
		t.Errorf("-k stop: exit %d, %q", code, got)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after -k stop: %v\n%s", err, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("-k stop did not stop the server")
	}
	if _, err := os.Stat(pidPath); !os.IsNotExist(err) {
		t.Errorf("the pid file outlived the server: %v", err)
	}
}

func waitFor(t *testing.T, ok func() bool, what string) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatal("timed out waiting for " + what)
		}
	}
}

// -k takes only httpd's actions.
func TestControlRejectsUnknownAction(t *testing.T) {
	t.Parallel()
	if code, _, stderr := runCmd(t, "-k", "reload"); code != 1 || !strings.Contains(stderr, "-k reload") {
		t.Errorf("-k reload: exit %d, %q", code, stderr)
	}
}

// -e raises the level of the startup messages shown above warn: the
// config's warnings go, its errors stay.
func TestStartupLevel(t *testing.T) {
	t.Parallel()
	root := controlRoot(t, "")
	conf := filepath.Join(root, "conf", "httpd.conf")
	f, err := os.OpenFile(conf, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, "LoadModule rewrite_module modules/mod_rewrite.so")
	f.Close()
	args := []string{"-t", "-d", root, "-f", "conf/httpd.conf"}
	if _, _, stderr := runCmd(t, args...); !strings.Contains(stderr, "warning") {
		t.Fatalf("no warning to hide: %q", stderr)
	}
	if code, _, stderr := runCmd(t, append(args, "-e", "error")...); code != 0 || stderr != "Syntax OK\n" {
		t.Errorf("-e error: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCmd(t, append(args, "-e", "loud")...); code != 1 || !strings.Contains(stderr, "-e loud") {
		t.Errorf("-e loud: exit %d, %q", code, stderr)
	}
}
