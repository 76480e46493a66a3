package main

import "testing"

// The quick start's steps pass on the example's unchanged files.
func TestDemoSteps(t *testing.T) {
	if err := run("127.0.0.1:0", "..", true, false); err != nil {
		t.Fatal(err)
	}
}
