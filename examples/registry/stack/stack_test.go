package stack

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

var (
	pusher = &authn.Basic{Username: "testuserpush", Password: "testpasswordpush"}
	reader = &authn.Basic{Username: "testuser", Password: "testpassword"}
)

// startStack runs the recipe's stack with the example's auth directory,
// unchanged, on a port the OS picks.
func startStack(t *testing.T) *Stack {
	t.Helper()
	auth, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return startStackWith(t, auth)
}

// startStackWith runs the recipe's stack with the auth directory auth.
func startStackWith(t *testing.T, auth string) *Stack {
	t.Helper()
	st, err := Start(context.Background(), Options{AuthDir: auth, Listen: "127.0.0.1:0", Storage: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// The recipe's four steps through gohttpd with a real registry and a real
// client: the pusher pushes an image with a layer of 100 MiB, the reader
// pulls it with every digest checked, and the reader's push is refused.
func TestRecipeFlow(t *testing.T) {
	t.Parallel()
	base, err := random.Image(4096, 2)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(base, bigLayer(t, 100<<20))
	if err != nil {
		t.Fatal(err)
	}
	checkFlow(t, startStack(t).Transport(), img)
}

// What clients see before they sign in, and with wrong credentials.
func TestRecipeAnswers(t *testing.T) {
	t.Parallel()
	checkAnswers(t, startStack(t).Transport())
}

// checkFlow takes the recipe's steps 2 to 4 with img through tr.
func checkFlow(t *testing.T, tr http.RoundTripper, img v1.Image) {
	t.Helper()
	ref, err := name.ParseReference(Host + ":5043/test:latest")
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.Write(ref, img, remote.WithAuth(pusher), remote.WithTransport(tr)); err != nil {
		t.Fatalf("push as the pusher: %v", err)
	}
	pulled, err := remote.Image(ref, remote.WithAuth(reader), remote.WithTransport(tr))
	if err != nil {
		t.Fatalf("pull as the reader: %v", err)
	}
	want, _ := img.Digest()
	if got, _ := pulled.Digest(); got != want {
		t.Fatalf("pulled %s, pushed %s", got, want)
	}
	checkLayers(t, img, pulled)
	if body := catalog(t, tr); body != `{"repositories":["test"]}` {
		t.Errorf("the reader's catalog: %s", body)
	}
	other, _ := random.Image(1024, 1)
	err = remote.Write(ref, other, remote.WithAuth(reader), remote.WithTransport(tr))
	var terr *transport.Error
	if !errors.As(err, &terr) || terr.StatusCode != http.StatusUnauthorized {
		t.Fatalf("push as the reader: %v, want 401", err)
	}
	if d, _ := remote.Head(ref, remote.WithAuth(reader), remote.WithTransport(tr)); d == nil || d.Digest != want {
		t.Errorf("the reader's refused push changed the tag: %v", d)
	}
}

// checkAnswers checks the challenge docker, skopeo and crane answer, and
// the API version header: once on the front's own 401, twice on the
// registry's answers (the registry's and the recipe's Header always).
func checkAnswers(t *testing.T, tr http.RoundTripper) {
	t.Helper()
	get := pinger(t, tr)
	for _, c := range []struct{ user, password string }{{"", ""}, {"testuser", "wrong"}, {"nobody", "testpassword"}} {
		resp := get("GET", c.user, c.password)
		if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") != `Basic realm="Registry Authentication"` {
			t.Errorf("%q: %d %q", c.user, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
		if v := resp.Header.Values("Docker-Distribution-Api-Version"); len(v) != 1 || v[0] != "registry/2.0" {
			t.Errorf("%q: Docker-Distribution-Api-Version %q on the 401", c.user, v)
		}
	}
	for _, c := range []struct{ method, user, password string }{
		{"GET", "testuser", "testpassword"},
		{"GET", "testuserpush", "testpasswordpush"},
		// The recipe's <Limit> blocks leave OPTIONS open: it reaches the
		// registry unauthenticated.
		{"OPTIONS", "", ""},
	} {
		resp := get(c.method, c.user, c.password)
		if v := resp.Header.Values("Docker-Distribution-Api-Version"); resp.StatusCode != 200 || len(v) != 2 {
			t.Errorf("%s as %q: %d, Docker-Distribution-Api-Version %q", c.method, c.user, resp.StatusCode, v)
		}
	}
}

// catalog is /v2/_catalog as the reader sees it.
func catalog(t *testing.T, tr http.RoundTripper) string {
	t.Helper()
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	req, _ := http.NewRequest("GET", "https://"+Host+":5043/v2/_catalog", nil)
	req.SetBasicAuth(reader.Username, reader.Password)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return strings.TrimSpace(string(body))
}

// pinger returns a function that sends method to /v2/ as the user, as
// clients ping before and after signing in.
func pinger(t *testing.T, tr http.RoundTripper) func(method, user, password string) *http.Response {
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second}
	return func(method, user, password string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, "https://"+Host+":5043/v2/", nil)
		if user != "" {
			req.SetBasicAuth(user, password)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
}

// The command gohttpd links nothing of the registry or its clients; the
// demo, which links both, shows the check sees them.
func TestCommandLinksNoRegistry(t *testing.T) {
	t.Parallel()
	links := []string{"github.com/distribution/distribution/v3", "github.com/google/go-containerregistry/pkg/v1"}
	for pkg, want := range map[string]bool{
		"github.com/gohttpd/gohttpd/cmd/gohttpd":            false,
		"github.com/gohttpd/gohttpd/examples/registry/demo": true,
	} {
		out, err := exec.Command("go", "list", "-deps", "-test=false", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list: %v\n%s", err, out)
		}
		deps := strings.Fields(string(out))
		for _, dep := range links {
			if got := slices.Contains(deps, dep); got != want {
				t.Errorf("%s links %s: %v, want %v", pkg, dep, got, want)
			}
		}
	}
}

// bigLayer is a layer as docker pushes one, a gzipped tar, holding a file
// of size random bytes. Random bytes do not compress, so the gzip stream
// stores them as they are: building and reading it stays at disk speed,
// and the file keeps the layer out of memory.
func bigLayer(t *testing.T, size int64) v1.Layer {
	t.Helper()
	path := filepath.Join(t.TempDir(), "layer.tar.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw, _ := gzip.NewWriterLevel(f, gzip.NoCompression)
	tw := tar.NewWriter(zw)
	if err := tw.WriteHeader(&tar.Header{Name: "random.bin", Mode: 0o644, Size: size, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	seed := [32]byte{byte(time.Now().UnixNano())}
	if _, err := io.CopyN(tw, rand.NewChaCha8(seed), size); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(tw.Close(), zw.Close(), f.Close()); err != nil {
		t.Fatal(err)
	}
	layer, err := tarball.LayerFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return layer
}

// checkLayers reads every pulled layer in full and checks that its bytes
// hash to the digest the pushed image has for it.
func checkLayers(t *testing.T, pushed, pulled v1.Image) {
	t.Helper()
	want, _ := pushed.Layers()
	got, err := pulled.Layers()
	if err != nil || len(got) != len(want) {
		t.Fatalf("%d layers pulled (%v), pushed %d", len(got), err, len(want))
	}
	for i, l := range got {
		wd, _ := want[i].Digest()
		rc, err := l.Compressed()
		if err != nil {
			t.Fatalf("layer %d: %v", i, err)
		}
		h, n, err := v1.SHA256(rc)
		rc.Close()
		if err != nil || h != wd {
			t.Errorf("layer %d: %d bytes hashing to %s (%v), pushed %s", i, n, h, err, wd)
		}
	}
}
