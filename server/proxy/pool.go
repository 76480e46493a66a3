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

// maxIdlePerBackend bounds the idle connections kept to one backend
// (Apache keeps up to its threads per process, 25 by default).
const maxIdlePerBackend = 32

// lineBuffer is the read buffer of a backend connection: a status or
// header line longer than it is refused, as Apache refuses lines longer
// than its 8 KiB HUGE_STRING_LEN.
const lineBuffer = 8192

// errUnasked is a backend sending bytes on an idle connection.
var errUnasked = errors.New("the backend sent bytes nobody asked for")

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
	// watch is closed when the idle watcher stops; watchErr is what it
	// saw: a deadline error when the connection was simply idle.
	watch    chan struct{}
	watchErr error
	// probe looks at the socket once the watcher stopped.
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
		if c.stopWatch() {
			c.reused, c.timeout = true, t.io
			return c, nil
		}
		c.conn.Close()
	}
	conn, err := p.connect(ctx, addr, t.connect)
	if err != nil {
		return nil, err
	}
	c := &backendConn{addr: addr, conn: conn, timeout: t.io, probe: newSocketProbe(conn)}
	c.br = bufio.NewReaderSize(c, lineBuffer)
	c.bw = bufio.NewWriterSize(c, lineBuffer)
	return c, nil
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
func (p *pool) put(c *backendConn) {
	p.mu.Lock()
	if p.closed || len(p.idle[c.addr]) >= maxIdlePerBackend || c.br.Buffered() > 0 {
		p.mu.Unlock()
		c.conn.Close()
		return
	}
	// The watcher starts before the connection is in the list: a request
	// that takes it at once must find its watch to stop.
	c.startWatch(p)
	p.idle[c.addr] = append(p.idle[c.addr], c)
	p.mu.Unlock()
}

// startWatch waits in the background for the idle connection to close, so
// a backend that drops it is noticed before the next request is sent on
// it (Apache checks the socket before reuse likewise).
func (c *backendConn) startWatch(p *pool) {
	c.watch = make(chan struct{})
	c.conn.SetReadDeadline(time.Time{})
	go func() {
		// Read the socket itself, not through c.Read, which would set a
		// deadline of its own; any byte read makes the connection useless.
		var one [1]byte
		n, err := c.conn.Read(one[:])
		if n > 0 {
			err = errUnasked
		}
		c.watchErr = err
		close(c.watch)
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			p.remove(c) // closed, reset or sent unasked bytes: useless
		}
	}()
}

// stopWatch stops the watcher and reports whether the connection is still
// good to use: the watcher saw nothing, and neither does the socket.
func (c *backendConn) stopWatch() bool {
	c.conn.SetReadDeadline(time.Unix(1, 0))
	<-c.watch
	if !errors.Is(c.watchErr, os.ErrDeadlineExceeded) {
		return false
	}
	c.conn.SetReadDeadline(time.Time{})
	return c.probe.stillOpen()
}

func (p *pool) remove(c *backendConn) {
	p.mu.Lock()
	list := p.idle[c.addr]
	for i, x := range list {
		if x == c {
			p.idle[c.addr] = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	p.mu.Unlock()
	c.conn.Close()
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
