//go:build !linux

package server

// socketPending is unknown here: request bodies then go on as read.
func socketPending(*stateConn) func() int { return nil }
