// Package stack runs the registry recipe's whole stack in one process: a
// real registry (the distribution project's, as the recipe's registry
// container) behind gohttpd serving the recipe's unchanged httpd.conf
// with the recipe's auth directory mounted where the httpd:2.4 image
// reads it. The quick-start demo and the end-to-end tests use it; the
// gohttpd command never links it.
package stack

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry/handlers"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/filesystem" // the registry's storage
	"github.com/sirupsen/logrus"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server"
)

// Host is the name the recipe's certificate and clients use.
const Host = "myregistrydomain.com"

// confDir is where the httpd:2.4 image reads its configuration, and where
// the recipe's docker-compose.yml mounts ./auth.
const confDir = "/usr/local/apache2/conf"

// Options say where the stack's parts live.
type Options struct {
	// AuthDir is the recipe's auth directory: httpd.conf, domain.crt,
	// domain.key, httpd.htpasswd and httpd.groups.
	AuthDir string
	// Listen is where gohttpd binds the recipe's "Listen 5043", as
	// host:port ("127.0.0.1:0" picks a free port).
	Listen string
	// Storage is the registry's storage directory.
	Storage string
	// Log receives gohttpd's access and error logs (the recipe sends both
	// to the container's output); nil discards them.
	Log io.Writer
}

// Stack is the registry and gohttpd in front of it.
type Stack struct {
	// Registry is the registry's plain-HTTP address; Addr is gohttpd's
	// TLS address for the recipe's port 5043.
	Registry, Addr string
	// Server is gohttpd serving the recipe.
	Server   *server.Server
	roots    *x509.CertPool
	registry *http.Server
}

// Start starts the registry, then gohttpd with the recipe's httpd.conf,
// its "registry:5000" backend dialed to the registry.
func Start(ctx context.Context, o Options) (*Stack, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	st := &Stack{}
	if err := st.startRegistry(ctx, o.Storage); err != nil {
		return nil, err
	}
	if err := st.startGohttpd(o); err != nil {
		st.registry.Close()
		return nil, err
	}
	return st, nil
}

// registryConfig is the registry:3 image's configuration as far as one
// process needs it: filesystem storage with the in-memory descriptor
// cache, the nosniff header, no upload purging (storage is thrown away).
// The registry's own parser reads it, so every default is the image's.
const registryConfig = `version: 0.1
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: %q
  maintenance:
    uploadpurging:
      enabled: false
http:
  headers:
    X-Content-Type-Options: [nosniff]
`

// startRegistry serves the distribution registry on 127.0.0.1.
func (st *Stack) startRegistry(ctx context.Context, storage string) error {
	cfg, err := configuration.Parse(strings.NewReader(fmt.Sprintf(registryConfig, storage)))
	if err != nil {
		return fmt.Errorf("registry configuration: %w", err)
	}
	logrus.SetOutput(io.Discard) // the registry's request log; gohttpd logs the same requests
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("registry: %w", err)
	}
	st.Registry = l.Addr().String()
	st.registry = &http.Server{Handler: handlers.NewApp(ctx, cfg)}
	go st.registry.Serve(l)
	return nil
}

// startGohttpd serves the recipe's httpd.conf as the httpd:2.4 image
// would, with the auth directory mounted over its conf directory.
func (st *Stack) startGohttpd(o Options) error {
	mount := directives.Mount{Source: o.AuthDir, Target: confDir}
	cfg, err := directives.Load(directives.Options{
		ServerRoot: "/usr/local/apache2",
		File:       "conf/httpd.conf",
		Mounts:     []directives.Mount{mount},
	})
	if err != nil {
		return fmt.Errorf("gohttpd: %w", err)
	}
	pem, err := os.ReadFile(filepath.Join(o.AuthDir, "domain.crt"))
	if err != nil {
		return err
	}
	st.roots = x509.NewCertPool()
	if !st.roots.AppendCertsFromPEM(pem) {
		return errors.New("domain.crt holds no certificate")
	}
	var d net.Dialer
	st.Server, err = server.New(cfg, server.Options{
		Files:  &directives.Files{Mounts: []directives.Mount{mount}},
		Listen: func(directives.Listener) (net.Listener, error) { return net.Listen("tcp", o.Listen) },
		Dial: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if addr == "registry:5000" { // the recipe's backend, a compose link
				addr = st.Registry
			}
			return d.DialContext(ctx, network, addr)
		},
		Stdout: o.Log,
		Stderr: o.Log,
	})
	if err != nil {
		return fmt.Errorf("gohttpd: %w", err)
	}
	if err := st.Server.Start(); err != nil {
		st.Server.Close()
		return fmt.Errorf("gohttpd: %w", err)
	}
	st.Addr = st.Server.Addrs()[0].String()
	return nil
}

// Transport is how a client on this machine reaches the stack as the
// recipe's users reach it: https://myregistrydomain.com:5043, with the
// recipe's certificate trusted.
func (st *Stack) Transport() *http.Transport {
	return clientTransport(st.Addr, st.roots)
}

// clientTransport connects every request to addr, verifying the server as
// myregistrydomain.com against roots.
func clientTransport(addr string, roots *x509.CertPool) *http.Transport {
	var d net.Dialer
	return &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: Host},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
	}
}

// Shutdown stops gohttpd gracefully, then the registry.
func (st *Stack) Shutdown(ctx context.Context) error {
	err := st.Server.Shutdown(ctx)
	return errors.Join(err, st.registry.Shutdown(ctx))
}

// Close stops both at once.
func (st *Stack) Close() {
	st.Server.Close()
	st.registry.Close()
}
