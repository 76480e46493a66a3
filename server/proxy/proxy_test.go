package proxy

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestKeepAlivePool checks that sequential requests share one backend
// connection, and that a pooled connection the backend closed is replaced
// without the client noticing.
func TestKeepAlivePool(t *testing.T) {
	t.Parallel()
	be := newBackend(t, ok200)
	w := newWorld(t, be, "")
	client := &http.Client{}
	for i := range 5 {
		resp, err := client.Get("http://" + w.front + fmt.Sprintf("/back/%d", i))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprintf("got GET /v2/%d HTTP/1.1\n", i); string(body) != want {
			t.Fatalf("body %q, want %q", body, want)
		}
	}
	if n := be.connections(); n != 1 {
		t.Errorf("the backend saw %d connections for 5 sequential requests, want 1", n)
	}
}

// TestPoolKeepsBurst checks that a burst of concurrent requests leaves
// its backend connections pooled for the next burst, as Apache keeps one
// per thread: a pool smaller than the burst would close some and open as
// many anew each time.
func TestPoolKeepsBurst(t *testing.T) {
	t.Parallel()
	const burst = 64
	var mu sync.Mutex
	arrived, gate := 0, make(chan struct{})
	be := newBackend(t, func(req *recorded, w *bufio.Writer) bool {
		// Hold every answer until the whole burst is in flight.
		mu.Lock()
		if arrived++; arrived%burst == 0 {
			close(gate)
		}
		g := gate
		if arrived%burst == 0 {
			gate = make(chan struct{})
		}
		mu.Unlock()
		<-g
		return ok200(req, w)
	})
	w := newWorld(t, be, "")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 30 * time.Second}
	for round := range 2 {
		errs := make(chan error, burst)
		for i := range burst {
			go func() {
				resp, err := client.Get(fmt.Sprintf("http://%s/back/%d/%d", w.front, round, i))
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				errs <- err
			}()
		}
		for range burst {
			if err := <-errs; err != nil {
				t.Fatalf("burst %d: %v", round, err)
			}
		}
	}
	if n := be.connections(); n != burst {
		t.Errorf("the backend saw %d connections for two bursts of %d concurrent requests, want %d", n, burst, burst)
	}
}

// TestStaleConnectionReplaced has the backend close each connection when
// a second request comes on it, without answering: the proxy must send
// that GET again on a fresh connection rather than fail it.
func TestStaleConnectionReplaced(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	seen := map[int]bool{}
	be := newBackend(t, func(req *recorded, w *bufio.Writer) bool {
		mu.Lock()
		defer mu.Unlock()
		if seen[req.Conn] {
			return false // closes without answering
		}
		seen[req.Conn] = true
		return ok200(req, w)
	})
	w := newWorld(t, be, "")
	for i := range 3 {
		resp := roundTrip(t, w.front, "GET", strings.NewReader("GET /back/s HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
		if resp.Status != http.StatusOK {
			t.Fatalf("request %d: status %d", i, resp.Status)
		}
	}
	if n := be.connections(); n != 3 {
		t.Errorf("%d connections, want 3", n)
	}
}

// TestRefusedIs503 is Apache's answer when the backend does not listen.
func TestRefusedIs503(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	w := newWorld(t, newBackend(t, ok200), "ProxyPass /dead http://"+dead+"/\n")
	resp := roundTrip(t, w.front, "GET", strings.NewReader("GET /dead/x HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"))
	if resp.Status != http.StatusServiceUnavailable {
		t.Errorf("status %d, want 503", resp.Status)
	}
	if e := w.lastError(t); !strings.Contains(e.Reason, "AH01114") || e.Written {
		t.Errorf("error %+v, want AH01114 before anything was written", e)
	}
}

// TestSlowAnswerStreams checks that each piece of a slow chunked answer
// reaches the client before the backend sends the next.
func TestSlowAnswerStreams(t *testing.T) {
	t.Parallel()
	next := make(chan struct{})
	be := newBackend(t, func(_ *recorded, w *bufio.Writer) bool {
		w.WriteString("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
		for i := range 3 {
			fmt.Fprintf(w, "6\r\npart %d\r\n", i)
			w.Flush()
			<-next
		}
		w.WriteString("0\r\n\r\n")
		return true
	})
	w := newWorld(t, be, "")
	resp, err := http.Get("http://" + w.front + "/back/slow")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 6)
	for i := range 3 {
		done := make(chan error, 1)
		go func() { _, err := io.ReadFull(resp.Body, buf); done <- err }()
		select {
		case err := <-done:
			if err != nil || string(buf) != fmt.Sprintf("part %d", i) {
				t.Fatalf("piece %d: %q, %v", i, buf, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("piece %d did not arrive before the next was sent", i)
		}
		next <- struct{}{}
	}
}

// TestLargeBodiesStream sends 64 MiB up (chunked, as docker push does)
// and down (with a length), generated as they go.
func TestLargeBodiesStream(t *testing.T) {
	t.Parallel()
	const size = 64 << 20
	be := newBackend(t, func(req *recorded, w *bufio.Writer) bool {
		if strings.Contains(req.Line, "/down") {
			fmt.Fprintf(w, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n", size)
			io.Copy(w, &pattern{n: size})
			return true
		}
		return ok200(req, w)
	})
	w := newWorld(t, be, "")
	want := patternSHA256(size)

	req, _ := http.NewRequest("PUT", "http://"+w.front+"/back/up", io.NopCloser(&pattern{n: size}))
	req.ContentLength = -1 // chunked
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := be.last(t)
	if got.Framing != "chunked" || got.Size != size || got.SHA256 != want || got.BodyErr != nil {
		t.Errorf("upload: backend got %s %d bytes (%v), digest match %v", got.Framing, got.Size, got.BodyErr, got.SHA256 == want)
	}

	resp, err = http.Get("http://" + w.front + "/back/down")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	h := sha256.New()
	n, err := io.Copy(h, resp.Body)
	if err != nil || n != size || hex.EncodeToString(h.Sum(nil)) != want || resp.ContentLength != size {
		t.Errorf("download: %d bytes (Content-Length %d), %v, digest match %v", n, resp.ContentLength, err, hex.EncodeToString(h.Sum(nil)) == want)
	}
}

// TestClientAbortAbortsUpload checks that a client that stops mid-upload
// makes the backend see a broken body, not a complete one.
func TestClientAbortAbortsUpload(t *testing.T) {
	t.Parallel()
	be := newBackend(t, ok200)
	w := newWorld(t, be, "")
	c, err := net.Dial("tcp", w.front)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(c, "PUT /back/blob HTTP/1.1\r\nHost: h\r\nContent-Length: 100000\r\n\r\n")
	c.Write(make([]byte, 50000))
	time.Sleep(100 * time.Millisecond)
	c.Close()
	waitFor(t, "the backend to see the upload break", func() bool {
		reqs := be.requests()
		return len(reqs) == 1 && reqs[0].BodyErr != nil
	})
}

// TestBackendResetBreaksAnswer checks that an answer cut short by the
// backend reaches the client as a broken answer.
func TestBackendResetBreaksAnswer(t *testing.T) {
	t.Parallel()
	be := newBackend(t, func(_ *recorded, w *bufio.Writer) bool {
		w.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
		w.Write(make([]byte, 40000))
		return false
	})
	w := newWorld(t, be, "")
	resp := roundTrip(t, w.front, "GET", strings.NewReader("GET /back/cut HTTP/1.1\r\nHost: h\r\n\r\n"))
	if resp.Err == nil {
		t.Errorf("the client got %d bytes as a complete answer", len(resp.Body))
	}
	if e := w.lastError(t); !e.Written {
		t.Errorf("error %+v, want Written", e)
	}
}

// TestExpectRefusedSkipsBody has the backend refuse a 100-continue upload
// with a final answer: the client gets it and the body is never sent.
func TestExpectRefusedSkipsBody(t *testing.T) {
	t.Parallel()
	be := newBackend(t, reply("HTTP/1.1 401 Unauthorized\r\nWww-Authenticate: Basic realm=\"r\"\r\nContent-Length: 0\r\n\r\n"))
	be.Continue = false
	w := newWorld(t, be, "")
	c, err := net.Dial("tcp", w.front)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(c, "PUT /back/blob HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d, want the backend's 401 (no 100 Continue first)", resp.StatusCode)
	}
	if r := be.last(t); r.Framing != "length" || r.Size != 0 {
		t.Errorf("backend got %s body of %d bytes, want none sent", r.Framing, r.Size)
	}
}
