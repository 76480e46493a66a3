// Command gohttpd reads Apache httpd 2.4's configuration files and does
// what httpd does with them. Its flags are httpd's; "gohttpd check" checks a
// configuration beyond what httpd -t verifies.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/parser"
)

// progName prefixes messages as httpd's argv[0] does.
var progName = "gohttpd"

func main() {
	progName = filepath.Base(os.Args[0])
	args := os.Args[1:]
	if progName == foregroundName {
		progName, args = "httpd", foregroundArgs(args)
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// run is the whole command: it parses args as httpd does and returns the
// exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "check" {
		return runCheck(args[1:], stdout, stderr)
	}
	f, err := parseFlags(args, false)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", progName, err)
		fmt.Fprint(stderr, usage)
		return 1
	}
	switch {
	case f.help:
		fmt.Fprint(stdout, usage)
		return 0
	case f.version:
		printVersion(stdout)
		return 0
	case f.compileSettings:
		printCompileSettings(stdout)
		return 0
	}
	cfg, ok := load(f, stderr)
	if !ok {
		return 1
	}
	if d := dumpsOf(f.options.Defines); d.any() {
		d.print(cfg, stdout)
		return 0
	}
	if f.test {
		fmt.Fprintln(stderr, "Syntax OK")
		return 0
	}
	if f.control != "" {
		files := &directives.Files{Mounts: f.options.Mounts}
		if code, done := control(cfg, files, f.control, stdout, stderr); done {
			return code
		}
	}
	return serve(cfg, f, stderr)
}

// load reads the configuration and reports warnings and errors as httpd
// does on stderr.
func load(f *flags, stderr io.Writer) (*directives.Config, bool) {
	opts := f.options
	opts.Resolver = resolver
	cfg, err := directives.Load(opts)
	if cfg != nil && f.showsWarnings() {
		printWarnings(cfg, stderr)
	}
	if err != nil {
		printLoadError(err, stderr)
		return nil, false
	}
	return cfg, true
}

func printWarnings(cfg *directives.Config, w io.Writer) {
	for _, warn := range cfg.Warnings {
		if warn.File == "" {
			fmt.Fprintf(w, "%s: warning: %s\n", progName, warn.Msg)
			continue
		}
		fmt.Fprintf(w, "%s: warning: %s:%d: %s\n", progName, warn.File, warn.Line, warn.Msg)
	}
}

// printLoadError prints err in the shape httpd gives it: errors while
// processing directives as AH00526 with the line on its own, errors while
// reading on one line after the program's name.
func printLoadError(err error, w io.Writer) {
	var de *directives.Error
	var pe *parser.Error
	var le *directives.LogDirError
	switch {
	case errors.As(err, &le):
		// Apache reports it as a failed check after reading, with errno first.
		errno := errnoOf(le.Err)
		reason := errno.Error()
		if reason != "" {
			reason = strings.ToUpper(reason[:1]) + reason[1:]
		}
		fmt.Fprintf(w, "(%d)%s: AH02297: Cannot access directory '%s' for log file '%s' defined at %s:%d\n"+
			"AH00014: Configuration check failed\n", int(errno), reason, le.Dir, le.Target, le.File, le.Line)
	case errors.As(err, &de):
		fmt.Fprintf(w, "AH00526: Syntax error on line %d of %s:\n%s\n", de.Line, de.File, de.Msg)
	case errors.As(err, &pe):
		fmt.Fprintf(w, "%s: %s\n", progName, err)
	default:
		fmt.Fprintf(w, "%s: %s\n", progName, err)
	}
}

// errnoOf returns the system error number inside err, which Apache prints
// before its message as "(2)No such file or directory", or 0.
func errnoOf(err error) syscall.Errno {
	var errno syscall.Errno
	errors.As(err, &errno)
	return errno
}
