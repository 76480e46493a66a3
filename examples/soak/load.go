package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// The recipe's users (examples/registry/stack writes them).
var (
	pusher = &authn.Basic{Username: "testuserpush", Password: "testpasswordpush"}
	reader = &authn.Basic{Username: "testuser", Password: "testpassword"}
)

// mix is the load's shape, one operation after another per worker: most
// requests are pulls and HEADs, as a registry's are, with anonymous
// pings (every client's first request, answered 401) and a few pushes.
var mix = []op{pull, head, anonymous, pull, head, push, pull, anonymous, head, pull}

// op is one client action; tr is the worker's kept-alive transport.
type op func(ctx context.Context, l *load, tr *http.Transport, worker int) error

// opTimeout bounds each operation, so that a request the server never
// answers is reported as a failure naming it rather than stalling a
// worker for good.
const opTimeout = time.Minute

// load drives the stack at addr and counts what happens.
type load struct {
	addr  string
	tls   *tls.Config
	ref   name.Reference // the image every pull and HEAD asks for
	image v1.Image
	done  atomic.Int64
	fails atomic.Int64

	mu    sync.Mutex
	first []error // the first few failures, for the report
}

// newLoad trusts the auth directory's certificate and pushes the image
// the pulls and HEADs ask for.
func newLoad(addr, auth string) (*load, error) {
	pem, err := os.ReadFile(filepath.Join(auth, "domain.crt"))
	if err != nil {
		return nil, err
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		return nil, errors.New("domain.crt holds no certificate")
	}
	l := &load{addr: addr, tls: &tls.Config{RootCAs: roots, ServerName: stack.Host}}
	if l.ref, err = name.ParseReference(stack.Host + ":5043/soak/base:latest"); err != nil {
		return nil, err
	}
	if l.image, err = random.Image(64<<10, 3); err != nil {
		return nil, err
	}
	tr := l.transport()
	defer tr.CloseIdleConnections()
	if err := remote.Write(l.ref, l.image, remote.WithAuth(pusher), remote.WithTransport(tr)); err != nil {
		return nil, fmt.Errorf("first push: %w", err)
	}
	return l, nil
}

// transport reaches the stack as https://myregistrydomain.com:5043.
func (l *load) transport() *http.Transport {
	var d net.Dialer
	return &http.Transport{
		TLSClientConfig:     l.tls,
		MaxIdleConnsPerHost: 4,
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, l.addr)
		},
	}
}

// run keeps workers busy until ctx ends.
func (l *load) run(ctx context.Context, workers int) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			tr := l.transport()
			defer tr.CloseIdleConnections()
			for i := w; ctx.Err() == nil; i++ {
				ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
				l.count(mix[i%len(mix)](ctx, l, tr, w))
				cancel()
			}
		})
	}
	wg.Wait()
}

func (l *load) count(err error) {
	l.done.Add(1)
	if err == nil {
		return
	}
	l.fails.Add(1)
	l.mu.Lock()
	if len(l.first) < 10 {
		l.first = append(l.first, fmt.Errorf("%s: %w", time.Now().Format(time.TimeOnly), err))
	}
	l.mu.Unlock()
}

// pull fetches the image on connections of its own, as a new client
// does, and checks the manifest, config and every layer's bytes.
func pull(ctx context.Context, l *load, _ *http.Transport, _ int) error {
	tr := l.transport()
	defer tr.CloseIdleConnections()
	img, err := remote.Image(l.ref, remote.WithAuth(reader), remote.WithTransport(tr), remote.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("pull: %w", err)
	}
	want, _ := l.image.Digest()
	if got, err := img.Digest(); err != nil || got != want {
		return fmt.Errorf("pull: manifest %s (%v), pushed %s", got, err, want)
	}
	if _, err := img.RawConfigFile(); err != nil {
		return fmt.Errorf("pull: config: %w", err)
	}
	layers, err := img.Layers()
	if err != nil {
		return fmt.Errorf("pull: %w", err)
	}
	for _, layer := range layers {
		if err := checkBlob(layer); err != nil {
			return fmt.Errorf("pull: %w", err)
		}
	}
	return nil
}

// checkBlob reads a layer whole and checks its bytes hash to its digest.
func checkBlob(layer v1.Layer) error {
	d, err := layer.Digest()
	if err != nil {
		return err
	}
	rc, err := layer.Compressed()
	if err != nil {
		return fmt.Errorf("blob %s: %w", d, err)
	}
	defer rc.Close()
	h, n, err := v1.SHA256(rc)
	if err != nil || h != d {
		return fmt.Errorf("blob %s: %d bytes hashing to %s (%v)", d, n, h, err)
	}
	return nil
}

// head asks for the manifest's digest as docker does before a pull.
func head(ctx context.Context, l *load, tr *http.Transport, _ int) error {
	d, err := remote.Head(l.ref, remote.WithAuth(reader), remote.WithTransport(tr), remote.WithContext(ctx))
	if err != nil {
		return fmt.Errorf("HEAD: %w", err)
	}
	if want, _ := l.image.Digest(); d.Digest != want {
		return fmt.Errorf("HEAD: digest %s, pushed %s", d.Digest, want)
	}
	return nil
}

// anonymous pings /v2/ without credentials and expects the challenge.
func anonymous(ctx context.Context, _ *load, tr *http.Transport, _ int) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", "https://"+stack.Host+":5043/v2/", nil)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return fmt.Errorf("anonymous GET /v2/: %w", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("WWW-Authenticate") == "" {
		return fmt.Errorf("anonymous GET /v2/: %s, challenge %q", resp.Status, resp.Header.Get("WWW-Authenticate"))
	}
	return nil
}

// push uploads a new small image to the worker's own repository, so the
// registry's storage grows on disk but each push really uploads.
func push(ctx context.Context, _ *load, tr *http.Transport, worker int) error {
	img, err := random.Image(16<<10, 2)
	if err != nil {
		return err
	}
	ref, err := name.ParseReference(fmt.Sprintf("%s:5043/soak/w%d:latest", stack.Host, worker))
	if err != nil {
		return err
	}
	if err := remote.Write(ref, img, remote.WithAuth(pusher), remote.WithTransport(tr), remote.WithContext(ctx)); err != nil {
		return fmt.Errorf("push %s: %w", ref, err)
	}
	return nil
}
