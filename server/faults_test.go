package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
	ln       net.Listener
	handler  func(c *net.TCPConn, br *bufio.Reader)
	wg       sync.WaitGroup
	accepted atomic.Int32 // connections so far
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
		b.accepted.Add(1)
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
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	syscall.CloseOnExec(fd)
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

// closeAfterLength sends a head with a Content-Length and part of the
// body, then closes the connection in good order, short of the length.
func closeAfterLength(c *net.TCPConn, _ *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n%s", part)
}

// closeAfterChunk sends a chunked head and one chunk, then closes in good
// order, without the last chunk.
func closeAfterChunk(c *net.TCPConn, _ *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n", len(part), part)
}

// stallBody sends a head and part of the body, then nothing until the
// proxy gives up on it and closes.
func stallBody(c *net.TCPConn, br *bufio.Reader) {
	fmt.Fprintf(c, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n%s", part)
	_, _ = br.ReadByte()
}

// stallingUpload is a backend that reads a request's head and none of
// its body for 2 s, past a ProxyTimeout of 1 s, then resets the
// connection. Its receive buffer is small, so that the proxy's writes
// stall once its own send buffer is full, whatever the system's buffer
// sizes.
func stallingUpload(t *testing.T) string {
	return newFaultBackend(t, afterHead(func(c *net.TCPConn, _ *bufio.Reader) {
		_ = c.SetReadBuffer(4096)
		time.Sleep(2 * time.Second)
		reset(c)
	})).addr()
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
	expect bool   // the PUT goes with "Expect: 100-continue"
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
	return sendFault(t, addr, faultRoute{path: path})
}

// sendFault is getFault for r.path, or with r.upload > 0 a PUT of that
// many bytes, sent while the answer is read, as a client whose upload is
// refused midway sees the answer.
func sendFault(t *testing.T, addr string, r faultRoute) faultAnswer {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return faultAnswer{status: "(no connection)"}
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if r.upload == 0 {
		fmt.Fprintf(c, "GET /%s HTTP/1.1\r\nHost: h\r\n\r\n", r.path)
	} else {
		expect := ""
		if r.expect {
			expect = "Expect: 100-continue\r\n"
		}
		fmt.Fprintf(c, "PUT /%s HTTP/1.1\r\nHost: h\r\n%sContent-Length: %d\r\n\r\n", r.path, expect, r.upload)
		go writeZeros(c, r.upload) // ends with an error when the server gives up
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return faultAnswer{status: "(none)"}
	}
	body, err := io.ReadAll(resp.Body)
	return faultAnswer{status: resp.Status, body: string(body), complete: err == nil}
}

// zeros is what uploads send, a slice of it at a time.
var zeros = make([]byte, 1<<20)

// writeZeros writes n zero bytes to w.
func writeZeros(w io.Writer, n int) error {
	for n > 0 {
		m, err := w.Write(zeros[:min(n, len(zeros))])
		if err != nil {
			return err
		}
		n -= m
	}
	return nil
}

// compareFaults serves routes from gohttpd and from apache2, both with
// server's settings, and checks that a client sees what each route
// expects from both, the same error pages, and that the error logs
// hold the same lines with the given codes.
func compareFaults(t *testing.T, server string, routes []faultRoute, codes ...string) {
	apachetest.Require(t)
	conf := "LoadModule log_config_module modules/mod_log_config.so\n" + faultConf(server, routes) +
		"Listen 80\nErrorLog ROOT/error_log\n"
	w := startWorld(t, conf, nil)
	apache, apacheDir := startApache(t, conf, nil, "")

	// All requests at once: most wait for a timeout, and subtests would
	// run only as many at a time as -parallel allows.
	type answers struct{ apache, gohttpd faultAnswer }
	seen := make([]answers, len(routes))
	var wg sync.WaitGroup
	for i, r := range routes {
		wg.Go(func() { seen[i].apache = sendFault(t, apache, r) })
		wg.Go(func() { seen[i].gohttpd = sendFault(t, w.addrs[80], r) })
	}
	wg.Wait()
	for i, r := range routes {
		t.Run(r.path, func(t *testing.T) { compareFault(t, r, seen[i].apache, seen[i].gohttpd) })
	}
	names := map[string]string{}
	for _, r := range routes {
		names[r.addr] = r.path
	}
	want := logLines(t, filepath.Join(apacheDir, "logs", "error_log"), names, codes)
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
	got.body = strings.ReplaceAll(got.body, "gohttpd/"+Version+" (Unix)", "APACHE")
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

// normalizeLogLine strips an error log line of what differs between
// servers and runs.
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
// by a reset or a close, with a length or chunked, reaches the client as
// an aborted answer, never a complete-looking truncated one; so does an
// answer whose body stalls past ProxyTimeout. A backend that sends no
// status line within ProxyTimeout gets Apache's 502 "Proxy Error" page
// (503 when the request asked for 100-continue); Apache 2.4 answers 504
// only when writing the request to the backend times out, as when a
// backend stops taking an upload.
func TestBackendFaultsAsApache(t *testing.T) {
	t.Parallel()
	routes := []faultRoute{
		{path: "refused", addr: refused(t), status: "503 Service Unavailable", complete: true},
		{path: "blackhole", addr: blackhole(t), status: "503 Service Unavailable", complete: true},
		{path: "resetlength", addr: newFaultBackend(t, afterHead(resetAfterLength)).addr(), status: "200 OK"},
		{path: "resetchunked", addr: newFaultBackend(t, afterHead(resetAfterChunk)).addr(), status: "200 OK"},
		{path: "closelength", addr: newFaultBackend(t, afterHead(closeAfterLength)).addr(), status: "200 OK"},
		{path: "closechunked", addr: newFaultBackend(t, afterHead(closeAfterChunk)).addr(), status: "200 OK"},
		{path: "stallbody", addr: newFaultBackend(t, afterHead(stallBody)).addr(), status: "200 OK"},
		{path: "stallhead", addr: newFaultBackend(t, afterHead(stallHead)).addr(), status: "502 Proxy Error", complete: true},
		{path: "stallupload", addr: stallingUpload(t), upload: 32 << 20, status: "504 Gateway Timeout", complete: true},
		{path: "stallcontinue", addr: newFaultBackend(t, afterHead(stallHead)).addr(), upload: 10, expect: true, status: "503 Proxy Error", complete: true},
	}
	compareFaults(t, "ProxyTimeout 1\n", routes, "AH00957", "AH01114", "AH01102", "AH00898", "AH01084", "AH01097", "AH01110")
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
	compareFaults(t, "Timeout 30\nProxyTimeout 30\n", routes, "AH00957", "AH01102", "AH01110")
}

// TestBackendRecovers checks that serving comes back by itself: a
// backend that was down answers the next request once it listens again,
// as through Apache (a ProxyPass worker outside a balancer is not held
// in error), and a pooled connection the backend closed while idle is not
// used for a request that then fails, even one whose body could not be
// sent again.
func TestBackendRecovers(t *testing.T) {
	t.Parallel()
	sock, addr := boundSocket(t)
	conf := faultConf("ProxyTimeout 1\n", []faultRoute{{path: "down", addr: addr}, {path: "idle", addr: "BACKEND"}}) +
		"Listen 80\nErrorLog ROOT/error_log\n"
	w := startWorld(t, conf, nil)
	fronts := map[string]string{"gohttpd": w.addrs[80]}
	if apacheAround() {
		fronts["apache"], _ = startApache(t, conf, nil, strings.TrimPrefix(w.backend.URL, "http://"))
	}
	for name, front := range fronts {
		if got := getFault(t, front, "down"); got.status != "503 Service Unavailable" {
			t.Fatalf("%s, backend down: %q, want 503", name, got.status)
		}
	}
	ln := listenOn(t, sock, 128)
	srv := &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) { io.WriteString(rw, "back") })}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	for name, front := range fronts {
		if got := getFault(t, front, "down"); got.status != "200 OK" || got.body != "back" {
			t.Fatalf("%s, backend back up: %q %q, want 200 back", name, got.status, got.body)
		}
	}

	// The recorder closes its idle keep-alive connections; each request
	// to gohttpd after that must still be answered.
	for i := range 3 {
		if got := getFault(t, w.addrs[80], "idle"); got.status != "200 OK" {
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

// receiver is a backend that reads one request's body by its framing and
// reports when the body begins and what it got in all.
type receiver struct {
	*faultBackend
	begun chan struct{}
	seen  chan uploadSeen
}

func newReceiver(t *testing.T) *receiver {
	r := &receiver{begun: make(chan struct{}), seen: make(chan uploadSeen, 1)}
	r.faultBackend = newFaultBackend(t, func(c *net.TCPConn, br *bufio.Reader) {
		head, err := readHead(br)
		if err != nil {
			return
		}
		if _, err := br.Peek(1); err == nil {
			close(r.begun)
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
		r.seen <- uploadSeen{n, err}
	})
	return r
}

// abortUpload starts a PATCH to path with a body of declared bytes (or
// chunked), sends sent bytes of it, and goes away: at once when all of
// it fits in what the proxy reads before it connects, else once the
// backend has the body's first bytes.
func abortUpload(t *testing.T, front, path string, chunked bool, declared, sent int, be *receiver) {
	t.Helper()
	c, err := net.Dial("tcp", front)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	framing := fmt.Sprintf("Content-Length: %d\r\n\r\n", declared)
	body := make([]byte, sent)
	if chunked {
		framing = "Transfer-Encoding: chunked\r\n\r\n" + fmt.Sprintf("%x\r\n", sent)
		body = append(body, "\r\n"...) // the chunk ends; the body does not
	}
	fmt.Fprintf(c, "PATCH /%s HTTP/1.1\r\nHost: h\r\n%s", path, framing)
	if _, err := c.Write(body); err != nil {
		t.Fatal(err)
	}
	if sent < prefetched {
		return
	}
	select {
	case <-be.begun:
	case <-time.After(8 * time.Second):
		t.Fatal("no body reached the backend")
	}
}

// prefetched is how much of a body Apache reads before it connects to the
// backend (and gohttpd likewise).
const prefetched = 16 << 10

// TestClientAbortedUploadAsApache sends part of a body and goes away: the
// backend must see its connection end before the body does (short of the
// declared length, or without the last chunk), never a complete request,
// and the error log says so as Apache's does.
func TestClientAbortedUploadAsApache(t *testing.T) {
	t.Parallel()
	servers := []string{"gohttpd"}
	if apacheAround() {
		servers = append(servers, "apache")
	}
	var routes []faultRoute
	backends := map[string]*receiver{}
	names := map[string]string{}
	for _, server := range servers {
		for _, framing := range []string{"length", "chunked", "small"} {
			be := newReceiver(t)
			routes = append(routes, faultRoute{path: server + "-" + framing, addr: be.addr()})
			backends[server+"-"+framing] = be
			names[be.addr()] = framing
		}
	}
	conf := "LoadModule log_config_module modules/mod_log_config.so\n" + faultConf("ProxyTimeout 1\nTimeout 5\n", routes) +
		"Listen 80\nErrorLog ROOT/error_log\n"
	w := startWorld(t, conf, nil)
	fronts := map[string]string{"gohttpd": w.addrs[80]}
	var apacheDir string
	if len(servers) > 1 {
		fronts["apache"], apacheDir = startApache(t, conf, nil, "")
	}
	for _, r := range routes {
		t.Run(r.path, func(t *testing.T) {
			server, framing, _ := strings.Cut(r.path, "-")
			be := backends[r.path]
			if framing == "small" {
				// All of what is sent fits in what is read before
				// connecting: the backend gets no request at all, and
				// never a whole one of what was sent.
				abortUpload(t, fronts[server], r.path, false, 10000, 5000, be)
				return
			}
			abortUpload(t, fronts[server], r.path, framing == "chunked", 10<<20, 1<<20, be)
			select {
			case s := <-be.seen:
				if s.err == nil {
					t.Fatalf("the backend got a complete body (%d bytes)", s.n)
				}
			case <-time.After(8 * time.Second):
				t.Fatal("the backend's connection was still open after the client left")
			}
		})
	}
	// The small body's AH01095 is logged instead of connecting: once it
	// is there, the backend would have had its request.
	codes := []string{"AH02608", "AH01097", "AH01095"}
	got := logLines(t, filepath.Join(w.dir, "error_log"), names, codes)
	if apacheDir != "" {
		want := logLines(t, filepath.Join(apacheDir, "logs", "error_log"), names, codes)
		if !slices.Equal(got, want) {
			t.Errorf("error log:\n apache:\n  %s\n gohttpd:\n  %s", strings.Join(want, "\n  "), strings.Join(got, "\n  "))
		}
	}
	for _, server := range servers {
		if n := backends[server+"-small"].accepted.Load(); n != 0 {
			t.Errorf("%s: the backend got %d connections for a body the client broke off before it connected", server, n)
		}
	}
}

// apacheAround reports whether a test can compare with apache2: it is
// installed, or the test runs in CI, where startApache fails without it.
func apacheAround() bool {
	_, err := os.Stat(apachetest.Bin)
	return err == nil || os.Getenv("CI") == "true"
}

// TestFaultsLeaveNothingBehind repeats every fault and checks that the
// process's descriptors and goroutines come back to where they were.
// They are the whole process's, so nothing else may open connections
// meanwhile: the test runs itself again in a process of its own (the
// test binary, running only this test), and waits for it in parallel
// with the package's other tests. A test that does not call t.Parallel
// would count alone too, but every parallel test of the package would
// wait for it.
func TestFaultsLeaveNothingBehind(t *testing.T) {
	if os.Getenv(aloneEnv) == "" {
		t.Parallel()
		runAlone(t)
		return
	}
	routes := []faultRoute{
		{path: "refused", addr: refused(t)},
		{path: "blackhole", addr: blackhole(t)},
		{path: "resetlength", addr: newFaultBackend(t, afterHead(resetAfterLength)).addr()},
		{path: "resetchunked", addr: newFaultBackend(t, afterHead(resetAfterChunk)).addr()},
		{path: "closelength", addr: newFaultBackend(t, afterHead(closeAfterLength)).addr()},
		{path: "closechunked", addr: newFaultBackend(t, afterHead(closeAfterChunk)).addr()},
		{path: "stallbody", addr: newFaultBackend(t, afterHead(stallBody)).addr()},
		{path: "stallhead", addr: newFaultBackend(t, afterHead(stallHead)).addr()},
		{path: "stallupload", addr: stallingUpload(t), upload: 32 << 20},
		{path: "abortupload", addr: newFaultBackend(t, func(c *net.TCPConn, br *bufio.Reader) { _, _ = io.Copy(io.Discard, br) }).addr()},
		{path: "abortsmall", addr: refused(t)}, // never reached
		{path: "ok", addr: "BACKEND"},
	}
	w := startWorld(t, faultConf("ProxyTimeout 1\n", routes)+"Listen 80\nTimeout 5\nErrorLog ROOT/error_log\n", nil)
	front := w.addrs[80]
	getFault(t, front, "ok") // the pool's connection to the good backend stays
	if countFDs() < 0 {
		t.Skip("no /proc/self/fd here")
	}
	fds, goroutines := steady()

	for _, r := range routes[:len(routes)-1] {
		// Three at once, so a fault that holds something per request
		// shows it three times over.
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				switch r.path {
				case "abortupload":
					abandonUpload(t, front, r.path, 10<<20, 1<<20)
				case "abortsmall":
					abandonUpload(t, front, r.path, 10000, 5000)
				default:
					sendFault(t, front, r)
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

// aloneEnv is set in the environment of a test binary that runs one test
// in a process of its own.
const aloneEnv = "GOHTTPD_TEST_ALONE"

// runAlone runs test t again in a process of its own, the test binary
// running t alone, and fails, skips or passes as it did.
func runAlone(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), aloneEnv+"=1")
	b, err := cmd.CombinedOutput()
	out := string(b)
	switch {
	case err != nil:
		t.Fatalf("alone: %v\n%s", err, out)
	case strings.Contains(out, "--- SKIP: "+t.Name()):
		t.Skipf("alone:\n%s", out)
	case !strings.Contains(out, "--- PASS: "+t.Name()):
		t.Fatalf("alone, the test did not run:\n%s", out)
	}
}

// abandonUpload sends a PUT's head declaring a body of declared bytes,
// sent bytes of it, and closes the connection. It may run on any
// goroutine.
func abandonUpload(t *testing.T, front, path string, declared, sent int) {
	c, err := net.Dial("tcp", front)
	if err != nil {
		t.Error(err)
		return
	}
	defer c.Close()
	fmt.Fprintf(c, "PUT /%s HTTP/1.1\r\nHost: h\r\nContent-Length: %d\r\n\r\n", path, declared)
	_ = writeZeros(c, sent)
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
	buf := make([]byte, 1<<20)
	return fmt.Errorf("%d descriptors (baseline %d), %d goroutines (baseline %d):\n%s", f, fds, g, goroutines, buf[:runtime.Stack(buf, true)])
}

// steady waits until the process's descriptors and goroutines stay the
// same for 100 ms (at most 5 s), and returns them: what a request leaves
// behind when all is well (its connection to the backend pooled, with
// its socket) takes a moment after the answer to settle.
func steady() (fds, goroutines int) {
	same := 0
	for start := time.Now(); same < 5 && time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		f, g := countFDs(), runtime.NumGoroutine()
		if f == fds && g == goroutines {
			same++
		} else {
			fds, goroutines, same = f, g, 0
		}
	}
	return fds, goroutines
}

func countFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}
