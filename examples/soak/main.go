// Command soak runs the registry recipe's stack (gohttpd in front of a
// real registry, as examples/registry/stack starts it) under steady mixed
// load for a while: pulls on fresh connections, pushes, anonymous
// requests answered 401 and HEADs of a manifest on kept-alive ones. Every
// few seconds it prints the serving process's resident memory, open
// descriptors and goroutines, and it fails when a request fails or when
// any of those grows past its bound after the warm-up.
//
// The stack runs in a child process (this program, started again), so
// what is measured is the server side alone: gohttpd with the registry it
// proxies to, never the load's own clients.
//
//	go run ./examples/soak -duration 10m
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	if os.Getenv(childEnv) != "" {
		os.Exit(serveChild())
	}
	var cfg config
	flag.DurationVar(&cfg.duration, "duration", 10*time.Minute, "how long the load runs")
	flag.DurationVar(&cfg.every, "every", 5*time.Second, "how often the server is sampled")
	flag.DurationVar(&cfg.warmup, "warmup", 0, "the first part of the run, which sets the bounds (default: a fifth of the duration, at most 2m)")
	flag.IntVar(&cfg.workers, "workers", 8, "clients sending requests at once")
	flag.Parse()
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}
