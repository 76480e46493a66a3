// Command bench measures gohttpd side by side with Apache httpd 2.4,
// nginx and Caddy doing the registry recipe's job, and with the registry
// itself reached directly: it starts a real registry (the distribution
// project's, as a process of its own), seeds it with an image, then runs
// each server in turn with the recipe's certificate and users and puts the
// same loads through it with standard clients (curl, hey, and
// go-containerregistry for pushes). It prints each figure, its ratio to
// direct, and gohttpd's figures against the targets of its performance
// issue.
//
// Client, proxy and registry share this machine's cores, as they do on a
// small registry host; run it on an otherwise idle machine.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

func main() {
	if storage := os.Getenv(registryEnv); storage != "" {
		if err := serveRegistry(storage); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	o, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if err := bench(o); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parseFlags reads the command's flags.
func parseFlags(args []string) (*options, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	quick := fs.Bool("quick", false, "tiny sizes, 10 clients and 40 requests per load: checks that every part works, judges nothing")
	blob := fs.Int64("blob", 200, "size of the seeded blob, MiB")
	pushMiB := fs.Int64("push", 200, "size of the pushed image's layer, MiB")
	uploadMiB := fs.Int64("upload", 1024, "size of the streamed upload, MiB")
	d := fs.Duration("d", 10*time.Second, "duration of each request-rate load")
	c := fs.Int("c", 50, "concurrent clients of the request-rate loads")
	repeat := fs.Int("repeat", 3, "blob GETs, pushes, starts and config checks per target (median shown)")
	rounds := fs.Int("rounds", 1, "measure every target this many times, the targets taking turns (medians shown; memory: the highest)")
	targets := fs.String("targets", strings.Join(targetNames, ","), "targets to run, in order: "+strings.Join(targetNames, ","))
	bin := fs.String("gohttpd", "", "a built gohttpd binary (default: go build ./cmd/gohttpd)")
	keep := fs.Bool("keep", false, "keep the work directory (configs and logs) and print where it is")
	startup := fs.Bool("startup", false, "measure only start to ready and the config check (-t), no loads")
	dropCaches := fs.Bool("drop-caches", false, "before each target's pushes, write back and drop the page cache (Linux, as root), so that every target's pushes find memory alike")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	o := &options{
		blob: *blob << 20, push: *pushMiB << 20, upload: *uploadMiB << 20,
		load: *d, clients: *c, repeat: *repeat, rounds: max(*rounds, 1), gohttpd: *bin, keep: *keep,
		quick: *quick, startup: *startup, dropCaches: *dropCaches, log: os.Stderr,
	}
	for _, t := range strings.Split(strings.ToLower(*targets), ",") {
		o.targets = append(o.targets, strings.TrimSpace(t))
	}
	if *quick {
		// A fixed count, so that even a cost-10 hash per request (Apache,
		// nginx) completes every load.
		o.blob, o.push, o.upload, o.repeat = 1<<20, 1<<20, 16<<20, 1
		o.clients, o.requests = 10, 40
	}
	return o, nil
}

// bench runs the benchmark and prints its table on stdout.
func bench(o *options) error {
	if err := tools(); err != nil {
		return err
	}
	all, err := run(o)
	if err != nil {
		return err
	}
	fmt.Printf("\n%s, %d cores (%s), Go %s; client, proxies and registry share them.\n", cpuModel(), runtime.NumCPU(), runtime.GOARCH, runtime.Version())
	if o.rounds > 1 {
		fmt.Printf("Each figure is the median of %d rounds in which the targets took turns; memory, the highest.\n", o.rounds)
	}
	fmt.Println()
	printTable(os.Stdout, o, all)
	printGoals(os.Stdout, o, all)
	return nil
}

// cpuModel is the machine's CPU as /proc/cpuinfo names it.
func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}
