// Package conformance holds the Apache conformance suite: the same
// configurations (testdata/*.conf) and the same requests go through real
// Apache httpd 2.4 and through gohttpd, each in front of its own recording
// backend, and the suite compares what the client sees, what the backend
// receives and the access-log line. Every difference fails the suite
// unless DEVIATIONS.md and the deviations table list it with its reason.
//
// A config under testdata/ is an httpd.conf with placeholders: @ROOT@
// (the ServerRoot, each server's own temporary directory), @BACKEND@
// (host:port of that server's recording backend) and @PORT0@, @PORT1@, …
// (the ports Listen names; Apache binds them, gohttpd binds ports the OS
// chooses while its config keeps these numbers). The recipe config is the
// project's examples/registry/httpd.conf itself, rewritten to them.
// Apache's adaptation is visible in apacheConf.
//
// The package has no code outside its tests; run it with
//
//	go test ./server/conformance/
package conformance
