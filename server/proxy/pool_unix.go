//go:build unix

package proxy

import (
	"net"
	"syscall"
)

// socketProbe asks an idle connection's socket itself whether the backend
// closed it or sent something, as Apache's ap_proxy_is_socket_connected
// peeks at it before reuse. It is made once per connection, so a check
// allocates nothing.
type socketProbe struct {
	raw  syscall.RawConn
	open bool
	look func(fd uintptr) bool
}

// newSocketProbe returns the probe of conn, or nil when conn has no
// socket to look at.
func newSocketProbe(conn net.Conn) *socketProbe {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return nil
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return nil
	}
	p := &socketProbe{raw: raw}
	p.look = func(fd uintptr) bool {
		var one [1]byte
		_, _, err := syscall.Recvfrom(int(fd), one[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		p.open = err == syscall.EAGAIN || err == syscall.EWOULDBLOCK
		return true
	}
	return p
}

// stillOpen reports whether the socket has nothing to read: no close, no
// reset, no bytes. The connection must have no read deadline set.
func (p *socketProbe) stillOpen() bool {
	if p == nil {
		return true
	}
	p.open = false
	return p.raw.Read(p.look) == nil && p.open
}
