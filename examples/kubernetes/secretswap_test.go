package kubernetes

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"golang.org/x/crypto/bcrypt"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// secretVolume is a directory kept as kubelet keeps a Secret volume: the
// files are in a directory named after the time it was written, the
// symbolic link "..data" points to it, and each key is a link
// "name -> ..data/name". An update never changes a file in place.
type secretVolume struct {
	dir     string
	current string // the timestamped directory ..data points to
}

// write is kubelet's atomic update: the keys go into a new timestamped
// directory, a link "..data_tmp" to it is renamed over "..data" (the one
// step clients can see), links for new keys are added, and the old
// directory is removed.
func (v *secretVolume) write(t testing.TB, files map[string]string) {
	t.Helper()
	ts, err := os.MkdirTemp(v.dir, time.Now().UTC().Format("..2006_01_02_15_04_05."))
	if err != nil {
		t.Fatal(err)
	}
	for k, data := range files {
		writeFile(t, filepath.Join(ts, k), data)
	}
	tmp := filepath.Join(v.dir, "..data_tmp")
	if err := os.Symlink(filepath.Base(ts), tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(v.dir, "..data")); err != nil {
		t.Fatal(err)
	}
	for k := range files {
		link := filepath.Join(v.dir, k)
		if _, err := os.Lstat(link); errors.Is(err, os.ErrNotExist) {
			if err := os.Symlink(filepath.Join("..data", k), link); err != nil {
				t.Fatal(err)
			}
		}
	}
	if v.current != "" {
		if err := os.RemoveAll(v.current); err != nil {
			t.Fatal(err)
		}
	}
	v.current = ts
}

// htpasswd is a password file of users as `htpasswd -Bbn` writes it:
// bcrypt at the recipe's cost 5, Apache's $2y$ prefix.
func htpasswd(t testing.TB, users ...*authn.Basic) string {
	t.Helper()
	var out string
	for _, u := range users {
		h, err := bcrypt.GenerateFromPassword([]byte(u.Password), 5)
		if err != nil {
			t.Fatal(err)
		}
		out += u.Username + ":$2y$" + string(h[4:]) + "\n"
	}
	return out
}

// swaps is how many times the test updates the Secret while clients
// sign in.
const swaps = 10

// newPusher is the user the Secret's update adds, and makes the only
// pusher.
var newPusher = &authn.Basic{Username: "alice", Password: "alicepassword"}

// A Secret update reaches the running server as kubelet makes it, with
// no restart or signal: after the "..data" swap, a user added to the
// password file and the group file pushes and pulls, a user removed gets
// 401, a user taken out of the pusher group can pull but not push, and
// requests sent all through the swap (on connections kept open) get
// either the old answer or the new one, never an error.
func TestSecretUpdateWithoutRestart(t *testing.T) {
	t.Parallel()
	vol := &secretVolume{dir: t.TempDir()}
	files := recipeFiles(t)
	files["httpd.htpasswd"] = htpasswd(t, reader, pusher)
	vol.write(t, files)
	st, err := stack.Start(context.Background(), stack.Options{AuthDir: vol.dir, Listen: "127.0.0.1:0", Storage: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	tr := st.Transport()
	if code := ping(tr, reader); code != http.StatusOK {
		t.Fatalf("the reader before the update: %d, want 200", code)
	}
	checkPush(t, tr, pusher, "before", nil)

	during := startPinging(st)
	// The reader goes, the new pusher comes; then the same users again
	// with fresh salts, so that many swaps happen while clients sign in.
	files["httpd.groups"] = "pusher: " + newPusher.Username + "\n"
	for range swaps {
		files["httpd.htpasswd"] = htpasswd(t, pusher, newPusher)
		vol.write(t, files)
	}
	during.stop(t)

	if code := ping(tr, reader); code != http.StatusUnauthorized {
		t.Errorf("the removed reader after the update: %d, want 401", code)
	}
	checkPush(t, tr, newPusher, "after", nil)
	checkPush(t, tr, pusher, "after", &transport.Error{StatusCode: http.StatusUnauthorized})
	ref, _ := name.ParseReference(stack.Host + ":5043/after:latest")
	if _, err := remote.Image(ref, remote.WithAuth(pusher), remote.WithTransport(tr)); err != nil {
		t.Errorf("the old pusher, still a user, pulls: %v", err)
	}
}

// recipeFiles are the keys of a Secret made from a fresh recipe auth
// directory.
func recipeFiles(t *testing.T) map[string]string {
	t.Helper()
	dir := authDir(t)
	files := map[string]string{}
	for _, k := range secretKeys {
		data, err := os.ReadFile(filepath.Join(dir, k))
		if err != nil {
			t.Fatal(err)
		}
		files[k] = string(data)
	}
	return files
}

// ping is GET /v2/ as user, as clients check their credentials; 0 when
// the request fails.
func ping(tr http.RoundTripper, user *authn.Basic) int {
	req, _ := http.NewRequest("GET", "https://"+stack.Host+":5043/v2/", nil)
	req.SetBasicAuth(user.Username, user.Password)
	resp, err := (&http.Client{Transport: tr, Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// checkPush pushes an image to the repository named when as user, and
// pulls it back as user; refused says the push must fail with that
// status instead.
func checkPush(t *testing.T, tr http.RoundTripper, user *authn.Basic, when string, refused *transport.Error) {
	t.Helper()
	img, _ := random.Image(1024, 1)
	ref, _ := name.ParseReference(stack.Host + ":5043/" + when + ":latest")
	err := remote.Write(ref, img, remote.WithAuth(user), remote.WithTransport(tr))
	if refused != nil {
		var terr *transport.Error
		if !errors.As(err, &terr) || terr.StatusCode != refused.StatusCode {
			t.Errorf("%s pushing %s: %v, want %d", user.Username, when, err, refused.StatusCode)
		}
		return
	}
	if err != nil {
		t.Fatalf("%s pushing %s: %v", user.Username, when, err)
	}
	pulled, err := remote.Image(ref, remote.WithAuth(user), remote.WithTransport(tr))
	if err != nil {
		t.Fatalf("%s pulling %s: %v", user.Username, when, err)
	}
	if got, _ := pulled.Digest(); got != must(img.Digest()) {
		t.Errorf("%s pulled %s, pushed %s", user.Username, got, must(img.Digest()))
	}
}

func must[T any](v T, _ error) T { return v }

// pinging is clients signing in over and over, each on its own kept-open
// connection, while the Secret changes: the pusher, a user before and
// after, must always get 200; the reader, removed, gets 200 until the
// swap and 401 from then on, never 200 again once refused.
type pinging struct {
	done     chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	failures []string
	sent     atomic.Int64
}

// startPinging starts the clients and returns once each has signed in,
// so the updates that follow happen while they run.
func startPinging(st *stack.Stack) *pinging {
	p := &pinging{done: make(chan struct{})}
	var started sync.WaitGroup
	for i := range 4 {
		user := []*authn.Basic{pusher, reader}[i%2]
		tr := st.Transport()
		started.Add(1)
		p.wg.Go(func() { p.loop(tr, user, started.Done) })
	}
	started.Wait()
	return p
}

// loop pings as user until stop, then a few times more; started is
// called after the first answer.
func (p *pinging) loop(tr http.RoundTripper, user *authn.Basic, started func()) {
	refused := false
	for n, after := 0, 0; after < 5; n++ {
		if n == 1 {
			started()
		}
		select {
		case <-p.done:
			after++
		default:
		}
		code := ping(tr, user)
		p.sent.Add(1)
		switch {
		case code == http.StatusOK && (user == pusher || !refused):
		case code == http.StatusUnauthorized && user == reader:
			refused = true
		default:
			p.fail(fmt.Sprintf("%s: %d (refused before: %v)", user.Username, code, refused))
		}
	}
}

func (p *pinging) fail(msg string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.failures = append(p.failures, msg)
}

// stop ends the pings and fails the test with every answer that was
// neither the old configuration's nor the new one's.
func (p *pinging) stop(t *testing.T) {
	t.Helper()
	close(p.done)
	p.wg.Wait()
	for _, f := range p.failures {
		t.Error("during the Secret update: " + f)
	}
	t.Logf("%d requests during and after the update", p.sent.Load())
}
