package kubernetes

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// footprintClients is the modest load the footprint is measured under:
// as many clients pulling at once as a small team's CI runners.
const footprintClients = 8

// BenchmarkFootprint measures what one replica of the Deployment needs:
// the gohttpd command, built as the image builds it and run as the
// Deployment runs it (not root, so no mod_unixd switch), serves the
// recipe in front of a real registry while footprintClients clients pull
// an image of two 16 MiB layers b.N times each after one push. It
// reports the resident memory after start (idle-RSS-MiB), its peak
// (peak-RSS-MiB, the kernel's high-water mark) and the CPU time the
// server spent per pull (cpu-ms/pull). The README's resource requests
// and limits come from its output.
func BenchmarkFootprint(b *testing.B) {
	bin := buildGohttpd(b)
	st, err := stack.Start(context.Background(), stack.Options{AuthDir: authDir(b), Listen: "127.0.0.1:0", Storage: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(st.Close)
	srv := startCommand(b, bin, st.Registry)
	idle := procStatus(b, srv.pid, "VmRSS")
	tr := transportTo(b, srv.addr, srv.cert)
	ref, img := pushImage(b, tr)
	cpu0 := cpuTime(b, srv.pid)
	b.ResetTimer()
	var wg sync.WaitGroup
	for range footprintClients {
		wg.Go(func() {
			tr := transportTo(b, srv.addr, srv.cert)
			for range b.N {
				pullImage(b, tr, ref, img)
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	pulls := float64(b.N * footprintClients)
	b.ReportMetric(float64(cpuTime(b, srv.pid)-cpu0)/float64(time.Millisecond)/pulls, "cpu-ms/pull")
	b.ReportMetric(float64(idle)/(1<<20), "idle-RSS-MiB")
	b.ReportMetric(float64(procStatus(b, srv.pid, "VmHWM"))/(1<<20), "peak-RSS-MiB")
}

// buildGohttpd builds the command as the Dockerfile does.
func buildGohttpd(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(readableDir(b), "httpd")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-o", bin, "github.com/gohttpd/gohttpd/cmd/gohttpd")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// command is a running gohttpd command.
type command struct {
	pid  int
	addr string
	cert string // the certificate it serves, for clients to trust
}

// startCommand runs the command on a copy of the recipe's auth directory
// with two changes only a test needs: Listen on a free port of
// 127.0.0.1 instead of 5043, and the registry at its test address.
// Started as root, the command runs as daemon, as the Deployment's
// securityContext runs it.
func startCommand(b *testing.B, bin, registry string) command {
	b.Helper()
	dir := readableDir(b)
	if err := stack.WriteAuthDir(dir); err != nil {
		b.Fatal(err)
	}
	port := freePort(b)
	conf, _ := os.ReadFile(filepath.Join(dir, "httpd.conf"))
	text := strings.NewReplacer("Listen 5043", "Listen 127.0.0.1:"+port, "*:5043", "*:"+port,
		"http://registry:5000", "http://"+registry).Replace(string(conf))
	writeFile(b, filepath.Join(dir, "httpd.conf"), text)
	os.Chmod(filepath.Join(dir, "domain.key"), 0o644)
	cmd := exec.Command(bin, "-DFOREGROUND", "--mount", dir+":/usr/local/apache2/conf",
		"-c", "PidFile "+filepath.Join(dir, "httpd.pid"))
	if os.Geteuid() == 0 {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 1, Gid: 1}}
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + port
	waitListening(b, addr)
	return command{pid: cmd.Process.Pid, addr: addr, cert: filepath.Join(dir, "domain.crt")}
}

// readableDir is a new directory the daemon user can read, removed when
// the benchmark ends.
func readableDir(b *testing.B) string {
	b.Helper()
	dir, err := os.MkdirTemp("", "gohttpd-footprint-")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}

// freePort is a port of 127.0.0.1 nobody listens on now.
func freePort(b *testing.B) string {
	b.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	_, port, _ := net.SplitHostPort(l.Addr().String())
	return port
}

// waitListening waits until addr accepts connections, as the
// Deployment's probes do.
func waitListening(b *testing.B, addr string) {
	b.Helper()
	for range 100 {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatalf("gohttpd never listened on %s", addr)
}

// pushImage pushes an image as the recipe's pusher.
func pushImage(b *testing.B, tr http.RoundTripper) (name.Reference, v1.Image) {
	b.Helper()
	img, err := random.Image(16<<20, 2)
	if err != nil {
		b.Fatal(err)
	}
	ref, _ := name.ParseReference(stack.Host + ":5043/footprint:latest")
	if err := remote.Write(ref, img, remote.WithAuth(pusher), remote.WithTransport(tr)); err != nil {
		b.Fatalf("push: %v", err)
	}
	return ref, img
}

// pullImage pulls the image as the recipe's reader and reads every layer.
func pullImage(b *testing.B, tr http.RoundTripper, ref name.Reference, img v1.Image) {
	pulled, err := remote.Image(ref, remote.WithAuth(reader), remote.WithTransport(tr))
	if err != nil {
		b.Errorf("pull: %v", err)
		return
	}
	layers, err := pulled.Layers()
	if err != nil {
		b.Errorf("pull: %v", err)
		return
	}
	for _, l := range layers {
		rc, err := l.Compressed()
		if err != nil {
			b.Errorf("pull: %v", err)
			return
		}
		_, _, err = v1.SHA256(rc)
		rc.Close()
		if err != nil {
			b.Errorf("pull: %v", err)
		}
	}
}

// procStatus reads a size field of /proc/PID/status in bytes.
func procStatus(b *testing.B, pid int, field string) int64 {
	b.Helper()
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), field+":"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				b.Fatalf("/proc/%d/status %s: %v", pid, field, err)
			}
			return kb << 10
		}
	}
	b.Fatalf("/proc/%d/status has no %s", pid, field)
	return 0
}

// cpuTime is the user and system CPU time the process has used, from
// /proc/PID/stat (fields 14 and 15, in clock ticks of 1/100 s on Linux).
func cpuTime(b *testing.B, pid int) time.Duration {
	b.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}
