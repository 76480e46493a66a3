package server

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// world is a gohttpd serving a config written for a test, with a
// recording backend and files in a temporary directory.
type world struct {
	dir     string
	srv     *Server
	mu      sync.Mutex
	addrs   map[int]string // configured port → bound 127.0.0.1 address
	backend *recorder
	stdout  *syncBuffer
}

// syncBuffer collects log lines written concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recorder is a backend that answers 200 "backend" and remembers each
// request it got.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	reqs []*http.Request
}

func newRecorder(t testing.TB) *recorder {
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		rec.mu.Lock()
		rec.reqs = append(rec.reqs, r)
		rec.mu.Unlock()
		w.Header().Set("Docker-Distribution-Api-Version", "registry/2.0")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "backend")
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) last() *http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		return nil
	}
	return r.reqs[len(r.reqs)-1]
}

// startWorld writes files into a temporary ServerRoot, loads conf (where
// "ROOT" stands for that directory and "BACKEND" for the recorder's
// host:port) and serves it.
func startWorld(t testing.TB, conf string, files map[string]string) *world {
	t.Helper()
	return startWorldWith(t, conf, files, nil)
}

// startWorldWith is startWorld with the server's options changed by
// adjust first.
func startWorldWith(t testing.TB, conf string, files map[string]string, adjust func(*Options)) *world {
	t.Helper()
	w := &world{dir: t.TempDir(), addrs: map[int]string{}, backend: newRecorder(t), stdout: &syncBuffer{}}
	writeCert(t, w.dir)
	if err := os.Mkdir(filepath.Join(w.dir, "htdocs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(w.dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := w.load(t, conf)
	opts := Options{
		Stdout: w.stdout,
		Stderr: w.stdout,
		Listen: func(l directives.Listener) (net.Listener, error) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err == nil {
				w.mu.Lock()
				w.addrs[l.Port] = ln.Addr().String()
				w.mu.Unlock()
			}
			return ln, err
		},
	}
	if adjust != nil {
		adjust(&opts)
	}
	srv, err := New(cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	w.srv = srv
	return w
}

// load writes conf as the root's httpd.conf, ROOT and BACKEND replaced,
// and reads it as the model.
func (w *world) load(t testing.TB, conf string) *directives.Config {
	t.Helper()
	conf = strings.ReplaceAll(conf, "ROOT", w.dir)
	conf = strings.ReplaceAll(conf, "BACKEND", strings.TrimPrefix(w.backend.URL, "http://"))
	if err := os.WriteFile(filepath.Join(w.dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: w.dir, File: "httpd.conf"})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// writeCert makes a self-signed certificate for the names the tests use,
// as ROOT/cert.pem and ROOT/key.pem.
func writeCert(t testing.TB, dir string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "myregistrydomain.com"},
		DNSNames:     []string{"myregistrydomain.com", "other.example", "localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, typ string, b []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("cert.pem", "CERTIFICATE", der)
	write("key.pem", "PRIVATE KEY", kder)
}

// raw sends a request as written over a fresh connection to the port the
// config calls port (TLS with sni when tlsOn) and returns the answer.
func (w *world) raw(t *testing.T, port int, tlsOn bool, sni, request string) *http.Response {
	t.Helper()
	w.mu.Lock()
	addr := w.addrs[port]
	w.mu.Unlock()
	return dialRaw(t, addr, tlsOn, sni, request)
}

// dialRaw sends request over a fresh connection to addr and reads the
// whole answer.
func dialRaw(t *testing.T, addr string, tlsOn bool, sni, request string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if tlsOn {
		tc := tls.Client(c, &tls.Config{ServerName: sni, InsecureSkipVerify: true})
		if err := tc.Handshake(); err != nil {
			t.Fatal(err)
		}
		c = tc
	}
	if _, err := io.WriteString(c, request); err != nil {
		t.Fatal(err)
	}
	method, _, _ := strings.Cut(request, " ")
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(strings.NewReader(string(body)))
	return resp
}

// waitLog waits for a line holding want in the logs: a request is logged
// after its answer went out.
func (w *world) waitLog(t *testing.T, want string) {
	t.Helper()
	for start := time.Now(); !strings.Contains(w.stdout.String(), want); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("no log line with %q in:\n%s", want, w.stdout.String())
		}
	}
}

func bodyOf(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}
