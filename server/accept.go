package server

import (
	"net"

	"github.com/gohttpd/gohttpd/directives"
)

// acceptFilterOn reports whether a Listen's sockets get Apache's accept
// filter: on Linux every protocol's default is "data" (the kernel hands
// a connection over only once it has sent something, or after 30
// seconds), unless AcceptFilter names "none" for the protocol.
func acceptFilterOn(cfg *directives.Config, l directives.Listener) bool {
	proto := l.Protocol
	if proto == "" {
		proto = "http"
		if l.Port == 443 {
			proto = "https"
		}
	}
	return cfg.Main.Core.AcceptFilters[proto] != "none"
}

// deferAccept sets TCP_DEFER_ACCEPT with Apache's 30 seconds where the
// listener is a TCP socket on a system that has it; elsewhere it does
// nothing, as APR does.
func deferAccept(l net.Listener) error {
	tl, ok := l.(*net.TCPListener)
	if !ok {
		return nil
	}
	rc, err := tl.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = setDeferAccept(fd, 30) }); err != nil {
		return err
	}
	return serr
}
