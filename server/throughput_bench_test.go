package server

import (
	"bytes"
	"crypto/tls"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bulkSize is how much one benchmark iteration moves: enough for the
// copy loops' steady state to dominate a request's fixed cost.
const bulkSize = 32 << 20

// bulkBackend is a registry stand-in for bodies: GET /v2/blob answers
// bulkSize bytes with a Content-Length, as the registry serves a blob;
// PATCH /v2/upload reads the body whole and answers 202, as the registry
// takes an upload chunk.
func bulkBackend(b *testing.B) *httptest.Server {
	block := make([]byte, 1<<20)
	for i := range block {
		block[i] = byte(i * 7)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Length", strconv.Itoa(bulkSize))
			for left := bulkSize; left > 0; left -= len(block) {
				if _, err := w.Write(block[:min(left, len(block))]); err != nil {
					return
				}
			}
		default:
			n, _ := io.Copy(io.Discard, r.Body)
			w.Header().Set("Range", "0-"+strconv.FormatInt(n-1, 10))
			w.WriteHeader(http.StatusAccepted)
		}
	}))
	b.Cleanup(srv.Close)
	return srv
}

// bulkWorld serves the recipe in front of a bulkBackend and returns a
// TLS client of it and its base URL.
func bulkWorld(b *testing.B) (*http.Client, string) {
	backend := bulkBackend(b)
	conf := strings.ReplaceAll(recipeConf, "BACKEND", strings.TrimPrefix(backend.URL, "http://"))
	w := startWorld(b, conf, recipeFiles(b))
	w.mu.Lock()
	addr := w.addrs[5043]
	w.mu.Unlock()
	tr := &http.Transport{TLSClientConfig: &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true},
		DisableCompression: true}
	b.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}, "https://" + addr
}

// BenchmarkBlobGet downloads a blob through the recipe over TLS, as a
// pull does: the answer's copy from backend to client.
func BenchmarkBlobGet(b *testing.B) {
	c, base := bulkWorld(b)
	buf := make([]byte, 256<<10)
	b.SetBytes(bulkSize)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodGet, base+"/v2/blob", nil)
		req.SetBasicAuth("testuser", "testpassword")
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.CopyBuffer(io.Discard, resp.Body, buf)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK || n != bulkSize {
			b.Fatalf("status %d, %d bytes, %v", resp.StatusCode, n, err)
		}
	}
}

// BenchmarkUpload streams an upload with its Content-Length through the
// recipe over TLS, as the benchmark's 1 GiB PATCH does.
func BenchmarkUpload(b *testing.B) { benchUpload(b, bulkSize) }

// BenchmarkUploadChunked streams an upload of unknown length (chunked),
// as a registry client pushes a layer.
func BenchmarkUploadChunked(b *testing.B) { benchUpload(b, -1) }

func benchUpload(b *testing.B, length int64) {
	c, base := bulkWorld(b)
	block := make([]byte, 1<<20)
	b.SetBytes(bulkSize)
	b.ReportAllocs()
	defer reportCPU(b, cpuTime())
	for b.Loop() {
		body := repeatReader(block, bulkSize)
		req, _ := http.NewRequest(http.MethodPatch, base+"/v2/upload", body)
		req.ContentLength = length
		req.SetBasicAuth("testuserpush", "testpasswordpush")
		resp, err := c.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if want := "0-" + strconv.Itoa(bulkSize-1); resp.StatusCode != http.StatusAccepted || resp.Header.Get("Range") != want {
			b.Fatalf("status %d, Range %q, want %q", resp.StatusCode, resp.Header.Get("Range"), want)
		}
	}
}

// repeatReader is n bytes of block over and over.
func repeatReader(block []byte, n int) io.Reader {
	readers := make([]io.Reader, 0, n/len(block)+1)
	for left := n; left > 0; left -= len(block) {
		readers = append(readers, bytes.NewReader(block[:min(left, len(block))]))
	}
	return io.MultiReader(readers...)
}

// cpuTime is the CPU time this process has used (client, server and
// backend together): on a machine shared with other work it measures
// the cost of a byte where wall time would measure the neighbours.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the CPU time per byte moved since start.
func reportCPU(b *testing.B, start time.Duration) {
	if b.N > 0 {
		b.ReportMetric(float64(cpuTime()-start)/float64(int64(b.N)*bulkSize), "cpu-ns/B")
	}
}
