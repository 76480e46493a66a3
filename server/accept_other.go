//go:build !linux

package server

func setDeferAccept(uintptr, int) error { return nil }
