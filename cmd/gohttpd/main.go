// Command gohttpd reads Apache httpd 2.4 configuration files and serves them.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command: it parses args as httpd does and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "gohttpd: not built yet")
	return 2
}
