package server

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// socketPending returns a function that tells how many bytes wait to be
// read in sc's socket (SIOCINQ); nil when there is no socket.
func socketPending(sc *stateConn) func() int {
	if sc == nil {
		return nil
	}
	s, ok := sc.Conn.(syscall.Conn)
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
