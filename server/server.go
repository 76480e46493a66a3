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
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/auth"
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
	cfg   *directives.Config
	opts  Options
	main  *site
	vhost []*site // in config order
	ports []*port // one per Listen, in config order
	logs  *logSet
	auth  *auth.Env // the password and group files and the credential cache
	http  *http.Server

	mu        sync.Mutex
	listeners []net.Listener
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
	s := &Server{cfg: cfg, opts: opts, auth: auth.NewEnv(opts.Files, opts.AuthCache)}
	logs, err := openLogs(cfg, opts)
	if err != nil {
		return nil, err
	}
	s.logs = logs
	if s.main, err = newSite(cfg, cfg.Main, s); err != nil {
		logs.Close()
		return nil, err
	}
	for _, v := range cfg.VirtualHosts {
		st, err := newSite(cfg, v, s)
		if err != nil {
			logs.Close()
			return nil, err
		}
		s.vhost = append(s.vhost, st)
	}
	if len(cfg.Listeners) == 0 {
		logs.Close()
		return nil, errors.New("AH00526: no listening sockets available, shutting down (no Listen directive)")
	}
	for _, l := range cfg.Listeners {
		s.ports = append(s.ports, &port{conf: l, srv: s})
	}
	main := &cfg.Main.Core
	s.http = &http.Server{
		Handler:           http.HandlerFunc(s.serveHTTP),
		ReadHeaderTimeout: main.EffectiveTimeout(),
		IdleTimeout:       main.EffectiveKeepAliveTimeout(),
		MaxHeaderBytes:    maxHeaderBytes(main),
		ConnContext:       connContext,
		ErrorLog:          s.logs.stdlog(),
	}
	s.http.SetKeepAlivesEnabled(main.EffectiveKeepAlive())
	return s, nil
}

// Bind opens the socket of every Listen directive without serving them
// yet, so a process started as root can bind privileged ports and then
// give up root before the first request (mod_unixd). On error nothing
// stays bound.
func (s *Server) Bind() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.listeners != nil {
		return nil
	}
	var bound []net.Listener
	for _, p := range s.ports {
		l, err := s.bind(p.conf)
		if err != nil {
			for _, b := range bound {
				b.Close()
			}
			return err
		}
		bound = append(bound, l)
	}
	s.listeners = bound
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
	for i, l := range s.listeners {
		go s.http.Serve(newPortListener(l, s.ports[i]))
	}
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
	out := make([]net.Addr, len(s.listeners))
	for i, l := range s.listeners {
		out[i] = l.Addr()
	}
	return out
}

// Shutdown stops accepting and waits for requests in flight to finish, or
// for ctx to end, as httpd's graceful stop.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.http.Shutdown(ctx)
	s.release()
	return err
}

// Close stops at once, breaking connections in flight.
func (s *Server) Close() error {
	err := s.http.Close()
	s.release()
	return err
}

func (s *Server) release() {
	for _, st := range append([]*site{s.main}, s.vhost...) {
		st.close()
	}
	s.logs.Close()
}

// maxHeaderBytes bounds a request's header block as Apache's limits on
// fields and their size do together.
func maxHeaderBytes(c *directives.CoreServerConfig) int {
	line, size, fields := 8190, 8190, 100
	if c.LimitRequestLine != nil {
		line = *c.LimitRequestLine
	}
	if c.LimitRequestFieldSize != nil {
		size = *c.LimitRequestFieldSize
	}
	if c.LimitRequestFields != nil && *c.LimitRequestFields > 0 {
		fields = *c.LimitRequestFields
	}
	return line + size*(fields+1)
}
