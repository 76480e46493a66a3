package server

import (
	"crypto/tls"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/accesslog"
	"github.com/gohttpd/gohttpd/server/auth"
	"github.com/gohttpd/gohttpd/server/headers"
	"github.com/gohttpd/gohttpd/server/http1"
	"github.com/gohttpd/gohttpd/server/proxy"
	"github.com/gohttpd/gohttpd/server/route"
	"github.com/gohttpd/gohttpd/server/tlsconf"
)

// site is the main server or one virtual host, ready to serve: Apache's
// server_rec with what each module built from it at start.
type site struct {
	gen     *generation
	conf    *directives.Server
	addrs   []vhostAddr
	name    string // ServerName, as Apache names a server without one
	timeout time.Duration
	limits  http1.Limits // for reading requests on connections it is the default of
	// reqTimeout bounds reading a request's head (as the connection's
	// default server) and body (as the request's server).
	reqTimeout directives.ReqTimeoutConfig
	tls        *tls.Config // nil: plain HTTP
	router     *route.Router
	proxy      *proxy.Proxy
	early      *headers.Headers // the server's own Header actions, for early ones
	logs       []*accessLog
	// logHeaders is set when a log's format prints headers: only then
	// are they copied for it.
	logHeaders bool

	dirs sync.Map // *directives.DirConfig → *dirPipeline
}

// dirPipeline is what a merged per-directory config needs at request
// time, built on its first request.
type dirPipeline struct {
	checker *auth.Checker
	err     error // the config cannot be run: its requests get 500
	headers *headers.Headers
}

// accessLog is one CustomLog of a site with its compiled format.
type accessLog struct {
	conf   *directives.CustomLog
	format *accesslog.Format
	out    *logTarget
}

func newSite(g *generation, conf *directives.Server) (*site, error) {
	cfg, s := g.cfg, g.srv
	st := &site{gen: g, conf: conf, name: serverName(cfg, conf), timeout: conf.Core.EffectiveTimeout(), limits: limitsOf(&conf.Core),
		reqTimeout: reqTimeouts(cfg, conf)}
	var err error
	if conf.Virtual {
		if st.addrs, err = resolveVhostAddrs(conf); err != nil {
			return nil, err
		}
	}
	main := cfg.Main
	if st.router, err = route.New(conf, main); err != nil {
		return nil, fmt.Errorf("%s: %w", where(conf), err)
	}
	if sslOn(cfg, conf) {
		if st.tls, err = tlsconf.Build(&conf.SSL, s.opts.Files, nil); err != nil {
			return nil, fmt.Errorf("%s: %w", where(conf), err)
		}
	}
	timeout := conf.Proxy.Timeout
	if timeout == 0 {
		timeout = st.timeout
	}
	st.proxy = proxy.New(&conf.Proxy, timeout, proxy.Options{Dial: s.opts.Dial})
	st.early = headers.New(&conf.Dir.Headers)
	for _, l := range conf.Log.Active() {
		out, err := g.logs.target(l.Target, l.File, l.Line)
		if err != nil {
			return nil, err
		}
		f := accesslog.New(conf.Log.Format(l))
		st.logs = append(st.logs, &accessLog{conf: l, format: f, out: out})
		st.logHeaders = st.logHeaders || f.ReadsHeaders()
	}
	return st, nil
}

func (st *site) close() { st.proxy.Close() }

// pipeline returns the request-time pieces of dir, building them once.
func (st *site) pipeline(dir *directives.DirConfig) *dirPipeline {
	if p, ok := st.dirs.Load(dir); ok {
		return p.(*dirPipeline)
	}
	p := &dirPipeline{headers: headers.New(&dir.Headers)}
	p.checker, p.err = auth.New(dir, st.gen.srv.auth)
	actual, _ := st.dirs.LoadOrStore(dir, p)
	return actual.(*dirPipeline)
}

// sslOn reports whether mod_ssl speaks TLS for a server: SSLEngine on, or
// unset with a certificate on a port whose protocol is https.
func sslOn(cfg *directives.Config, conf *directives.Server) bool {
	switch conf.SSL.Engine {
	case directives.SSLEngineOn:
		return true
	case directives.SSLEngineOff:
		return false
	}
	if len(conf.SSL.CertificateFiles) == 0 {
		return false
	}
	for _, l := range cfg.Listeners {
		if l.Protocol == "https" || (l.Protocol == "" && l.Port == 443) {
			if !conf.Virtual {
				return true
			}
			for _, a := range conf.Addrs {
				if a.Port == 0 || a.Port == l.Port {
					return true
				}
			}
		}
	}
	return false
}

// serverName is the name Apache gives a server: its ServerName, for a
// virtual host without one the main server's, and for a main server
// without one the machine's (AH00558).
func serverName(cfg *directives.Config, conf *directives.Server) string {
	if n := conf.Core.ServerName; n != "" {
		return n
	}
	if n := cfg.Main.Core.ServerName; n != "" {
		return n
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "localhost"
}

// where names a server for an error: its <VirtualHost> line or the main
// configuration.
func where(conf *directives.Server) string {
	if conf.Virtual {
		return fmt.Sprintf("%s:%d: <VirtualHost>", conf.File, conf.Line)
	}
	return "main server"
}
