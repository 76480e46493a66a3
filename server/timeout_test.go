package server

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

const timeoutConf = `LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
Timeout 1
ProxyPass /p http://BACKEND/p
Listen 80
ErrorLog ROOT/error_log
`

// TestTimeoutPerRead: Timeout bounds each read, not the whole request: an
// upload that keeps moving for longer than Timeout goes through, one
// that stalls is dropped and never reaches the backend whole.
func TestTimeoutPerRead(t *testing.T) {
	t.Parallel()
	w := startWorld(t, timeoutConf, nil)
	const pieces = 6
	c, err := net.Dial("tcp", w.addrs[80])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(c, "PUT /p/slow HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n")
	for i := 0; i < pieces; i++ { // 6 × 400 ms: longer than Timeout 1, each gap shorter
		time.Sleep(400 * time.Millisecond)
		if _, err := io.WriteString(c, "x"); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("a slow but steady upload: %d", resp.StatusCode)
	}

	before := len(w.backend.snapshot())
	s, err := net.Dial("tcp", w.addrs[80])
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_ = s.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(s, "PUT /p/stall HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nonly part")
	got, _ := io.ReadAll(s) // the server answers (or not) and closes
	if strings.HasPrefix(string(got), "HTTP/1.1 2") {
		t.Errorf("a stalled upload was answered as a success: %q", got)
	}
	if desc := w.backend.since(before); strings.Contains(desc, "/p/stall") && !strings.Contains(desc, "cl=100") {
		t.Errorf("the backend got the stalled upload: %s", desc)
	}
}

// TestTimeoutStalledHead: a client that stops in the middle of its
// request head is dropped after Timeout.
func TestTimeoutStalledHead(t *testing.T) {
	t.Parallel()
	w := startWorld(t, timeoutConf, nil)
	c, err := net.Dial("tcp", w.addrs[80])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(20 * time.Second))
	io.WriteString(c, "GET /x HTTP/1.1\r\nHost: a\r\n")
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("the connection was not closed by the server: %v", err)
	}
	if !strings.HasPrefix(string(got), "HTTP/1.1 408 ") {
		t.Errorf("answer to a stalled head: %q", got)
	}
}
