package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// Backend faults (issue 8, item 4): each test puts a backend that
// misbehaves on purpose behind gohttpd, and where Apache's answer is
// cheap to get, behind apache2 too, and compares what the client sees
// and what is logged.

// faultBackend is a backend on 127.0.0.1 that misbehaves on purpose:
// each connection is handed to its handler.
type faultBackend struct {
	ln      net.Listener
	handler func(c *net.TCPConn, br *bufio.Reader)
	wg      sync.WaitGroup
}

func newFaultBackend(t *testing.T, handler func(c *net.TCPConn, br *bufio.Reader)) *faultBackend {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &faultBackend{ln: ln, handler: handler}
	b.wg.Add(1)
	go b.serve()
	t.Cleanup(b.close)
	return b
}

func (b *faultBackend) serve() {
	defer b.wg.Done()
	for {
		c, err := b.ln.Accept()
		if err != nil {
			return
		}
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(10 * time.Second))
			b.handler(c.(*net.TCPConn), bufio.NewReader(c))
		}()
	}
}

func (b *faultBackend) close() { b.ln.Close(); b.wg.Wait() }

func (b *faultBackend) addr() string { return b.ln.Addr().String() }

// afterHead runs then for each request head the backend reads.
func afterHead(then func(c *net.TCPConn, br *bufio.Reader)) func(c *net.TCPConn, br *bufio.Reader) {
	return func(c *net.TCPConn, br *bufio.Reader) {
		if _, err := readHead(br); err == nil {
			then(c, br)
		}
	}
}

// readHead reads a request head and returns its lines.
func readHead(br *bufio.Reader) ([]string, error) {
	var lines []string
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return lines, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			return lines, nil
		}
		lines = append(lines, line)
	}
}

// reset drops a connection with a TCP reset, as a crashing backend's
// kernel does.
func reset(c *net.TCPConn) {
	_ = c.SetLinger(0)
	c.Close()
}

// boundSocket is a TCP socket bound to a port of 127.0.0.1 and not
// listening: connecting to it is refused, and no other test can take its
// port meanwhile, as one could take a port just closed.
func boundSocket(t *testing.T) (*os.File, string) {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	f := os.NewFile(uintptr(fd), "bound")
	t.Cleanup(func() { f.Close() })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	return f, fmt.Sprintf("127.0.0.1:%d", sa.(*syscall.SockaddrInet4).Port)
}

// refused is a 127.0.0.1 address where connecting is refused.
func refused(t *testing.T) string {
	_, addr := boundSocket(t)
	return addr
}

// listenOn starts listening on a socket from boundSocket, with a backlog.
func listenOn(t *testing.T, f *os.File, backlog int) net.Listener {
	t.Helper()
	if err := syscall.Listen(int(f.Fd()), backlog); err != nil {
		t.Fatal(err)
	}
	ln, err := net.FileListener(f)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln
}

// blackhole is a 127.0.0.1 address where connecting hangs, as with a
// backend host that is down behind a firewall dropping packets: a socket
// listening with no backlog, its one place taken by a connection nobody
// accepts, so the kernel drops every further SYN.
func blackhole(t *testing.T) string {
	t.Helper()
	f, addr := boundSocket(t)
	listenOn(t, f, 0)
	filler, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { filler.Close() })
	return addr
}

// Backends that break in the ways a registry host breaks. part is what
// they send of a body before breaking.
var part = strings.Repeat("x", 1000)

// resetAfterLength sends a head with a Content-Length and part of the
// body, then resets the connection.
func resetAfterLength(c *net.TCPConn, _ *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n%s", part)
	time.Sleep(100 * time.Millisecond) // the part goes on before the reset
	reset(c)
}

// resetAfterChunk sends a chunked head and one chunk, then resets.
func resetAfterChunk(c *net.TCPConn, _ *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(part), part)
	time.Sleep(100 * time.Millisecond)
	reset(c)
}

// stallBody sends a head and part of the body, then nothing until the
// proxy gives up on it and closes.
func stallBody(c *net.TCPConn, br *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n%s", part)
	_, _ = br.ReadByte()
}

// stallingUpload is a backend that reads a request's head and none of
// its body, until the test ends.
func stallingUpload(t *testing.T) string {
	done := make(chan struct{})
	b := newFaultBackend(t, afterHead(func(c *net.TCPConn, _ *bufio.Reader) {
		_ = c.SetReadBuffer(4096) // the upload fills the buffers sooner
		<-done
	}))
	t.Cleanup(func() { close(done) }) // before the backend waits for its handlers
	return b.addr()
}

// stallHead sends nothing until the proxy gives up on it.
func stallHead(_ *net.TCPConn, br *bufio.Reader) { _, _ = br.ReadByte() }

// trickle sends its body in four pieces 300 ms apart: slower in all than
// a 1 s timeout, but never a second between two reads.
func trickle(c *net.TCPConn, _ *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", 4*len(part))
	for range 4 {
		time.Sleep(300 * time.Millisecond)
		io.WriteString(c, part)
	}
}

// faultRoute is one path proxied to a misbehaving backend, and what the
// client must see of it.
type faultRoute struct {
	path   string
	addr   string
	params string // ProxyPass key=value parameters
	upload int    // the size of a PUT's body; 0: a GET
	status string
	// complete is whether the client may see the body as whole.
	complete bool
}

// faultConf loads the proxy modules, then server (ProxyTimeout, Timeout
// …), then proxies each route.
func faultConf(server string, routes []faultRoute) string {
	var b strings.Builder
	b.WriteString("LoadModule authz_core_module modules/mod_authz_core.so\n" +
		"LoadModule proxy_module modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\n")
	b.WriteString(server)
	for _, r := range routes {
		fmt.Fprintf(&b, "ProxyPass /%s http://%s/%s %s\n", r.path, r.addr, r.path, r.params)
	}
	return b.String()
}

// faultAnswer is what a client saw of an answer: its status line, and
// whether its body arrived whole by its own framing.
type faultAnswer struct {
	status   string
	body     string
	complete bool
}

// getFault sends GET path on a fresh connection to addr and reads the
// answer by its framing; an answer cut short is incomplete. The client
// waits 10 s at most: an answer that takes longer is "(none)". It may
// run on any goroutine.
func getFault(t *testing.T, addr, path string) faultAnswer {
	return sendFault(t, addr, path, 0)
}

// sendFault is getFault, or with upload > 0 a PUT of that many bytes,
// sent while the answer is read, as a client whose upload is refused
// midway sees the answer.
func sendFault(t *testing.T, addr, path string, upload int) faultAnswer {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return faultAnswer{status: "(no connection)"}
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if upload == 0 {
		fmt.Fprintf(c, "GET /%s HTTP/1.1\r\nHost: h\r\n\r\n", path)
	} else {
		fmt.Fprintf(c, "PUT /%s HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n", path, upload)
		go c.Write(make([]byte, upload)) // ends with an error when the server gives up
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return faultAnswer{status: "(none)"}
	}
	body, err := io.ReadAll(resp.Body)
	return faultAnswer{status: resp.Status, body: string(body), complete: err == nil}
}

// compareFaults serves routes from gohttpd and from apache2, both with
// server's settings, and checks that a client sees what each route
// expects from both, the same error pages, and that the error logs
// hold the same lines with the given codes.
func compareFaults(t *testing.T, server string, routes []faultRoute, codes ...string) {
	apachetest.Require(t)
	conf := faultConf(server, routes)
	w := startWorld(t, "LoadModule log_config_module modules/mod_log_config.so\n"+conf+
		"Listen 80\nErrorLog ROOT/error_log\n", nil)
	root := apachetest.NewRoot(t)
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(root.Head()+"User daemon\nGroup daemon\n"+conf), 0o644); err != nil {
		t.Fatal(err)
	}
	openToDaemon(t, root.Dir)
	root.Start(t)

	// All requests at once: most wait for a timeout, and subtests would
	// run only as many at a time as -parallel allows.
	type answers struct{ apache, gohttpd faultAnswer }
	seen := make([]answers, len(routes))
	var wg sync.WaitGroup
	for i, r := range routes {
		wg.Go(func() { seen[i].apache = sendFault(t, root.Addr, r.path, r.upload) })
		wg.Go(func() { seen[i].gohttpd = sendFault(t, w.addrs[80], r.path, r.upload) })
	}
	wg.Wait()
	for i, r := range routes {
		t.Run(r.path, func(t *testing.T) { compareFault(t, r, seen[i].apache, seen[i].gohttpd) })
	}
	names := map[string]string{}
	for _, r := range routes {
		names[r.addr] = r.path
	}
	want := logLines(t, filepath.Join(root.Dir, "logs", "error_log"), names, codes)
	got := logLines(t, filepath.Join(w.dir, "error_log"), names, codes)
	if !slices.Equal(got, want) {
		t.Errorf("error log:\n apache:\n  %s\n gohttpd:\n  %s", strings.Join(want, "\n  "), strings.Join(got, "\n  "))
	}
}

// compareFault checks what Apache (want) and gohttpd (got) answered on
// route r.
func compareFault(t *testing.T, r faultRoute, want, got faultAnswer) {
	t.Helper()
	want.body = apacheBanner.ReplaceAllString(want.body, "APACHE")
	got.body = strings.ReplaceAll(got.body, "gohttpd/0.1.0 (Unix)", "APACHE")
	if want.status != r.status || want.complete != r.complete {
		t.Errorf("Apache: %q complete=%v, want %q complete=%v", want.status, want.complete, r.status, r.complete)
	}
	if got.status != want.status || got.complete != want.complete {
		t.Errorf("status and completeness:\n apache:  %q complete=%v\n gohttpd: %q complete=%v", want.status, want.complete, got.status, got.complete)
	}
	switch {
	case r.complete && got.body != want.body:
		t.Errorf("body:\n apache:  %q\n gohttpd: %q", want.body, got.body)
	case !r.complete && !strings.HasPrefix(got.body, part):
		t.Errorf("gohttpd passed on %d bytes before the fault, want the %d the backend sent first", len(got.body), len(part))
	}
}

// logLines waits until an error log holds a line with each code and
// returns the lines with any of codes, sorted, without what differs
// between servers and runs: time, pid and thread, client port, and each
// backend's port (named by its route).
func logLines(t *testing.T, path string, names map[string]string, codes []string) []string {
	t.Helper()
	var out []string
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		b, _ := os.ReadFile(path)
		out = out[:0]
		seen := map[string]bool{}
		for _, line := range strings.Split(string(b), "\n") {
			for _, code := range codes {
				if strings.Contains(line, code+":") {
					out = append(out, normalizeLogLine(line, names))
					seen[code] = true
				}
			}
		}
		if len(seen) == len(codes) {
			break
		}
	}
	slices.Sort(out)
	return out
}

func normalizeLogLine(line string, names map[string]string) string {
	line = line[strings.Index(line, "] ")+2:]
	line = pidTid.ReplaceAllString(line, "")
	line = clientPort.ReplaceAllString(line, "[client $1]")
	for addr, name := range names {
		line = strings.ReplaceAll(line, addr, "<"+name+">")
		_, port, _ := net.SplitHostPort(addr)
		line = strings.ReplaceAll(line, ":"+port, ":<"+name+">")
	}
	return line
}

// TestBackendFaultsAsApache breaks the backend in the ways a registry
// host breaks, with ProxyTimeout 1, and compares what the client sees and
// what is logged with Apache. A refused connection is 503, and so is a
// connection that cannot be made within ProxyTimeout; an answer cut off
// by a reset, with a length or chunked, reaches the client as an aborted
// answer, never a complete-looking truncated one; so does an answer whose
// body stalls past ProxyTimeout. A backend that sends no status line
// within ProxyTimeout gets Apache's 502 "Proxy Error" page: Apache 2.4
// answers 504 only when writing the request to the backend times out.
func TestBackendFaultsAsApache(t *testing.T) {
	t.Parallel()
	routes := []faultRoute{
		{path: "refused", addr: refused(t), status: "503 Service Unavailable", complete: true},
		{path: "blackhole", addr: blackhole(t), status: "503 Service Unavailable", complete: true},
		{path: "resetlength", addr: newFaultBackend(t, afterHead(resetAfterLength)).addr(), status: "200 OK"},
		{path: "resetchunked", addr: newFaultBackend(t, afterHead(resetAfterChunk)).addr(), status: "200 OK"},
		{path: "stallbody", addr: newFaultBackend(t, afterHead(stallBody)).addr(), status: "200 OK"},
		{path: "stallhead", addr: newFaultBackend(t, afterHead(stallHead)).addr(), status: "502 Proxy Error", complete: true},
		{path: "stallupload", addr: stallingUpload(t), upload: 32 << 20, status: "504 Gateway Timeout", complete: true},
	}
	compareFaults(t, "ProxyTimeout 1\n", routes, "AH00957", "AH01114", "AH01102", "AH00898", "AH01084")
}

// TestWorkerTimeoutsAsApache checks ProxyPass's timeout= and
// connectiontimeout= against Apache, with the server's own timeouts far
// longer than the client waits: timeout= bounds waiting for the answer's
// head and each read of its body (not the whole body: a body that
// trickles in comes whole), connectiontimeout= bounds connecting.
func TestWorkerTimeoutsAsApache(t *testing.T) {
	t.Parallel()
	routes := []faultRoute{
		{path: "connect", addr: blackhole(t), params: "connectiontimeout=1", status: "503 Service Unavailable", complete: true},
		{path: "connectbytimeout", addr: blackhole(t), params: "timeout=1", status: "503 Service Unavailable", complete: true},
		{path: "head", addr: newFaultBackend(t, afterHead(stallHead)).addr(), params: "timeout=1", status: "502 Proxy Error", complete: true},
		{path: "body", addr: newFaultBackend(t, afterHead(stallBody)).addr(), params: "timeout=1", status: "200 OK"},
		{path: "trickle", addr: newFaultBackend(t, afterHead(trickle)).addr(), params: "timeout=1", status: "200 OK", complete: true},
	}
	compareFaults(t, "Timeout 30\nProxyTimeout 30\n", routes, "AH00957", "AH01102")
}

// TestBackendRecovers checks that serving comes back by itself: a
// backend that was down answers the next request once it listens again
// (Apache would refuse requests for its worker's retry= time, 60 s by
// default; gohttpd does not), and a pooled connection the backend closed
// while idle is not used for a request that then fails, even one whose
// body could not be sent again.
func TestBackendRecovers(t *testing.T) {
	t.Parallel()
	sock, addr := boundSocket(t)
	w := startWorld(t, faultConf("ProxyTimeout 1\n", []faultRoute{{path: "down", addr: addr}, {path: "idle", addr: "BACKEND"}})+
		"Listen 80\nErrorLog ROOT/error_log\n", nil)
	front := w.addrs[80]
	if got := getFault(t, front, "down"); got.status != "503 Service Unavailable" {
		t.Fatalf("backend down: %q, want 503", got.status)
	}
	ln := listenOn(t, sock, 128)
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { io.WriteString(rw, "back") })}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	if got := getFault(t, front, "down"); got.status != "200 OK" || got.body != "back" {
		t.Fatalf("backend back up: %q %q, want 200 back", got.status, got.body)
	}

	// The recorder closes its idle keep-alive connections; each request
	// after that must still be answered.
	for i := range 3 {
		if got := getFault(t, front, "idle"); got.status != "200 OK" {
			t.Fatalf("GET %d: %q", i, got.status)
		}
		w.backend.CloseClientConnections()
		resp := w.raw(t, 80, false, "", "PUT /idle HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nblob")
		if resp.StatusCode != 200 {
			log, _ := os.ReadFile(filepath.Join(w.dir, "error_log"))
			t.Fatalf("PUT %d: %s; error log:\n%s", i, resp.Status, log)
		}
		w.backend.CloseClientConnections()
	}
}

// uploadSeen is what a backend received of a request body.
type uploadSeen struct {
	n   int64
	err error // nil: the body ended by its framing
}

// receiver is a backend that reads each request's body by its framing
// and reports what it got.
func receiver(t *testing.T) (*faultBackend, chan uploadSeen) {
	got := make(chan uploadSeen, 1)
	return newFaultBackend(t, func(c *net.TCPConn, br *bufio.Reader) {
		head, err := readHead(br)
		if err != nil {
			return
		}
		var body io.Reader = br
		length := int64(-1)
		for _, line := range head {
			if strings.EqualFold(line, "Transfer-Encoding: chunked") {
				body = httputil.NewChunkedReader(br)
			}
			if v, ok := strings.CutPrefix(line, "Content-Length: "); ok {
				length, _ = strconv.ParseInt(v, 10, 64)
				body = io.LimitReader(br, length)
			}
		}
		n, err := io.Copy(io.Discard, body)
		if err == nil && length >= 0 && n < length {
			err = io.ErrUnexpectedEOF
		}
		got <- uploadSeen{n, err}
	}), got
}

// TestClientAbortedUploadAbortsBackend sends part of a body and goes away:
// the backend must see its connection end before the body does (short of
// the declared length, or without the last chunk), never a complete
// request.
func TestClientAbortedUploadAbortsBackend(t *testing.T) {
	t.Parallel()
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			t.Parallel()
			be, got := receiver(t)
			w := startWorld(t, faultConf("ProxyTimeout 1\n", []faultRoute{{path: "upload", addr: be.addr()}})+
				"Listen 80\nTimeout 5\nErrorLog ROOT/error_log\n", nil)
			c, err := net.Dial("tcp", w.addrs[80])
			if err != nil {
				t.Fatal(err)
			}
			const declared, sent = 10 << 20, 1 << 20
			framing := fmt.Sprintf("Content-Length: %d\r\n\r\n", declared)
			body := make([]byte, sent)
			if chunked {
				framing = "Transfer-Encoding: chunked\r\n\r\n" + fmt.Sprintf("%x\r\n", sent)
				body = append(body, "\r\n"...) // the chunk ends; the body does not
			}
			fmt.Fprintf(c, "PATCH /upload HTTP/1.1\r\nHost: h\r\n%s", framing)
			if _, err := c.Write(body); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond) // let the first megabyte through
			c.Close()
			select {
			case s := <-got:
				if s.err == nil {
					t.Fatalf("the backend got a complete body (%d bytes)", s.n)
				}
				if s.n == 0 {
					t.Errorf("the backend got nothing of the body; want what the client sent before it left")
				}
			case <-time.After(8 * time.Second):
				t.Fatal("the backend's connection was still open after the client left")
			}
		})
	}
}

// TestFaultsLeaveNothingBehind repeats every fault and checks that the
// process's descriptors and goroutines come back to where they were.
// They are the whole process's, so nothing else in the package may open
// connections meanwhile: the test does not call t.Parallel, and Go runs
// a package's parallel tests only after all its other top-level tests
// have finished (a parallel test waits in t.Parallel until then), so it
// counts alone. A subprocess would count alone too, at the cost of a
// second build of the package's tests and a process per run.
func TestFaultsLeaveNothingBehind(t *testing.T) {
	routes := []faultRoute{
		{path: "refused", addr: refused(t)},
		{path: "blackhole", addr: blackhole(t)},
		{path: "reset", addr: newFaultBackend(t, afterHead(resetAfterLength)).addr()},
		{path: "resetchunked", addr: newFaultBackend(t, afterHead(resetAfterChunk)).addr()},
		{path: "stallbody", addr: newFaultBackend(t, afterHead(stallBody)).addr()},
		{path: "stallhead", addr: newFaultBackend(t, afterHead(stallHead)).addr()},
		{path: "upload", addr: newFaultBackend(t, func(c *net.TCPConn, br *bufio.Reader) { _, _ = io.Copy(io.Discard, br) }).addr()},
		{path: "ok", addr: "BACKEND"},
	}
	w := startWorld(t, faultConf("ProxyTimeout 1\n", routes)+"Listen 80\nTimeout 5\nErrorLog ROOT/error_log\n", nil)
	front := w.addrs[80]
	getFault(t, front, "ok") // the pool's connection to the good backend stays
	fds, goroutines := openFDs(t), runtime.NumGoroutine()

	upload := func() {
		c, err := net.Dial("tcp", front)
		if err != nil {
			t.Error(err)
			return
		}
		fmt.Fprintf(c, "PUT /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 1000000\r\n\r\n")
		_, _ = c.Write(make([]byte, 100000))
		c.Close()
	}
	for _, r := range routes[:len(routes)-1] {
		// Three at once, so a fault that holds something per request
		// shows it three times over.
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				if r.path == "upload" {
					upload()
				} else {
					getFault(t, front, r.path)
				}
			})
		}
		wg.Wait()
		if got := getFault(t, front, "ok"); got.status != "200 OK" {
			t.Errorf("after %s: %q", r.path, got.status)
		}
		if err := settle(fds, goroutines); err != nil {
			t.Errorf("after %s: %v", r.path, err)
		}
	}
}

// settle waits until the process holds no more descriptors and
// goroutines than it did, or says what is left after a deadline.
func settle(fds, goroutines int) error {
	var f, g int
	for start := time.Now(); time.Since(start) < 10*time.Second; time.Sleep(20 * time.Millisecond) {
		f, g = countFDs(), runtime.NumGoroutine()
		if f <= fds && g <= goroutines {
			return nil
		}
	}
	return fmt.Errorf("%d descriptors (baseline %d), %d goroutines (baseline %d)", f, fds, g, goroutines)
}

func openFDs(t *testing.T) int {
	t.Helper()
	n := countFDs()
	if n < 0 {
		t.Skip("no /proc/self/fd here")
	}
	return n
}

func countFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}
