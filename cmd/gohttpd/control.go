package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/gohttpd/gohttpd/directives"
)

// defaultPidFile is where httpd keeps its pid when no PidFile says,
// relative to the ServerRoot (the httpd:2.4 image's DEFAULT_PIDLOG).
const defaultPidFile = "logs/httpd.pid"

// controlSignals are the signals -k sends to a running server, as
// httpd's ap_signal_server and apachectl send them.
var controlSignals = map[string]syscall.Signal{
	"stop":          syscall.SIGTERM,
	"restart":       syscall.SIGHUP,
	"graceful":      syscall.SIGUSR1,
	"graceful-stop": syscall.SIGWINCH,
}

// validControl reports whether -k's argument is one httpd takes on Unix.
func validControl(action string) bool {
	_, ok := controlSignals[action]
	return ok || action == "start"
}

// pidFile is the PidFile of a configuration: as written, for messages,
// and where it is on this machine.
type pidFile struct {
	name string // as the config wrote it, or defaultPidFile
	path string // absolute, through the mounts
}

func pidFileOf(cfg *directives.Config, files *directives.Files) pidFile {
	name := cfg.Process.PidFile
	if name == "" {
		name = defaultPidFile
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(cfg.ServerRoot, path)
	}
	return pidFile{name: name, path: files.Path(path)}
}

// read returns the pid the file holds; an error wrapping fs.ErrNotExist
// when there is no file.
func (p pidFile) read() (int, error) {
	data, err := os.ReadFile(p.path)
	if err != nil {
		return 0, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
	if err != nil || pid <= 0 {
		return 0, fmt.Errorf("%s holds no process id", p.path)
	}
	return pid, nil
}

// control is httpd -k: it signals the server the PidFile names, or says
// it is not running. done is false when the command goes on to serve:
// -k start, and restart or graceful with no server running. gohttpd
// never detaches, so -k start serves in the foreground as -DFOREGROUND.
func control(cfg *directives.Config, files *directives.Files, action string, stdout, stderr io.Writer) (code int, done bool) {
	p := pidFileOf(cfg, files)
	pid, err := p.read()
	running := false
	var status string
	switch {
	case errors.Is(err, fs.ErrNotExist):
		status = "httpd (no pid file) not running"
	case err != nil:
		fmt.Fprintf(stderr, "%sAH00058: Error retrieving pid file %s\nAH00059: Remove it before continuing if it is corrupted.\n",
			errnoPrefix(err), p.name)
		return 1, true
	case pid != os.Getpid() && syscall.Kill(pid, 0) == nil:
		// A container's server may get the same pid at each start: the
		// file then names this process, which is not running yet.
		running = true
		status = fmt.Sprintf("httpd (pid %d) already running", pid)
	default:
		status = fmt.Sprintf("httpd (pid %d?) not running", pid)
	}
	switch action {
	case "start":
		if running {
			fmt.Fprintln(stdout, status)
			return 0, true
		}
		return 0, false
	case "restart", "graceful":
		if !running {
			fmt.Fprintln(stdout, "httpd not running, trying to start")
			return 0, false
		}
	case "stop", "graceful-stop":
		if !running {
			fmt.Fprintln(stdout, status)
			return 0, true
		}
	}
	if err := syscall.Kill(pid, controlSignals[action]); err != nil {
		fmt.Fprintf(stderr, "%sAH00057: sending signal to server\n", errnoPrefix(err))
		// httpd's stop says so but exits 0; the others exit 1.
		if action == "stop" {
			return 0, true
		}
		return 1, true
	}
	return 0, true
}

// errnoPrefix is how Apache's startup messages begin when they carry a
// system error: "(2)No such file or directory: ".
func errnoPrefix(err error) string {
	errno := errnoOf(err)
	if errno == 0 {
		return ""
	}
	reason := errno.Error()
	return fmt.Sprintf("(%d)%s: ", int(errno), strings.ToUpper(reason[:1])+reason[1:])
}

// writePid records this process in the PidFile as httpd does once it
// serves, and returns the function that removes it at exit. httpd exits
// when it cannot write the file; gohttpd says so and serves on, since
// only -k needs the file and a container often has no logs directory
// where the config points.
func writePid(p pidFile, stderr io.Writer) (remove func()) {
	if _, err := os.Stat(p.path); err == nil {
		fmt.Fprintf(stderr, "AH00098: pid file %s overwritten -- Unclean shutdown of previous Apache run?\n", p.path)
	}
	pid := os.Getpid()
	if err := os.WriteFile(p.path, []byte(strconv.Itoa(pid)+"\n"), 0o644); err != nil {
		fmt.Fprintf(stderr, "%sAH00099: could not create %s\nAH00100: %s: could not log pid to file %s\n",
			errnoPrefix(err), p.path, progName, p.path)
		return func() {}
	}
	return func() {
		// Only this process's own record goes: a server started since
		// may have written its pid there.
		if got, err := p.read(); err == nil && got == pid {
			os.Remove(p.path)
		}
	}
}

// foregroundName is the httpd:2.4 image's entry point, a script running
// "httpd -DFOREGROUND" after removing a pid file a killed container left.
// gohttpd's image has no shell: the name is a link to the binary, which
// acts as that script when called by it.
const foregroundName = "httpd-foreground"

// foregroundArgs does what the image's httpd-foreground script does
// before it runs httpd, and returns httpd's arguments.
func foregroundArgs(args []string) []string {
	os.Remove(filepath.Join(directives.DefaultServerRoot, defaultPidFile))
	return append([]string{"-DFOREGROUND"}, args...)
}
