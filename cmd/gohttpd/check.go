package main

import (
	"fmt"
	"io"
	"net"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// resolver answers the host name lookups of reading a config and of
// check's warnings; tests replace it with one that asks nothing beyond
// this machine.
var resolver = net.DefaultResolver

// runCheck is "gohttpd check": httpd -t's verdict, then warnings beyond
// what httpd verifies.
func runCheck(args []string, stdout, stderr io.Writer) int {
	f, err := parseFlags(args, true)
	if err != nil {
		fmt.Fprintf(stderr, "%s check: %v\n", progName, err)
		fmt.Fprint(stderr, usage)
		return 1
	}
	if f.help {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cfg, ok := load(f, stderr)
	if !ok {
		return 1
	}
	fmt.Fprintln(stdout, "Syntax OK")
	files := &directives.Files{Mounts: f.options.Mounts}
	findings := lint(cfg, files, time.Now(), resolver)
	for _, w := range findings {
		fmt.Fprintf(stderr, "%s check: warning: %s\n", progName, w)
	}
	// What each password and group file holds: information, not warnings.
	for _, line := range authReport(cfg, files) {
		fmt.Fprintln(stdout, line)
	}
	if f.explain {
		explain(cfg, stdout)
	}
	if f.strict && len(cfg.Warnings)+len(findings) > 0 {
		fmt.Fprintf(stderr, "%s check: %v\n", progName, errWarnings)
		return 1
	}
	return 0
}
