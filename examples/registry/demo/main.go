// Command demo brings the registry recipe up on this machine with nothing
// but Go: a real registry (the distribution project's, in-process, with
// temporary storage) behind gohttpd serving the recipe's unchanged
// httpd.conf with the example's auth directory, then walks through the
// recipe's steps with a real registry client and keeps serving for you to
// try until Ctrl-C.
//
//	go run ./examples/registry/demo [-listen 127.0.0.1:5043] [-auth examples/registry] [-once] [-log]
//
// When the auth directory has no httpd.conf (run away from the
// repository), the demo makes one as the recipe's setup does: the recipe's
// httpd.conf, a fresh certificate and the recipe's two users.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// options are the demo's flags.
type options struct {
	listen, auth string
	once, log    bool
}

func main() {
	var o options
	flag.StringVar(&o.listen, "listen", "127.0.0.1:5043", "where gohttpd serves the recipe's port 5043")
	flag.StringVar(&o.auth, "auth", "examples/registry", "the recipe's auth directory (httpd.conf, certificate, users, groups)")
	flag.BoolVar(&o.once, "once", false, "stop after the recipe's steps")
	flag.BoolVar(&o.log, "log", false, "show gohttpd's access and error logs")
	flag.Parse()
	if err := run(o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

// run brings the stack up, walks through the recipe's steps, printing
// each to out, and serves until interrupted (or returns, with once).
func run(o options, out io.Writer) error {
	tmp, err := os.MkdirTemp("", "gohttpd-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	auth, err := authDir(o.auth, tmp, out)
	if err != nil {
		return err
	}
	var log io.Writer = io.Discard
	if o.log {
		log = out
	}
	storage := filepath.Join(tmp, "registry")
	st, err := stack.Start(context.Background(), stack.Options{AuthDir: auth, Listen: o.listen, Storage: storage, Log: log})
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Fprintf(out, "1. docker compose up: the registry at http://%s (storage %s); gohttpd serving %s with %s mounted at /usr/local/apache2/conf, its port 5043 on %s\n",
		st.Registry, storage, filepath.Join(auth, "httpd.conf"), auth, st.Addr)
	if err := steps(st, out); err != nil {
		return err
	}
	if o.once {
		return st.Shutdown(context.Background())
	}
	if err := tryIt(st, auth, tmp, out); err != nil {
		return err
	}
	return serve(st, out)
}

// authDir is dir when it holds the recipe's httpd.conf; otherwise a fresh
// auth directory made under tmp as the recipe's setup makes one.
func authDir(dir, tmp string, out io.Writer) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, "httpd.conf")); err == nil {
		return filepath.Abs(dir)
	}
	fresh := filepath.Join(tmp, "auth")
	if err := os.Mkdir(fresh, 0o700); err != nil {
		return "", err
	}
	if err := stack.WriteAuthDir(fresh); err != nil {
		return "", err
	}
	fmt.Fprintf(out, "0. no httpd.conf in %s: made the recipe's auth directory in %s (its httpd.conf, a fresh certificate, testuser and testuserpush)\n", dir, fresh)
	return fresh, nil
}

// serve waits for Ctrl-C or SIGTERM, then stops gracefully: requests in
// flight finish.
func serve(st *stack.Stack, out io.Writer) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	fmt.Fprintln(out, "stopping: requests in flight finish")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return st.Shutdown(ctx)
}
