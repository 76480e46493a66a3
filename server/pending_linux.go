package server

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// socketReady returns a function that tells whether at least whole bytes
// wait to be read in sc's socket (SIOCINQ); nil when there is no socket.
// A count seen before still holds, less what has been read since: a fast
// upload, whose socket holds far more than a record, is then asked once
// per many reads instead of at every one.
func socketReady(sc *stateConn, whole int) func() bool {
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
	// seen is what the socket held when last asked, at read count seenAt;
	// the sniffing buffer may have taken up to its size more from it.
	var seen, seenAt int64
	ahead := int64(sc.r.Size())
	return func() bool {
		read := sc.state.in.Load()
		if seen-(read-seenAt)-ahead >= int64(whole) {
			return true
		}
		if raw.Control(probe) != nil {
			return false
		}
		seen, seenAt = int64(n), read
		return n >= whole
	}
}
