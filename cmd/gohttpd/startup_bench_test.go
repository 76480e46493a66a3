package main

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkCheckRecipe is gohttpd -t on the registry recipe, in process:
// flags, reading the config and every directive's handler, as a
// command-line check does after the runtime has started. Profile it with
// -cpuprofile; what a fresh process adds (package initialisation, the
// runtime) shows in GODEBUG=inittrace=1 and in examples/bench -startup.
func BenchmarkCheckRecipe(b *testing.B) {
	recipe, err := filepath.Abs("../../examples/registry")
	if err != nil {
		b.Fatal(err)
	}
	args := []string{"-t", "--mount", recipe + ":/usr/local/apache2/conf"}
	b.ReportAllocs()
	for b.Loop() {
		if code := run(args, io.Discard, io.Discard); code != 0 {
			b.Fatalf("gohttpd -t exited %d", code)
		}
	}
}
