package main

// The drop-in test: gohttpd's image must run the registry recipe where
// httpd:2.4 ran it. Docker is not needed to show it: the test builds the
// static binary as the Dockerfile does and runs itself again in a private
// mount and network namespace, where it lays out /usr/local/apache2 as the
// image does, mounts the recipe's files over its conf directory as the
// compose file's volume does, makes "registry" resolve through /etc/hosts
// as compose's links: entry does, and runs httpd-foreground, the image's
// CMD, unchanged. The recipe's ports (5043, and the registry's 5000) are
// then the namespace's own.

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// dropInEnv, set, says the test runs inside the namespaces; its value is
// the binary the outer test built.
const dropInEnv = "GOHTTPD_DROPIN_BINARY"

// imageRoot is the image's ServerRoot and WORKDIR.
const imageRoot = "/usr/local/apache2"

func TestDockerDropIn(t *testing.T) {
	if bin := os.Getenv(dropInEnv); bin != "" {
		dropInInside(t, bin)
		return
	}
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("the drop-in test needs root for its namespaces, and CI runs as root")
		}
		t.Skip("mount and network namespaces need root")
	}
	t.Parallel()
	bin := buildStatic(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestDockerDropIn$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), dropInEnv+"="+bin)
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Cloneflags: syscall.CLONE_NEWNS | syscall.CLONE_NEWNET,
		Pdeathsig:  syscall.SIGKILL,
	}
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS: TestDockerDropIn") {
		t.Fatalf("in the namespaces: %v\n%s", err, out)
	}
}

// buildStatic builds the command as the Dockerfile does: static, without
// cgo.
func buildStatic(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is needed to build the binary:", err)
	}
	bin := filepath.Join(t.TempDir(), "httpd")
	build := exec.Command(goTool, "build", "-trimpath", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// dropInInside runs in the namespaces: the image's layout, then the
// recipe's flow, then the image's own default config.
func dropInInside(t *testing.T, bin string) {
	recipe, err := filepath.Abs("../../examples/registry")
	if err != nil {
		t.Fatal(err)
	}
	image, err := filepath.Abs("image")
	if err != nil {
		t.Fatal(err)
	}
	layImage(t, bin, image)
	hosts := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(hosts, []byte("127.0.0.1 localhost\n127.0.0.2 registry\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	must(t, syscall.Mount(hosts, "/etc/hosts", "", syscall.MS_BIND, ""))
	must(t, loopbackUp())

	// The compose file's volume: `pwd`/auth:/usr/local/apache2/conf.
	must(t, syscall.Mount(recipe, imageRoot+"/conf", "", syscall.MS_BIND, ""))
	backend := startRegistry(t)
	srv, out := startImage(t, "127.0.0.1:5043")
	recipeFlow(t, backend, out)
	pid, err := os.ReadFile(imageRoot + "/logs/httpd.pid")
	if err != nil || string(pid) != fmt.Sprintf("%d\n", srv.Process.Pid) {
		t.Errorf("logs/httpd.pid: %q, %v; the server is %d", pid, err, srv.Process.Pid)
	}
	stopImage(t, srv, out)

	// Nothing mounted: the image's own config serves its htdocs on 80.
	must(t, syscall.Unmount(imageRoot+"/conf", 0))
	if out, err := exec.Command(imageRoot+"/bin/httpd", "-t").CombinedOutput(); err != nil || string(out) != "Syntax OK\n" {
		t.Errorf("httpd -t on the image's config: %v\n%s", err, out)
	}
	srv, out = startImage(t, "127.0.0.1:80")
	resp, err := http.Get("http://127.0.0.1/index.html")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "It works!") {
		t.Errorf("the default page: %d %q\n%s", resp.StatusCode, body, out)
	}
	stopImage(t, srv, out)
}

// layImage makes /usr/local/apache2 as the Dockerfile does, on a tmpfs
// over /usr/local that only this mount namespace sees, with the image's
// accounts in /etc/passwd and /etc/group.
func layImage(t *testing.T, bin, image string) {
	t.Helper()
	// Nothing mounted here may reach the machine's own mount table.
	must(t, syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""))
	must(t, syscall.Mount("tmpfs", "/usr/local", "tmpfs", 0, "mode=0755"))
	for _, d := range []string{"bin", "conf", "logs", "htdocs"} {
		must(t, os.MkdirAll(filepath.Join(imageRoot, d), 0o755))
	}
	copyFile(t, bin, imageRoot+"/bin/httpd", 0o755)
	must(t, os.Symlink("httpd", imageRoot+"/bin/httpd-foreground"))
	copyFile(t, filepath.Join(image, "conf", "httpd.conf"), imageRoot+"/conf/httpd.conf", 0o644)
	copyFile(t, filepath.Join(image, "htdocs", "index.html"), imageRoot+"/htdocs/index.html", 0o644)
	for _, f := range []string{"passwd", "group"} {
		must(t, syscall.Mount(filepath.Join(image, "etc", f), "/etc/"+f, "", syscall.MS_BIND, ""))
	}
}

// loopbackUp brings up the new network namespace's lo, as
// "ip link set lo up".
func loopbackUp() error {
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_DGRAM, 0)
	if err != nil {
		return err
	}
	defer syscall.Close(fd)
	var ifr struct {
		name  [syscall.IFNAMSIZ]byte
		flags uint16
		_     [22]byte
	}
	copy(ifr.name[:], "lo")
	ifr.flags = syscall.IFF_UP | syscall.IFF_LOOPBACK | syscall.IFF_RUNNING
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.SIOCSIFFLAGS, uintptr(unsafe.Pointer(&ifr))); errno != 0 {
		return fmt.Errorf("SIOCSIFFLAGS lo: %w", errno)
	}
	return nil
}

// registryBackend stands for the registry: it records what reaches it.
type registryBackend struct {
	mu       sync.Mutex
	requests []string // "METHOD path host proto"
}

func (b *registryBackend) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	b.requests = append(b.requests, fmt.Sprintf("%s %s %s %s", r.Method, r.URL.Path, r.Host, r.Header.Get("X-Forwarded-Proto")))
	b.mu.Unlock()
	w.Header().Set("Docker-Distribution-Api-Version", "registry/2.0")
	if r.Method == http.MethodPost {
		w.WriteHeader(http.StatusAccepted)
	}
	io.WriteString(w, "{}")
}

func (b *registryBackend) seen() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...)
}

// startRegistry listens where "registry:5000" now leads.
func startRegistry(t *testing.T) *registryBackend {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.2:5000")
	if err != nil {
		t.Fatal(err)
	}
	b := &registryBackend{}
	srv := &http.Server{Handler: b}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return b
}

// startImage runs the image's CMD in its WORKDIR and returns once addr
// answers.
func startImage(t *testing.T, addr string) (*exec.Cmd, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(imageRoot + "/bin/httpd-foreground")
	cmd.Dir = imageRoot
	cmd.Env = []string{"PATH=" + imageRoot + "/bin:/usr/bin:/bin", "HTTPD_PREFIX=" + imageRoot}
	out := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = out, out
	must(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	waitFor(t, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}, "httpd-foreground to listen on "+addr+":\n"+out.String())
	return cmd, out
}

// stopImage stops the server as docker stop does, with the image's
// STOPSIGNAL.
func stopImage(t *testing.T, cmd *exec.Cmd, out *lockedBuffer) {
	t.Helper()
	must(t, cmd.Process.Signal(syscall.SIGWINCH))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("after SIGWINCH: %v\n%s", err, out)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("SIGWINCH did not stop the server:\n%s", out)
	}
}

// recipeFlow is what the recipe's users do, as docker login, pull and push
// ask it of https://myregistrydomain.com:5043.
func recipeFlow(t *testing.T, backend *registryBackend, out *lockedBuffer) {
	t.Helper()
	crt, err := os.ReadFile(imageRoot + "/conf/domain.crt")
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(crt)
	client := &http.Client{Transport: &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, "127.0.0.1:5043")
		},
	}}
	do := func(method, user, pass string) *http.Response {
		t.Helper()
		path := "/v2/"
		if method == http.MethodPost {
			path = "/v2/test/blobs/uploads/"
		}
		req, err := http.NewRequest(method, "https://myregistrydomain.com:5043"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if user != "" {
			req.SetBasicAuth(user, pass)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s as %q: %v\n%s", method, path, user, err, out)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	resp := do(http.MethodGet, "", "")
	if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") != `Basic realm="Registry Authentication"` ||
		resp.Header.Get("Docker-Distribution-Api-Version") != "registry/2.0" {
		t.Errorf("anonymous GET /v2/: %d %v", resp.StatusCode, resp.Header)
	}
	if resp := do(http.MethodGet, "testuser", "testpassword"); resp.StatusCode != 200 {
		t.Errorf("testuser GET /v2/: %d\n%s", resp.StatusCode, out)
	}
	if resp := do(http.MethodPost, "testuser", "testpassword"); resp.StatusCode != 401 {
		t.Errorf("testuser push: %d", resp.StatusCode)
	}
	if resp := do(http.MethodPost, "testuserpush", "testpasswordpush"); resp.StatusCode != 202 {
		t.Errorf("testuserpush push: %d\n%s", resp.StatusCode, out)
	}
	want := []string{
		"GET /v2/ myregistrydomain.com:5043 https",
		"POST /v2/test/blobs/uploads/ myregistrydomain.com:5043 https",
	}
	if got := backend.seen(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the registry saw:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	must(t, os.WriteFile(to, data, mode))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// The Dockerfile makes the image the drop-in test lays out: the
// httpd:2.4 image's entry point, stop signal, port and directory, a
// static binary, and files that exist.
func TestDockerfile(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	for _, want := range []string{
		"\nFROM scratch\n", "CGO_ENABLED=0 go build", "/rootfs/usr/local/apache2/bin/httpd ./cmd/gohttpd",
		"ln -s httpd /rootfs/usr/local/apache2/bin/httpd-foreground", "/rootfs/usr/local/apache2/logs",
		"\nSTOPSIGNAL SIGWINCH\n", "\nEXPOSE 80\n", "\nCMD [\"httpd-foreground\"]\n", "\nWORKDIR /usr/local/apache2\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the Dockerfile lacks %q", want)
		}
	}
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "COPY" && strings.HasPrefix(f[1], "cmd/") {
			if _, err := os.Stat(filepath.Join("../..", f[1])); err != nil {
				t.Errorf("%s: %v", line, err)
			}
		}
	}
}
