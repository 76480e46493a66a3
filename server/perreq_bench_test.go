package server

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// manifestBackend answers a registry's HEAD of a manifest: the headers
// the distribution registry sends, no body.
func manifestBackend(b *testing.B) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/vnd.docker.distribution.manifest.v2+json")
		h.Set("Content-Length", "529")
		h.Set("Docker-Content-Digest", "sha256:7a1d4ee1b1e9b4a3d2c1b9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8")
		h.Set("Docker-Distribution-Api-Version", "registry/2.0")
		h.Set("Etag", `"sha256:7a1d4ee1b1e9b4a3d2c1b9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8"`)
		w.WriteHeader(http.StatusOK)
	}))
	b.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// headWorld serves the recipe with its access log in a file (so each
// line costs what it costs a user) in front of manifestBackend, and
// returns the TLS address and an authenticated HEAD of a manifest.
func headWorld(b *testing.B, files map[string]string) (addr string, request []byte) {
	conf := strings.ReplaceAll(recipeConf, "CustomLog /proc/self/fd/1", "CustomLog ROOT/access.log")
	conf = strings.ReplaceAll(conf, "BACKEND", manifestBackend(b))
	w := startWorld(b, conf, files)
	// Files changed less than authfile's racy window ago are read again
	// on every request; a user's files are older than that.
	time.Sleep(2100 * time.Millisecond)
	w.mu.Lock()
	addr = w.addrs[5043]
	w.mu.Unlock()
	request = []byte("HEAD /v2/library/ubuntu/manifests/latest HTTP/1.1\r\n" +
		"Host: myregistrydomain.com:5043\r\n" +
		"User-Agent: hey/0.0.1\r\n" +
		"Accept: application/vnd.docker.distribution.manifest.v2+json\r\n" +
		basic("testuser", "testpassword") +
		"Accept-Encoding: gzip\r\n\r\n")
	return addr, request
}

// headClient is one keep-alive TLS client sending the same HEAD over
// and over, as hey does; it reads answers without allocating, so the
// benchmark's allocations are the server's.
type headClient struct {
	addr    string
	request []byte
	c       *tls.Conn
	br      *bufio.Reader
	config  *tls.Config
}

func newHeadClient(addr string, request []byte) *headClient {
	return &headClient{addr: addr, request: request,
		config: &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true}}
}

// do sends one HEAD and reads its answer's head; a connection the
// server ends (MaxKeepAliveRequests) is replaced by the next call.
func (hc *headClient) do(b *testing.B) {
	if hc.c == nil {
		c, err := tls.Dial("tcp", hc.addr, hc.config)
		if err != nil {
			b.Error(err)
			return
		}
		hc.c = c
		if hc.br == nil {
			hc.br = bufio.NewReaderSize(c, 4096)
		} else {
			hc.br.Reset(c)
		}
	}
	if _, err := hc.c.Write(hc.request); err != nil {
		b.Error(err)
		hc.close()
		return
	}
	closing := false
	for first := true; ; first = false {
		line, err := hc.br.ReadSlice('\n')
		if err != nil {
			b.Error(err)
			hc.close()
			return
		}
		if first && !bytes.HasPrefix(line, []byte("HTTP/1.1 200 ")) {
			b.Errorf("answer %q", line)
		}
		if bytes.EqualFold(line, []byte("Connection: close\r\n")) {
			closing = true
		}
		if len(line) == 2 {
			break
		}
	}
	if closing {
		hc.close()
	}
}

func (hc *headClient) close() {
	if hc.c != nil {
		hc.c.Close()
		hc.c = nil
	}
}

// BenchmarkHeadManifest is the registry's small request: 50 keep-alive
// TLS clients (25 goroutines per P on 2 cores) sending an authenticated
// HEAD of a manifest through the recipe to a backend. The credential is
// verified once, then cached; what remains is gohttpd's per-request
// cost, TLS included.
func BenchmarkHeadManifest(b *testing.B) {
	addr, request := headWorld(b, recipeFiles(b))
	b.SetParallelism(25)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		hc := newHeadClient(addr, request)
		defer hc.close()
		for pb.Next() {
			hc.do(b)
		}
	})
}

// BenchmarkHeadManifestNewConn is the same HEAD with keep-alive off: a
// new TLS connection (full handshake) per request, as hey
// -disable-keepalive does, with an RSA 2048 certificate as the
// benchmark under examples/ makes.
func BenchmarkHeadManifestNewConn(b *testing.B) {
	files := recipeFiles(b)
	files["cert.pem"], files["key.pem"] = rsaCert(b)
	addr, request := headWorld(b, files)
	b.SetParallelism(4)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		hc := newHeadClient(addr, request)
		hc.config.ClientSessionCache = nil
		hc.config.CurvePreferences = []tls.CurveID{tls.X25519} // as hey (Go 1.19) offers
		for pb.Next() {
			hc.do(b)
			hc.close()
		}
	})
}

// rsaCert is a self-signed RSA 2048 certificate for myregistrydomain.com
// and its key, in PEM.
func rsaCert(b *testing.B) (cert, key string) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		b.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), DNSNames: []string{"myregistrydomain.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		b.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)}))
}
