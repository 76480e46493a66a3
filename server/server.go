// Package server runs a configuration as Apache httpd would: it binds
// every Listen, speaks TLS where mod_ssl would, picks the virtual host of
// each connection and request, and takes each request through Apache's
// phases in order (see exchange.serve): translate and map (route), access,
// authentication and authorization (auth), fixups (RequestHeader), the
// handler (the proxy, or Apache's own error answer), the output filters
// (headers) and the access log.
//
// Everything is built from the model in New; serving compiles nothing and
// never sees directive text.
package server

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/auth"
	"github.com/gohttpd/gohttpd/server/status"
)

// Options say how a Server reaches the world around it. The zero value
// serves the configuration as written.
type Options struct {
	// Files maps the paths the configuration names to this machine
	// (--mount); nil reads them as named.
	Files *directives.Files
	// Listen opens the socket for one Listen directive; nil binds it as
	// configured. Tests bind 127.0.0.1:0 here: virtual hosts still match
	// the port the configuration names.
	Listen func(l directives.Listener) (net.Listener, error)
	// Dial connects to backends; nil uses a net.Dialer. The command maps
	// --add-host names here.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
	// Stdout and Stderr receive what the configuration logs to
	// /proc/self/fd/1 and 2 (or /dev/stdout and /dev/stderr); nil: the
	// process's own.
	Stdout, Stderr io.Writer
	// AuthCache configures the credential cache gohttpd adds to basic
	// authentication (--auth-cache); the zero value is the default cache.
	AuthCache auth.CacheOptions
}

// Server is a running configuration.
type Server struct {
	opts  Options
	auth  *auth.Env // the password and group files and the credential cache
	gen   atomic.Pointer[generation]
	conns connTracker
	// status is mod_status's board; it outlives reloads, as Apache's
	// scoreboard does.
	status *status.Board

	mu        sync.Mutex
	listeners map[string]*portListener // by listenKey
	serving   bool
}

// New builds the server cfg describes: TLS configurations, routers,
// authentication, proxies and logs. It binds nothing; Start does.
func New(cfg *directives.Config, opts Options) (*Server, error) {
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	s := &Server{opts: opts, auth: auth.NewEnv(opts.Files, opts.AuthCache), listeners: map[string]*portListener{},
		status: status.NewBoard(time.Now())}
	g, err := newGeneration(s, cfg)
	if err != nil {
		return nil, err
	}
	s.gen.Store(g)
	return s, nil
}

// Bind opens the socket of every Listen directive without serving them
// yet, so a process started as root can bind privileged ports and then
// give up root before the first request (mod_unixd). On error nothing
// new stays bound.
func (s *Server) Bind() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.bindAll(s.gen.Load())
}

// bindAll binds the ports of g not bound yet.
func (s *Server) bindAll(g *generation) error {
	added := map[string]*portListener{}
	for _, k := range g.keys {
		if _, ok := s.listeners[k]; ok {
			continue
		}
		l, err := s.bind(g.ports[k].conf)
		if err == nil && acceptFilterOn(g.cfg, g.ports[k].conf) {
			if derr := deferAccept(l); derr != nil {
				g.logs.startupWarning("AH00076: Failed to enable APR_TCP_DEFER_ACCEPT: " + derr.Error())
			}
		}
		if err != nil {
			for _, pl := range added {
				pl.Close()
			}
			return err
		}
		added[k] = newPortListener(l, s, k)
	}
	for k, pl := range added {
		s.listeners[k] = pl
		if s.serving {
			go s.serve(pl)
		}
	}
	return nil
}

// Start binds every listener (unless Bind did) and serves them; it
// returns once all accept connections, or with the first error.
func (s *Server) Start() error {
	if err := s.Bind(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.serving {
		s.serving = true
		for _, pl := range s.listeners {
			go s.serve(pl)
		}
	}
	return nil
}

// Reload switches to cfg as httpd's graceful restart: sockets whose
// address stays are kept, new ones bound, dropped ones closed; requests
// in flight finish under the configuration they started with, later ones
// get the new one. When cfg cannot be served, Reload returns why and the
// old configuration goes on.
func (s *Server) Reload(cfg *directives.Config) error {
	g, err := newGeneration(s, cfg)
	if err != nil {
		return err
	}
	s.mu.Lock()
	if err := s.bindAll(g); err != nil {
		s.mu.Unlock()
		g.close()
		return err
	}
	for k, pl := range s.listeners {
		if _, ok := g.ports[k]; !ok {
			pl.Close()
			delete(s.listeners, k)
		}
	}
	old := s.gen.Swap(g)
	s.mu.Unlock()
	old.retire()
	s.status.Reloaded(time.Now())
	return nil
}

// bind opens the socket of one Listen directive.
func (s *Server) bind(l directives.Listener) (net.Listener, error) {
	if s.opts.Listen != nil {
		return s.opts.Listen(l)
	}
	addr := net.JoinHostPort(l.Addr, fmt.Sprint(l.Port))
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("AH00072: make_sock: could not bind to address %s (%s:%d): %w", addr, l.File, l.Line, err)
	}
	return ln, nil
}

// Addrs returns the bound addresses, in the order of the Listen
// directives.
func (s *Server) Addrs() []net.Addr {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []net.Addr
	for _, k := range s.gen.Load().keys {
		if pl, ok := s.listeners[k]; ok {
			out = append(out, pl.Addr())
		}
	}
	return out
}

// Shutdown stops accepting and waits for requests in flight to finish, or
// for ctx to end, as httpd's graceful stop: idle connections close at
// once, busy ones after their answer.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closeListeners()
	s.conns.drain(false)
	done := make(chan struct{})
	go func() {
		s.conns.wg.Wait()
		close(done)
	}()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		s.conns.drain(true)
		err = ctx.Err()
	}
	s.gen.Load().retire()
	return err
}

// Close stops at once, breaking connections in flight.
func (s *Server) Close() error {
	s.closeListeners()
	s.conns.drain(true)
	s.gen.Load().retire()
	return nil
}

// closeListeners stops accepting on every port.
func (s *Server) closeListeners() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, pl := range s.listeners {
		pl.Close()
	}
}

// current returns the generation a new request is served by, counted
// in; nil once the server is closed. A reload stores the new generation
// before it retires the old, so a retired generation still current means
// no other will come, and looping for one would spin for ever.
func (s *Server) current() *generation {
	for {
		g := s.gen.Load()
		if g.acquire() {
			return g
		}
		if s.gen.Load() == g {
			return nil
		}
	}
}
