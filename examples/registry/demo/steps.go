package main

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// The recipe's users.
var (
	pusher = &authn.Basic{Username: "testuserpush", Password: "testpasswordpush"}
	reader = &authn.Basic{Username: "testuser", Password: "testpassword"}
)

// steps are the recipe's steps 2 to 4 as its users take them, with a
// real registry client in place of docker.
func steps(st *stack.Stack, out io.Writer) error {
	ref, err := name.ParseReference(stack.Host + ":5043/test:latest")
	if err != nil {
		return err
	}
	img, err := random.Image(1<<20, 3)
	if err != nil {
		return err
	}
	pushed, _ := img.Digest()
	tr := remote.WithTransport(st.Transport())
	if err := login(st, pusher, "2.", out); err != nil {
		return err
	}
	if err := remote.Write(ref, img, remote.WithAuth(pusher), tr); err != nil {
		return fmt.Errorf("2. push as testuserpush: %w", err)
	}
	fmt.Fprintf(out, "2. docker push %s as testuserpush: pushed %s (3 layers of 1 MiB); testuserpush is in group pusher\n", ref, pushed)
	if err := login(st, reader, "3.", out); err != nil {
		return err
	}
	pulled, err := remote.Image(ref, remote.WithAuth(reader), tr)
	if err != nil {
		return fmt.Errorf("3. pull as testuser: %w", err)
	}
	if d, _ := pulled.Digest(); d != pushed {
		return fmt.Errorf("3. pull as testuser: got %s, pushed %s", d, pushed)
	}
	fmt.Fprintf(out, "3. docker pull %s as testuser: the same digest %s\n", ref, pushed)
	other, _ := random.Image(1024, 1)
	err = remote.Write(ref, other, remote.WithAuth(reader), tr)
	var terr *transport.Error
	if !errors.As(err, &terr) || terr.StatusCode != http.StatusUnauthorized {
		return fmt.Errorf("4. push as testuser was not refused with 401: %v", err)
	}
	fmt.Fprintf(out, "4. docker push %s as testuser: refused with 401, as Apache refuses a signed-in user outside the group\n", ref)
	return nil
}

// login does what `docker login` does: it pings /v2/, is challenged, and
// signs in.
func login(st *stack.Stack, user *authn.Basic, step string, out io.Writer) error {
	client := &http.Client{Transport: st.Transport(), Timeout: 30 * time.Second}
	url := "https://" + stack.Host + ":5043/v2/"
	resp, err := client.Get(url)
	if err != nil {
		return fmt.Errorf("%s ping %s: %w", step, url, err)
	}
	resp.Body.Close()
	challenge := resp.Header.Get("WWW-Authenticate")
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.SetBasicAuth(user.Username, user.Password)
	signed, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s sign in as %s: %w", step, user.Username, err)
	}
	signed.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || signed.StatusCode != http.StatusOK {
		return fmt.Errorf("%s docker login as %s: /v2/ answered %s, then %s signed in", step, user.Username, resp.Status, signed.Status)
	}
	fmt.Fprintf(out, "%s docker login %s:5043 as %s: GET /v2/ challenged (401, WWW-Authenticate: %s), then 200 signed in\n",
		step, stack.Host, user.Username, challenge)
	return nil
}
