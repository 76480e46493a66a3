package server

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// countingConn counts the bytes read from a connection, as they came
// over the wire.
type countingConn struct {
	net.Conn
	in atomic.Int64
}

func (c *countingConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.in.Add(int64(n))
	return n, err
}

// A large answer over TLS (its records gathered into large writes)
// reaches the client whole and in order, twice on one connection, and
// %O counts exactly the bytes the client received for it, as mod_logio
// counts what leaves through the connection.
func TestTLSBulkAnswer(t *testing.T) {
	t.Parallel()
	blob := make([]byte, 6<<20+12345)
	rand.NewChaCha8([32]byte{7}).Read(blob)
	want := sha256.Sum256(blob)
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(len(blob)))
		// Odd-sized writes, so the proxy's reads end anywhere.
		for rest := blob; len(rest) > 0; {
			n := min(len(rest), 70001)
			if _, err := w.Write(rest[:n]); err != nil {
				return
			}
			rest = rest[n:]
		}
	}))
	t.Cleanup(backend.Close)
	conf := strings.ReplaceAll(recipeConf, "BACKEND", strings.TrimPrefix(backend.URL, "http://"))
	conf = strings.ReplaceAll(conf, "CustomLog /proc/self/fd/1 common",
		"LoadModule logio_module modules/mod_logio.so\nCustomLog /proc/self/fd/1 \"io %O %>s %U\"")
	w := startWorld(t, conf, recipeFiles(t))
	w.mu.Lock()
	addr := w.addrs[5043]
	w.mu.Unlock()

	raw, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	counted := &countingConn{Conn: raw}
	c := tls.Client(counted, &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true})
	defer c.Close()
	br := bufio.NewReader(c)
	for i, path := range []string{"/v2/first", "/v2/second"} {
		before := counted.in.Load() - int64(br.Buffered())
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: myregistrydomain.com:5043\r\n%s\r\n", path, basic("testuser", "testpassword"))
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		var got bytes.Buffer
		if _, err := io.Copy(&got, resp.Body); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: status %d, %d bytes, %v", i, resp.StatusCode, got.Len(), err)
		}
		if got.Len() != len(blob) || sha256.Sum256(got.Bytes()) != want {
			t.Fatalf("request %d: %d bytes that differ from the backend's %d", i, got.Len(), len(blob))
		}
		if i == 1 {
			// The first answer's count also holds the handshake; the
			// second's is the answer's records alone.
			received := counted.in.Load() - before
			w.waitLog(t, fmt.Sprintf("io %d 200 %s", received, path))
		}
	}
}

// An upload reaches the backend whole, with a length or chunked, and
// what the client has sent goes on without waiting for more: the client
// sends its body in pieces of odd sizes (a chunk each when chunked) and
// sends each only once the backend has all the ones before.
func TestTLSUploadStreams(t *testing.T) {
	t.Parallel()
	body := make([]byte, 5<<20+777)
	rand.NewChaCha8([32]byte{9}).Read(body)
	stops := []int{100_003, 333_333, 777_777, 1_500_001}
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			t.Parallel()
			got := make(chan int, 1024) // how much the backend has, after each read
			backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				h := sha256.New()
				buf := make([]byte, 64<<10)
				var n int
				for {
					k, err := r.Body.Read(buf)
					h.Write(buf[:k])
					n += k
					select {
					case got <- n:
					default:
					}
					if err != nil {
						break
					}
				}
				w.Header().Set("Got", fmt.Sprintf("%d %x %q", n, h.Sum(nil), r.TransferEncoding))
				w.WriteHeader(http.StatusCreated)
			}))
			t.Cleanup(backend.Close)
			conf := strings.ReplaceAll(recipeConf, "BACKEND", strings.TrimPrefix(backend.URL, "http://"))
			w := startWorld(t, conf, recipeFiles(t))
			w.mu.Lock()
			addr := w.addrs[5043]
			w.mu.Unlock()

			c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			framing, wantTE := fmt.Sprintf("Content-Length: %d", len(body)), []string(nil)
			if chunked {
				framing, wantTE = "Transfer-Encoding: chunked", []string{"chunked"}
			}
			fmt.Fprintf(c, "PATCH /v2/test/blobs/uploads/1 HTTP/1.1\r\nHost: myregistrydomain.com:5043\r\n%s%s\r\n\r\n",
				basic("testuserpush", "testpasswordpush"), framing)
			sent := 0
			for _, stop := range append(stops, len(body)) {
				piece := body[sent:stop]
				if chunked {
					piece = fmt.Appendf(nil, "%x\r\n%s\r\n", len(piece), piece)
					if stop == len(body) {
						piece = append(piece, "0\r\n\r\n"...)
					}
				}
				if _, err := c.Write(piece); err != nil {
					t.Fatal(err)
				}
				sent = stop
				if stop == len(body) {
					break
				}
				for timeout := time.After(10 * time.Second); ; {
					select {
					case n := <-got:
						if n < sent {
							continue
						}
					case <-timeout:
						t.Fatalf("the backend did not get the %d bytes sent while the client waited", sent)
					}
					break
				}
			}
			resp, err := http.ReadResponse(bufio.NewReader(c), nil)
			if err != nil {
				t.Fatal(err)
			}
			sum := sha256.Sum256(body)
			if want := fmt.Sprintf("%d %x %q", len(body), sum, wantTE); resp.StatusCode != http.StatusCreated || resp.Header.Get("Got") != want {
				t.Fatalf("status %d, backend got %q, want %q", resp.StatusCode, resp.Header.Get("Got"), want)
			}
		})
	}
}
