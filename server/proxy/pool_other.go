//go:build !unix

package proxy

import "net"

// socketProbe is nothing where a socket cannot be peeked at: an idle
// connection the backend closed is found out by the request sent on it,
// which is sent again on a new connection when it can be.
type socketProbe struct{}

func newSocketProbe(net.Conn) *socketProbe { return nil }

// stillOpen cannot tell.
func (p *socketProbe) stillOpen() bool { return true }
