package server

import (
	"bufio"
	"crypto/tls"
	"errors"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"
)

// connState is what a connection knows before its first request: where it
// came in, the virtual hosts it may reach, and how TLS went.
type connState struct {
	// gen is the generation the connection was prepared by; chain, the
	// virtual hosts it may reach there. A request after a reload finds
	// them again in the current generation.
	gen   *generation
	port  *port
	local netip.Addr
	chain []*site
	// handshake is the site whose TLS configuration the handshake used
	// (chosen by SNI), nil on a plain connection.
	handshake *site
	// sni is the server name the client sent, if any.
	sni string
	// plainOnTLS marks plain HTTP sent to a TLS port: Apache reads the
	// request and answers 400.
	plainOnTLS bool
	// tls is the handshake's outcome, nil on a plain connection;
	// sslVars are mod_ssl's variables made of it, for the logs.
	tls     *tls.ConnectionState
	sslVars map[string]string
	// mustClose marks a connection that ends after the current answer
	// (Apache's AP_CONN_CLOSE: a request it could not safely delimit).
	mustClose bool
	// socketReady reports whether a read of the connection returns at
	// once, without waiting for the client; nil when it cannot tell.
	socketReady func() bool

	// Requests served on the connection so far, and the bytes read and
	// written on it until the last one was logged (mod_logio's %I, %O).
	// A connection's requests are served one after another.
	requests            int
	loggedIn, loggedOut int64
	in, out             atomic.Int64

	// remoteStr and localStr are the client's (remote) and the local
	// address as the logs print them, made once per connection.
	remote              netip.Addr
	remoteStr, localStr string
}

// remoteText is the client's address a, as text.
func (cs *connState) remoteText(a netip.Addr) string {
	if cs.remoteStr == "" || cs.remote != a {
		cs.remote, cs.remoteStr = a, a.String()
	}
	return cs.remoteStr
}

// localText is the connection's local address, as text.
func (cs *connState) localText() string {
	if cs.localStr == "" {
		cs.localStr = cs.local.String()
	}
	return cs.localStr
}

// stateConn carries a connection's state to the requests served on it.
// Under TLS it is the connection the records are written to, and it can
// gather the records of one large write so that they leave in one system
// call instead of one per 16 KiB record.
type stateConn struct {
	net.Conn
	r     *bufio.Reader // holds the bytes read to tell TLS from plain HTTP
	state *connState
	// gathered holds the records written since gather; nil when not
	// gathering.
	gathered *[]byte
}

func (c *stateConn) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.state.in.Add(int64(n))
	return n, err
}

func (c *stateConn) Write(p []byte) (int, error) {
	if c.gathered != nil {
		buf := *c.gathered
		if len(buf)+len(p) > cap(buf) {
			if err := c.flush(); err != nil {
				return 0, err
			}
			buf = *c.gathered
		}
		if len(buf)+len(p) <= cap(buf) {
			*c.gathered = append(buf, p...)
			return len(p), nil
		}
	}
	n, err := c.Conn.Write(p)
	c.state.out.Add(int64(n))
	return n, err
}

// gather holds what is written from now on until release.
func (c *stateConn) gather() {
	c.gathered = gatherBuffers.Get().(*[]byte)
}

// release writes what was gathered, in one write, and stops gathering.
func (c *stateConn) release() error {
	err := c.flush()
	gatherBuffers.Put(c.gathered)
	c.gathered = nil
	return err
}

func (c *stateConn) flush() error {
	buf := *c.gathered
	*c.gathered = buf[:0]
	if len(buf) == 0 {
		return nil
	}
	n, err := c.Conn.Write(buf)
	c.state.out.Add(int64(n))
	return err
}

// gatherBuffers hold the records of one bulk write: a body's 256 KiB
// buffer and each record's framing.
var gatherBuffers = sync.Pool{New: func() any {
	b := make([]byte, 0, 264<<10)
	return &b
}}

// refresh points the connection at generation g, where a reload since
// the last request may have moved its port and virtual hosts.
func (cs *connState) refresh(g *generation) {
	if cs.gen == g {
		return
	}
	if cs.port == nil {
		cs.gen = g
		return
	}
	if p := g.ports[listenKey(cs.port.conf)]; p != nil {
		cs.port = p
	}
	cs.gen, cs.chain = g, g.chain(cs.local, cs.port.conf.Port)
}

// portListener accepts a port's connections and prepares each (the TLS
// decision needs the client's first bytes) without holding up the next.
type portListener struct {
	net.Listener
	srv   *Server
	key   string // the listenKey of its Listen directive
	ready chan net.Conn
	errc  chan error
	once  sync.Once
	quit  chan struct{}
}

func newPortListener(l net.Listener, s *Server, key string) *portListener {
	pl := &portListener{Listener: l, srv: s, key: key, ready: make(chan net.Conn), errc: make(chan error, 1), quit: make(chan struct{})}
	go pl.acceptLoop()
	return pl
}

func (pl *portListener) acceptLoop() {
	for {
		c, err := pl.Listener.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			pl.errc <- err
			return
		}
		go func() {
			if pc := pl.prepare(c); pc != nil {
				select {
				case pl.ready <- pc:
				case <-pl.quit:
					pc.Close()
				}
			}
		}()
	}
}

// Accept returns the next prepared connection.
func (pl *portListener) Accept() (net.Conn, error) {
	select {
	case c := <-pl.ready:
		return c, nil
	case err := <-pl.errc:
		pl.errc <- err
		return nil, err
	case <-pl.quit:
		return nil, net.ErrClosed
	}
}

// Close stops accepting.
func (pl *portListener) Close() error {
	pl.once.Do(func() { close(pl.quit) })
	return pl.Listener.Close()
}

// prepare finds the virtual hosts a new connection may reach and, where
// the default one speaks TLS, sets TLS up; nil when the connection is
// gone before it said anything.
func (pl *portListener) prepare(c net.Conn) net.Conn {
	local := netip.Addr{}
	if ta, ok := c.LocalAddr().(*net.TCPAddr); ok {
		local, _ = netip.AddrFromSlice(ta.IP)
		local = local.Unmap()
	}
	g := pl.srv.gen.Load()
	p := g.ports[pl.key]
	if p == nil { // a reload dropped this Listen
		c.Close()
		return nil
	}
	cs := &connState{gen: g, port: p, local: local, chain: g.chain(local, p.conf.Port)}
	// The reader only needs the first byte; larger reads pass it by.
	sc := &stateConn{Conn: c, r: bufio.NewReaderSize(c, 16), state: cs}
	def := g.byName(cs.chain, "")
	if def.tls == nil {
		return sc
	}
	_ = c.SetReadDeadline(time.Now().Add(def.timeout))
	first, err := sc.r.Peek(1)
	_ = c.SetReadDeadline(time.Time{})
	if err != nil {
		c.Close()
		return nil
	}
	// A TLS record starts with a handshake byte; a request line with a
	// method's letter. OpenSSL tells the two apart the same way, and
	// Apache then reads the request to answer 400.
	if first[0] >= 'A' && first[0] <= 'Z' {
		cs.plainOnTLS = true
		return sc
	}
	cfg := &tls.Config{GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
		cs.sni = hello.ServerName
		st := def
		if hello.ServerName != "" {
			if v := g.byName(cs.chain, requestHost(hello.ServerName)); v.tls != nil {
				st = v
			}
		}
		cs.handshake = st
		if st.tls.GetConfigForClient != nil {
			if alt, err := st.tls.GetConfigForClient(hello); alt != nil || err != nil {
				return alt, err
			}
		}
		return st.tls, nil
	}}
	return tls.Server(sc, cfg)
}
