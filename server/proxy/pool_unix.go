//go:build unix

package proxy

import (
	"net"
	"syscall"
	"time"
)

// stillOpen reports whether an idle connection's backend has neither
// closed it nor sent anything, by asking the socket itself, as Apache's
// ap_proxy_is_socket_connected peeks at it before reuse: the idle watcher
// misses a close that reached the kernel but not yet the runtime's poller.
func stillOpen(conn net.Conn) bool {
	sc, ok := conn.(syscall.Conn)
	if !ok {
		return true
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	// stopWatch left a deadline in the past, which would stop rc.Read
	// before it looks.
	conn.SetReadDeadline(time.Time{})
	open := false
	err = rc.Read(func(fd uintptr) bool {
		var one [1]byte
		_, _, err := syscall.Recvfrom(int(fd), one[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		open = err == syscall.EAGAIN || err == syscall.EWOULDBLOCK
		return true
	})
	return err == nil && open
}
