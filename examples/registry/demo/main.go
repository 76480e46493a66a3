// Command demo brings the registry recipe up on this machine with nothing
// but Go: a real registry (the distribution project's, in-process) behind
// gohttpd serving the recipe's unchanged httpd.conf with the example's
// auth directory, then walks through the recipe's steps with a real
// registry client and keeps serving for you to try.
//
//	go run ./examples/registry/demo [-listen 127.0.0.1:5043] [-auth examples/registry] [-once]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:5043", "where gohttpd serves the recipe's port 5043")
	auth := flag.String("auth", "examples/registry", "the recipe's auth directory (httpd.conf, certificate, users, groups)")
	once := flag.Bool("once", false, "stop after the recipe's steps")
	verbose := flag.Bool("log", false, "show gohttpd's access and error logs")
	flag.Parse()
	if err := run(*listen, *auth, *once, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(listen, auth string, once, verbose bool) error {
	storage, err := os.MkdirTemp("", "gohttpd-demo-registry-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(storage)
	var log io.Writer = io.Discard
	if verbose {
		log = os.Stdout
	}
	st, err := stack.Start(context.Background(), stack.Options{AuthDir: auth, Listen: listen, Storage: storage, Log: log})
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Printf("1. up: a registry at http://%s, gohttpd serving %s/httpd.conf at https://%s:5043 (bound to %s)\n",
		st.Registry, auth, stack.Host, st.Addr)
	if err := steps(st); err != nil {
		return err
	}
	if once {
		return nil
	}
	tryIt(st, auth)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return st.Shutdown(ctx)
}

// steps are the recipe's steps 2 to 4 with a real registry client.
func steps(st *stack.Stack) error {
	tr := remote.WithTransport(st.Transport())
	ref, err := name.ParseReference(stack.Host + ":5043/test:latest")
	if err != nil {
		return err
	}
	img, err := random.Image(1<<20, 3)
	if err != nil {
		return err
	}
	pushed, _ := img.Digest()
	pusher := &authn.Basic{Username: "testuserpush", Password: "testpasswordpush"}
	if err := remote.Write(ref, img, remote.WithAuth(pusher), tr); err != nil {
		return fmt.Errorf("2. push as testuserpush: %w", err)
	}
	fmt.Printf("2. testuserpush pushed %s (%s): allowed, pushers are in group pusher\n", ref, pushed)
	reader := &authn.Basic{Username: "testuser", Password: "testpassword"}
	pulled, err := remote.Image(ref, remote.WithAuth(reader), tr)
	if err != nil {
		return fmt.Errorf("3. pull as testuser: %w", err)
	}
	if d, _ := pulled.Digest(); d != pushed {
		return fmt.Errorf("3. pull as testuser: got %s, pushed %s", d, pushed)
	}
	fmt.Printf("3. testuser pulled %s: the same digest\n", ref)
	other, _ := random.Image(1024, 1)
	err = remote.Write(ref, other, remote.WithAuth(reader), tr)
	var terr *transport.Error
	if !errors.As(err, &terr) || terr.StatusCode != http.StatusUnauthorized {
		return fmt.Errorf("4. push as testuser was not refused with 401: %v", err)
	}
	fmt.Println("4. testuser's push was refused: 401, as Apache answers a signed-in user outside the group")
	return nil
}

// tryIt prints commands to try against the running stack.
func tryIt(st *stack.Stack, auth string) {
	host, port := stack.Host, st.Addr[len("127.0.0.1:"):]
	fmt.Printf(`
Serving until Ctrl-C. Try it (the name %[1]s must reach 127.0.0.1):
  curl --cacert %[3]s/domain.crt --resolve %[1]s:%[2]s:127.0.0.1 https://%[1]s:%[2]s/v2/                     # 401 and the realm
  curl --cacert %[3]s/domain.crt --resolve %[1]s:%[2]s:127.0.0.1 -u testuser:testpassword https://%[1]s:%[2]s/v2/_catalog
  echo "127.0.0.1 %[1]s" >> /etc/hosts   # then, for example:
  crane auth login %[1]s:%[2]s -u testuserpush -p testpasswordpush && crane copy busybox %[1]s:%[2]s/busybox
  skopeo inspect --tls-verify=false --creds testuser:testpassword docker://%[1]s:%[2]s/test:latest
  docker login %[1]s:%[2]s   (docker trusts the certificate once it is in /etc/docker/certs.d/%[1]s:%[2]s/ca.crt)
`, host, port, auth)
}
