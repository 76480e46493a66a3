package server

import (
	"crypto/tls"
	"net"
	"syscall"

	"golang.org/x/sys/unix"
)

// socketPending returns a function that tells how many bytes wait to be
// read in c's socket (SIOCINQ), beneath TLS; nil when c has no socket.
func socketPending(c net.Conn) func() int {
	if tc, ok := c.(*tls.Conn); ok {
		c = tc.NetConn()
	}
	if sc, ok := c.(*stateConn); ok {
		c = sc.Conn
	}
	s, ok := c.(syscall.Conn)
	if !ok {
		return nil
	}
	raw, err := s.SyscallConn()
	if err != nil {
		return nil
	}
	// One probe per connection: a closure made per call would allocate.
	var n int
	probe := func(fd uintptr) {
		var err error
		if n, err = unix.IoctlGetInt(int(fd), unix.SIOCINQ); err != nil {
			n = 0
		}
	}
	return func() int {
		if raw.Control(probe) != nil {
			return 0
		}
		return n
	}
}
