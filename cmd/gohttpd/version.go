package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server"
)

// followsApache is the Apache release whose behaviour gohttpd follows:
// the one its tests compare with. Tools that read httpd -v (certbot)
// look for "Apache/" and a version in the first line, so it is there.
const followsApache = "2.4.71"

// serverVersion is -v's first line after "Server version: ".
func serverVersion() string {
	return server.Product + "/" + server.Version + " (follows Apache/" + followsApache + ")"
}

// built is when the binary was built, in the shape of httpd's
// __DATE__ __TIME__: the commit time Go stamped into it, since a build
// from a checkout is reproducible that way; "unknown" without one.
func built() string {
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key != "vcs.time" {
				continue
			}
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				return t.UTC().Format("Jan _2 2006 15:04:05")
			}
		}
	}
	return "unknown"
}

// printVersion is httpd -v.
func printVersion(w io.Writer) {
	fmt.Fprintf(w, "Server version: %s\nServer built:   %s\n", serverVersion(), built())
}

// printCompileSettings is httpd -V, as far as its lines mean something
// for gohttpd: no APR, PCRE or module magic number, and no MPM (one
// process serves each connection on a goroutine), but the -D lines tools
// read to find the server's files (HTTPD_ROOT, SERVER_CONFIG_FILE) with
// the httpd:2.4 image's values, which are gohttpd's defaults.
func printCompileSettings(w io.Writer) {
	printVersion(w)
	fmt.Fprintf(w, "Compiled using: Go %s\n", runtime.Version())
	fmt.Fprintf(w, "Architecture:   %d-bit\n", strconv.IntSize)
	fmt.Fprint(w, "Server MPM:     none (one process, a goroutine per connection)\n"+
		"  threaded:     yes (variable thread count)\n"+
		"    forked:     no\n")
	fmt.Fprint(w, "Server compiled with....\n")
	for _, d := range [][2]string{
		{"HTTPD_ROOT", directives.DefaultServerRoot},
		{"DEFAULT_PIDLOG", defaultPidFile},
		{"DEFAULT_ERRORLOG", directives.DefaultErrorLog},
		{"SERVER_CONFIG_FILE", directives.DefaultConfigFile},
	} {
		fmt.Fprintf(w, " -D %s=\"%s\"\n", d[0], d[1])
	}
}
