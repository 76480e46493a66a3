package proxy

import (
	"context"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/headers"
	"github.com/gohttpd/gohttpd/server/route"
)

// Options configure how a Proxy reaches backends.
type Options struct {
	// Dial connects to a backend ("tcp", "registry:5000"); nil: a
	// net.Dialer. The command maps --add-host NAME:IP here, and tests map
	// names to their backend's real address.
	Dial func(ctx context.Context, network, addr string) (net.Conn, error)
}

// Proxy forwards the requests of one server (the main server or a virtual
// host) to their backends, over a pool of keep-alive connections it keeps
// per backend.
type Proxy struct {
	pool *pool
	// timeouts are the server's: ProxyTimeout, or the core Timeout.
	timeouts timeouts
	// workers is set when a worker has timeouts of its own (timeout=,
	// connectiontimeout=): each request then finds its worker, as Apache
	// does. Unset, no request pays for the search.
	workers *directives.ProxyServerConfig
	bufSize int
	via     directives.ProxyVia
	badHdr  directives.ProxyBadHeader
	// bufs keeps copy buffers of bufSize between requests: most answers
	// are small, and a buffer made per request is most of what a request
	// allocates.
	bufs sync.Pool
}

// minCopyBuffer is the least buffer the answer is copied through: Apache
// reads ProxyIOBufferSize (8 KiB by default) at a time, which costs Go a
// write per 8 KiB; a larger buffer still bounds memory per request.
const minCopyBuffer = 32 << 10

// New builds the proxy of one server (main or virtual host): one pooled
// keep-alive transport per server, reused across requests. timeout is the
// server's ProxyTimeout, or its core Timeout when ProxyTimeout is unset; it
// bounds connecting and each read or write on a backend connection, as
// Apache's socket timeout does, unless the backend's worker sets its own
// (ProxyPass … timeout=N connectiontimeout=N).
func New(cfg *directives.ProxyServerConfig, timeout time.Duration, opts Options) *Proxy {
	dial := opts.Dial
	if dial == nil {
		dial = (&net.Dialer{}).DialContext
	}
	p := &Proxy{
		pool:     newPool(dial),
		timeouts: timeouts{connect: timeout, io: timeout},
		bufSize:  max(int(cfg.EffectiveIOBufferSize()), minCopyBuffer),
		via:      cfg.Via,
		badHdr:   cfg.BadHeader,
	}
	for _, w := range cfg.Workers {
		if w.Params.ConnectionTimeout > 0 || w.Params.Timeout > 0 && w.Params.Timeout != timeout {
			p.workers = cfg
			break
		}
	}
	return p
}

// timeouts bound a backend connection: connecting, and each read or write
// on it (Apache's socket timeout, set per operation).
type timeouts struct{ connect, io time.Duration }

// timeoutsFor returns the timeouts for a backend URL as Apache's
// ap_proxy_connect_backend chooses them: the worker's timeout= (which
// took the server's ProxyTimeout when the worker was defined after it),
// else the server's; connecting takes connectiontimeout= before those.
func (p *Proxy) timeoutsFor(url string) timeouts {
	t := p.timeouts
	if p.workers == nil {
		return t
	}
	w := p.workers.FindWorker(url)
	if w == nil {
		return t
	}
	if w.Params.Timeout > 0 {
		t = timeouts{connect: w.Params.Timeout, io: w.Params.Timeout}
	}
	if w.Params.ConnectionTimeout > 0 {
		t.connect = w.Params.ConnectionTimeout
	}
	return t
}

// buffer returns a copy buffer of bufSize from the pool.
func (p *Proxy) buffer() *[]byte {
	if b, ok := p.bufs.Get().(*[]byte); ok {
		return b
	}
	b := make([]byte, p.bufSize)
	return &b
}

// Close releases idle backend connections. Requests in flight finish; the
// connections they hold are closed instead of pooled.
func (p *Proxy) Close() { p.pool.close() }

// Request is one request to forward.
type Request struct {
	// HTTP is the request as received; its Header holds the lines of
	// Apache's r->headers_in after RequestHeader (mod_headers fixups):
	// each value one line sent, the client's repeated lines merged into
	// one value with ", " as Apache merges them when reading.
	HTTP *http.Request
	// Header, when set, is r->headers_in itself in its order (as read,
	// then RequestHeader); the backend gets the lines in that order, as
	// Apache sends them. Unset: HTTP.Header's, names sorted.
	Header headers.Table
	// Target is where it goes.
	Target *route.Proxy
	// Dir is the merged per-directory proxy config (PreserveHost,
	// AddHeaders, Reverse, …).
	Dir *directives.ProxyDirConfig
	// ServerName is the virtual host's ServerName, for X-Forwarded-Server
	// and Via.
	ServerName string
	// ClientIP is the client's address, for X-Forwarded-For.
	ClientIP string
	// Authenticated is set when the request carries an authenticated user
	// (Apache's r->user): Proxy-Authorization is then not forwarded.
	Authenticated bool
	// Base is where ProxyPassReverse puts a rewritten path: the server's
	// public "scheme://host[:port]" as Apache's ap_construct_url builds it
	// (see PublicBase). Empty: the path is left relative.
	Base string
	// Port is the server's public port (Apache's ap_get_server_port), for
	// ProxyVia; 0 names none.
	Port int
	// BodyReady, when set, reports whether more of the body can be read
	// at once, without waiting for the client: a body with a length then
	// goes on to the backend in writes of what has arrived, not one per
	// read. Unset: each read is written as it comes.
	BodyReady func() bool
}

// Forward sends req to its backend and writes the answer to w. Before
// writing the answer's headers it calls prepare with the backend's status
// and headers (in the backend's order, as a headers.Table, hop-by-hop
// headers removed, ProxyPassReverse applied) and writes the table prepare
// returns (that is where the server runs mod_headers' output filter); a
// nil table from prepare drops the answer, and Forward returns a 500
// *Error with no Reason (the server logged why). It returns nil when the answer went out; an *Error when the backend could
// not be reached or gave no valid answer before anything was written
// (Status: the status Apache answers then, 502/503/504; Reason: the AH…
// error Apache logs), and the server then writes Apache's error page; and
// an *Error with Written true when the transfer broke after the headers
// went out (the server then aborts the connection so the client sees an
// incomplete answer, never a complete-looking truncated one).
func (p *Proxy) Forward(w http.ResponseWriter, req *Request, prepare func(status int, h headers.Table) headers.Table) *Error {
	if req.Target.Scheme != "http" {
		return &Error{Status: http.StatusInternalServerError,
			Reason: "AH01112: HTTP: declining URL " + req.Target.URL + " (" + req.Target.Scheme + " backends are not implemented)"}
	}
	body, err := planBody(req)
	if err != nil {
		return err
	}
	x := &exchange{p: p, req: req, body: body}
	resp, err := x.send()
	if err != nil {
		return err
	}
	return x.answer(w, resp, prepare)
}
