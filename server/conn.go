package server

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/http1"
)

// conn is one client connection, serving its requests one after another
// as Apache's HTTP/1.x connection handler (ap_process_http_sync_connection).
type conn struct {
	srv   *Server
	c     net.Conn
	state *connState
	io    *timedConn
	br    *bufio.Reader
	bw    *bufio.Writer

	mu   sync.Mutex
	idle bool // waiting for a request: Shutdown may close it
	// remote is the client's address as text, made on the first request.
	remote string
}

// remoteAddr is the client's address, host and port, as text.
func (cn *conn) remoteAddr() string {
	if cn.remote == "" {
		cn.remote = cn.c.RemoteAddr().String()
	}
	return cn.remote
}

// timedConn gives every read and write on a connection Timeout to
// complete, as Apache sets the socket's timeout: a client that stops
// sending or stops reading is dropped, while a long upload or download
// that keeps moving goes on.
type timedConn struct {
	net.Conn
	timeout atomic.Int64 // time.Duration; 0: none
	guard   readGuard    // mod_reqtimeout's stage, if one runs
	// records is the connection under TLS, where the records of a write
	// longer than one record are gathered into one; nil without TLS.
	records *stateConn
	// onGuard is told when a read failed on the guard's deadline.
	onGuard func(stage string)
}

func (t *timedConn) Read(p []byte) (int, error) {
	var deadline time.Time
	if d := time.Duration(t.timeout.Load()); d > 0 {
		deadline = time.Now().Add(d)
	}
	deadline, stage := t.guard.deadline(deadline)
	_ = t.Conn.SetReadDeadline(deadline)
	n, err := t.Conn.Read(p)
	t.guard.read(n)
	if err != nil && stage != "" && timedOutErr(err) && t.onGuard != nil {
		t.onGuard(stage)
	}
	return n, err
}

func (t *timedConn) Write(p []byte) (int, error) {
	if d := time.Duration(t.timeout.Load()); d > 0 {
		_ = t.Conn.SetWriteDeadline(time.Now().Add(d))
	}
	if t.records == nil || len(p) <= maxRecordPayload {
		return t.Conn.Write(p)
	}
	t.records.gather()
	n, err := t.Conn.Write(p)
	if rerr := t.records.release(); err == nil && rerr != nil {
		return 0, rerr
	}
	return n, err
}

// maxRecordPayload is the most one TLS record carries.
const maxRecordPayload = 16 << 10

// maxRecord is the most one TLS record takes on the wire: its header,
// the payload and what TLS 1.3 allows for padding and the tag.
const maxRecord = 5 + maxRecordPayload + 256

// connTracker holds the open connections, for Shutdown and Close.
type connTracker struct {
	mu      sync.Mutex
	conns   map[*conn]struct{}
	closing bool // Shutdown began: idle connections end
	wg      sync.WaitGroup
}

func (t *connTracker) add(c *conn) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closing {
		return false
	}
	if t.conns == nil {
		t.conns = map[*conn]struct{}{}
	}
	t.conns[c] = struct{}{}
	t.wg.Add(1)
	return true
}

func (t *connTracker) remove(c *conn) {
	t.mu.Lock()
	delete(t.conns, c)
	t.mu.Unlock()
	t.wg.Done()
}

// drain ends idle connections and makes busy ones end after their
// request; all closes every connection at once.
func (t *connTracker) drain(all bool) {
	t.mu.Lock()
	t.closing = true
	for c := range t.conns {
		c.mu.Lock()
		if all || c.idle {
			c.c.Close()
		}
		c.mu.Unlock()
	}
	t.mu.Unlock()
}

func (t *connTracker) draining() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.closing
}

// serve accepts a listener's connections until it closes.
func (s *Server) serve(pl *portListener) {
	for {
		c, err := pl.Accept()
		if err != nil {
			return
		}
		cn := &conn{srv: s, c: c, state: connStateOf(c)}
		if !s.conns.add(cn) {
			c.Close()
			continue
		}
		go cn.serve()
	}
}

// connStateOf finds the state prepare gave a connection.
func connStateOf(c net.Conn) *connState {
	if sc := rawConn(c); sc != nil {
		return sc.state
	}
	return &connState{}
}

// rawConn is the stateConn beneath c, under TLS or not; nil if none.
func rawConn(c net.Conn) *stateConn {
	if t, ok := c.(*tls.Conn); ok {
		c = t.NetConn()
	}
	sc, _ := c.(*stateConn)
	return sc
}

func (cn *conn) serve() {
	defer cn.srv.conns.remove(cn)
	defer cn.c.Close()
	if !cn.handshake() {
		return
	}
	cn.io = &timedConn{Conn: cn.c, onGuard: func(stage string) {
		cn.srv.connError("AH01382: Request " + stage + " read timeout")
	}}
	if _, ok := cn.c.(*tls.Conn); ok {
		cn.io.records = rawConn(cn.c)
	}
	cn.br = connReaders.Get().(*bufio.Reader)
	cn.br.Reset(cn.io)
	cn.bw = connWriters.Get().(*bufio.Writer)
	cn.bw.Reset(cn.io)
	// A read returns at once when any byte waits, or under TLS a whole
	// record.
	whole := 1
	if cn.io.records != nil {
		whole = maxRecord
	}
	cn.state.socketReady = socketReady(rawConn(cn.c), whole)
	for cn.next() {
	}
	// Nothing reads or writes the connection once its last request is
	// served; the buffers go to the next one.
	cn.br.Reset(nil)
	connReaders.Put(cn.br)
	cn.bw.Reset(nil)
	connWriters.Put(cn.bw)
}

// connReaders and connWriters keep connections' buffers between them:
// with keep-alive off every request is a connection of its own.
var (
	connReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 8192) }}
	connWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 32<<10) }}
)

// handshake runs the TLS handshake of a TLS connection within Timeout.
func (cn *conn) handshake() bool {
	tc, ok := cn.c.(*tls.Conn)
	if !ok {
		return true
	}
	g := cn.srv.gen.Load()
	def := g.byName(cn.state.chain, "")
	_ = cn.c.SetDeadline(time.Now().Add(def.timeout))
	err := tc.HandshakeContext(context.Background())
	_ = cn.c.SetDeadline(time.Time{})
	if err != nil {
		cn.srv.connError("TLS handshake error from " + cn.c.RemoteAddr().String() + ": " + err.Error())
		return false
	}
	st := tc.ConnectionState()
	cn.state.tls = &st
	return true
}

// setIdle marks the connection as waiting for a request; false when the
// server is stopping and it should end.
func (cn *conn) setIdle(idle bool) bool {
	cn.mu.Lock()
	cn.idle = idle
	cn.mu.Unlock()
	return !(idle && cn.srv.conns.draining())
}

// next serves the connection's next request; false when the connection
// is done.
func (cn *conn) next() bool {
	cs := cn.state
	// Between requests the client has KeepAliveTimeout to start the
	// next; a request, once begun, has Timeout for each read. The
	// configuration serving it is taken once it begins, so a connection
	// idle across a reload gets the new one.
	ref := cn.srv.gen.Load()
	cs.refresh(ref)
	wait := ref.byName(cs.chain, "").timeout
	if cs.requests > 0 {
		wait = ref.byName(cs.chain, "").conf.Core.EffectiveKeepAliveTimeout()
	}
	if !cn.setIdle(true) {
		return false
	}
	cn.io.timeout.Store(int64(wait))
	if cs.requests == 0 {
		// A new connection's first byte is already part of its head
		// (mod_reqtimeout waits with KeepAliveTimeout only between
		// requests).
		cn.io.guard.start("header", ref.byName(cs.chain, "").reqTimeout.Header)
	}
	_, err := cn.br.Peek(1)
	if !cn.setIdle(false) {
		return false
	}
	g := cn.srv.current()
	if g == nil { // the server is closed
		return false
	}
	defer g.release()
	cs.refresh(g)
	def := g.byName(cs.chain, "")
	if cs.requests > 0 {
		cn.io.guard.start("header", def.reqTimeout.Header)
	}
	defer cn.io.guard.stop()
	if err != nil {
		if cs.requests == 0 && timedOutErr(err) {
			cn.silent408(g, def)
		}
		return false
	}
	cn.io.timeout.Store(int64(def.timeout))
	head, err := http1.ReadHead(cn.br, def.limits)
	var refused *http1.Error
	switch {
	case errors.As(err, &refused):
		if refused.Silent {
			if cs.requests == 0 {
				cn.silent408(g, def)
			}
			return false
		}
		cn.refuse(g, def, refused)
		return false
	case err != nil:
		return false
	}
	return cn.request(g, def, head)
}

func timedOutErr(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// request serves one request that was read whole.
func (cn *conn) request(g *generation, def *site, head *http1.Head) bool {
	cs := cn.state
	r := cn.httpRequest(head)
	w := http1.NewResponse(cn.bw, head)
	x := newExchange(cn.srv, g, cs, w, r)
	x.head = head
	cn.io.timeout.Store(int64(x.site.timeout)) // the request's server's Timeout from here
	if head.Method != http.MethodConnect {
		cn.io.guard.start("body", x.site.reqTimeout.Body)
	} else {
		cn.io.guard.stop()
	}
	if head.Ambiguous {
		cs.mustClose = true
	}
	scheme := "http"
	if cs.tls != nil {
		scheme = "https"
	}
	host, _, bad := http1.Hostname(head, scheme, def.limits)
	if bad != nil {
		x.refuse(def, bad)
		return cn.finish(x)
	}
	// r.Host is the Host header as Apache keeps it (replaced by the
	// target's authority where that named the host), else the host.
	if hv, ok := head.Header.Get("Host"); ok {
		r.Host = hv
	} else if host != "" {
		r.Host = hostWithPort(host, head)
	}
	r.Header = httpHeader(head.Header)
	if b := http1.NewBody(cn.br, head, def.limits); b != nil {
		x.body = b
		r.Body = b
		r.ContentLength = b.Length()
		if b.Chunked() {
			r.TransferEncoding = []string{"chunked"}
		}
		if head.AtLeast(1, 1) && strings.EqualFold(r.Header.Get("Expect"), "100-continue") {
			b.Continue = func() error {
				if w.Sent() {
					return nil
				}
				x.continued = true
				return http1.Continue(cn.bw)
			}
		}
	}
	x.run()
	return cn.finish(x)
}

// hostWithPort is the host a request named with its port, for the
// places that still read it from http.Request.Host.
func hostWithPort(host string, head *http1.Head) string {
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if hv, ok := head.Header.Get("Host"); ok {
		if _, p, err := net.SplitHostPort(hv); err == nil {
			return host + ":" + p
		}
	}
	return host
}

// finish ends a request's answer and says whether the connection goes
// on: the rest of an unread body is read and dropped (Apache's
// ap_discard_request_body), unless the connection closes anyway.
func (cn *conn) finish(x *exchange) bool {
	if x.panicked {
		x.log()
		return false
	}
	complete, err := x.w.Finish()
	x.log() // Apache logs once the answer is sent
	if err != nil || !complete || x.w.CloseDelimited() || !x.keep || x.endConn {
		return false
	}
	if x.body != nil && !x.body.Done() {
		if _, err := io.Copy(io.Discard, x.body); err != nil {
			return false
		}
	}
	return true
}

// httpRequest is the request as the handlers read it.
func (cn *conn) httpRequest(head *http1.Head) *http.Request {
	r := &http.Request{
		Method:     head.Method,
		Proto:      head.Proto,
		ProtoMajor: head.Major,
		ProtoMinor: head.Minor,
		RequestURI: head.Target,
		RemoteAddr: cn.remoteAddr(),
		TLS:        cn.state.tls,
		Header:     http.Header{},
		Body:       http.NoBody,
	}
	r.URL = http1.TargetURL(head.Method, head.Target)
	return r
}

// refuse answers a request Apache refuses while reading it, from the
// connection's default server, and closes the connection.
func (cn *conn) refuse(g *generation, def *site, e *http1.Error) {
	head := e.Head
	if head == nil {
		head = &http1.Head{Major: 1, Proto: "HTTP/1.0"}
	}
	r := cn.httpRequest(head)
	r.Header = httpHeader(head.Header)
	w := http1.NewResponse(cn.bw, head)
	x := newExchange(cn.srv, g, cn.state, w, r)
	x.head = head
	x.refuse(def, e)
	cn.finish(x)
}

// silent408 logs a connection that sent no request within Timeout, as
// Apache logs it for a connection's first request: a 408 with no
// request line, and no answer.
func (cn *conn) silent408(g *generation, def *site) {
	head := &http1.Head{Major: 1, Proto: "HTTP/1.0"}
	r := cn.httpRequest(head)
	x := newExchange(cn.srv, g, cn.state, http1.NewResponse(cn.bw, head), r)
	x.site, x.dir, x.status, x.noRequest = def, def.conf.Dir, http.StatusRequestTimeout, true
	x.log()
}

// limitsOf are the request-reading limits of a server.
func limitsOf(c *directives.CoreServerConfig) http1.Limits {
	line, fields, size := 8190, 100, 8190
	if c.LimitRequestLine != nil {
		line = *c.LimitRequestLine
	}
	if c.LimitRequestFields != nil {
		fields = *c.LimitRequestFields
	}
	if c.LimitRequestFieldSize != nil {
		size = *c.LimitRequestFieldSize
	}
	o := c.HTTPProtocolOptions
	return http1.Limits{Line: line, Fields: fields, FieldSize: size, Unsafe: o.Unsafe(), Allow09: o.Allow09(),
		RegisteredOnly: o.OnlyRegisteredMethods(), Known: func(m string) bool {
			return knownMethods[m] || slices.Contains(c.RegisteredMethods, m)
		}}
}
