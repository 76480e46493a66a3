package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary be the soak's serving child, as the
// program is when run.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(serveChild())
	}
	os.Exit(m.Run())
}

// A few seconds of the soak, to keep it working: every operation of the
// mix succeeds, the table has its rows and the bounds hold.
func TestSoakBriefly(t *testing.T) {
	if testing.Short() {
		t.Skip("soak: skipped with -short")
	}
	t.Parallel()
	var out strings.Builder
	err := run(config{duration: 5 * time.Second, every: time.Second, warmup: 2 * time.Second, workers: 2}, &out)
	t.Logf("\n%s", out.String())
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"before", "rest"} {
		if !strings.Contains(out.String(), "\n"+strings.Repeat(" ", 8-len(row))+row+" ") {
			t.Errorf("no %q row", row)
		}
	}
}
