package main

import (
	"net"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// lint finds what httpd -t does not: problems that let the config load but
// break or weaken serving. Each finding names the file and line it is about.
func lint(cfg *directives.Config, files *directives.Files, now time.Time, resolver *net.Resolver) []string {
	var out []string
	return out
}
