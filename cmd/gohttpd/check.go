package main

import (
	"fmt"
	"io"
)

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
	if f.strict && len(cfg.Warnings) > 0 {
		fmt.Fprintf(stderr, "%s check: %v\n", progName, errWarnings)
		return 1
	}
	return 0
}
