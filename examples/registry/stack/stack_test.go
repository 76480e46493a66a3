package stack

import (
	"context"
	"errors"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"
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
	st := startStack(t)
	tr := st.Transport()
	ref, err := name.ParseReference(Host + ":5043/test:latest")
	if err != nil {
		t.Fatal(err)
	}
	base, err := random.Image(4096, 2)
	if err != nil {
		t.Fatal(err)
	}
	big, err := random.Layer(100<<20, types.DockerLayer)
	if err != nil {
		t.Fatal(err)
	}
	img, err := mutate.AppendLayers(base, big)
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
	if err := validate.Image(pulled); err != nil { // reads every layer and checks its digest
		t.Fatalf("the pulled image: %v", err)
	}
	layers, _ := pulled.Layers()
	if len(layers) != 3 {
		t.Errorf("%d layers pulled, want 3", len(layers))
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

// What clients see before they sign in, and with wrong credentials: the
// challenge docker, skopeo and crane answer, and the API version header
// once on gohttpd's own 401 and twice on the registry's answers.
func TestRecipeAnswers(t *testing.T) {
	st := startStack(t)
	client := &http.Client{Transport: st.Transport(), Timeout: 10 * time.Second}
	get := func(method, user, password string) *http.Response {
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
	for _, c := range []struct{ user, password string }{{"", ""}, {"testuser", "wrong"}, {"nobody", "testpassword"}} {
		resp := get("GET", c.user, c.password)
		if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") != `Basic realm="Registry Authentication"` {
			t.Errorf("%q: %d %q", c.user, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
		if v := resp.Header.Values("Docker-Distribution-Api-Version"); len(v) != 1 || v[0] != "registry/2.0" {
			t.Errorf("%q: Docker-Distribution-Api-Version %q on the 401", c.user, v)
		}
	}
	if resp := get("GET", "testuser", "testpassword"); resp.StatusCode != 200 ||
		len(resp.Header.Values("Docker-Distribution-Api-Version")) != 2 {
		t.Errorf("reader: %d, Docker-Distribution-Api-Version %q", resp.StatusCode, resp.Header.Values("Docker-Distribution-Api-Version"))
	}
	// The recipe's <Limit> blocks leave OPTIONS open: Apache lets it reach
	// the registry unauthenticated, and so does gohttpd.
	if resp := get("OPTIONS", "", ""); resp.StatusCode == 401 {
		t.Errorf("OPTIONS: %d, want it through to the registry as in Apache", resp.StatusCode)
	}
}

// The command gohttpd links nothing of the registry or its clients.
func TestCommandLinksNoRegistry(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/gohttpd/gohttpd/cmd/gohttpd").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range []string{"github.com/distribution/", "github.com/google/go-containerregistry/"} {
		if strings.Contains(string(out), dep) {
			t.Errorf("cmd/gohttpd links %s", dep)
		}
	}
}
