//go:build !linux

package server

import "net"

// socketPending is unknown here: request bodies then go on as read.
func socketPending(net.Conn) func() int { return nil }
