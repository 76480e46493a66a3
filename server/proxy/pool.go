package proxy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"time"
)

// maxIdlePerBackend bounds the idle connections kept to one backend.
// Apache keeps one per thread, up to MaxRequestWorkers (400 by default)
// across its processes; a smaller bound closes and opens connections
// whenever more requests than it were in flight at once, which a
// registry's bursts of small requests do all the time. An idle
// connection holds no buffers and no goroutine, only its socket.
const maxIdlePerBackend = 400

// lineBuffer is the read buffer of a backend connection: a status or
// header line longer than it is refused, as Apache refuses lines longer
// than its 8 KiB HUGE_STRING_LEN.
const lineBuffer = 8192

// pool keeps idle keep-alive connections per backend address.
type pool struct {
	dial   func(ctx context.Context, network, addr string) (net.Conn, error)
	mu     sync.Mutex
	idle   map[string][]*backendConn
	closed bool
}

func newPool(dial func(ctx context.Context, network, addr string) (net.Conn, error)) *pool {
	return &pool{dial: dial, idle: map[string][]*backendConn{}}
}

// backendConn is one connection to a backend. Each read and write gets
// the request's timeout, as Apache's socket timeout bounds each operation.
type backendConn struct {
	addr    string
	conn    net.Conn
	timeout time.Duration
	br      *bufio.Reader
	bw      *bufio.Writer
	reused  bool
	// probe looks at the socket before the connection is reused.
	probe *socketProbe
}

func (c *backendConn) Read(p []byte) (int, error) {
	c.conn.SetReadDeadline(deadline(c.timeout))
	return c.conn.Read(p)
}

func (c *backendConn) Write(p []byte) (int, error) {
	c.conn.SetWriteDeadline(deadline(c.timeout))
	return c.conn.Write(p)
}

func deadline(d time.Duration) time.Time {
	if d <= 0 {
		return time.Time{}
	}
	return time.Now().Add(d)
}

// get returns a live idle connection to addr, or dials a new one within
// t.connect; either way its reads and writes get t.io.
func (p *pool) get(ctx context.Context, addr string, t timeouts) (*backendConn, error) {
	for {
		c := p.takeIdle(addr)
		if c == nil {
			break
		}
		if c.probe.stillOpen() {
			c.reused, c.timeout = true, t.io
			c.takeBuffers()
			return c, nil
		}
		c.conn.Close()
	}
	conn, err := p.connect(ctx, addr, t.connect)
	if err != nil {
		return nil, err
	}
	c := &backendConn{addr: addr, conn: conn, timeout: t.io, probe: newSocketProbe(conn)}
	c.takeBuffers()
	return c, nil
}

var (
	lineReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, lineBuffer) }}
	lineWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, lineBuffer) }}
)

// takeBuffers gives c its read and write buffers for a request.
func (c *backendConn) takeBuffers() {
	c.br = lineReaders.Get().(*bufio.Reader)
	c.br.Reset(c)
	c.bw = lineWriters.Get().(*bufio.Writer)
	c.bw.Reset(c)
}

// dropBuffers returns c's buffers, which hold nothing, while it is idle.
func (c *backendConn) dropBuffers() {
	c.br.Reset(nil)
	lineReaders.Put(c.br)
	c.bw.Reset(nil)
	lineWriters.Put(c.bw)
	c.br, c.bw = nil, nil
}

// connect dials addr, giving up after timeout. A connection that times
// out fails with os.ErrDeadlineExceeded (Apache's APR_TIMEUP), which the
// error log words as Apache does; one the client's leaving cut short
// keeps its own cause.
func (p *pool) connect(ctx context.Context, addr string, timeout time.Duration) (net.Conn, error) {
	dctx := ctx
	if timeout > 0 {
		var cancel context.CancelFunc
		dctx, cancel = context.WithTimeout(ctx, timeout)
		defer cancel()
	}
	conn, err := p.dial(dctx, "tcp", addr)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("connecting to %s: %w", addr, os.ErrDeadlineExceeded)
	}
	return conn, err
}

func (p *pool) takeIdle(addr string) *backendConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	list := p.idle[addr]
	if len(list) == 0 {
		return nil
	}
	c := list[len(list)-1]
	p.idle[addr] = list[:len(list)-1]
	return c
}

// put keeps c for reuse, or closes it when the pool is full or closed.
// An idle connection is not watched: as Apache's
// ap_proxy_is_socket_connected does, its socket is looked at when it is
// taken again, and one the backend closed meanwhile is dropped then.
func (p *pool) put(c *backendConn) {
	if c.br.Buffered() > 0 {
		c.conn.Close() // the backend sent more than its answer
		return
	}
	c.dropBuffers()
	c.conn.SetDeadline(time.Time{})
	p.mu.Lock()
	if p.closed || len(p.idle[c.addr]) >= maxIdlePerBackend {
		p.mu.Unlock()
		c.conn.Close()
		return
	}
	p.idle[c.addr] = append(p.idle[c.addr], c)
	p.mu.Unlock()
}

// close closes the idle connections; connections in use are closed when
// they are given back.
func (p *pool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = map[string][]*backendConn{}, true
	p.mu.Unlock()
	for _, list := range idle {
		for _, c := range list {
			c.conn.Close()
		}
	}
}
