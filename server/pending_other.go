//go:build !linux

package server

// socketReady is unknown here: request bodies then go on as read.
func socketReady(*stateConn, int) func() bool { return nil }
