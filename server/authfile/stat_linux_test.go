//go:build linux

package authfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestStatMatchesOpenFile checks that the stat of every Load names a file
// as the stat of the file read does, so an unchanged file is not read
// again.
func TestStatMatchesOpenFile(t *testing.T) {
	t.Parallel()
	path := tempFile(t)
	_, opened, err := readFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := newStatPath(path)
	got, err := p.stat()
	if err != nil || got != opened {
		t.Fatalf("stat = %+v, %v; the opened file's is %+v", got, err, opened)
	}
	if _, err := newStatPath(path + "-missing").stat(); !os.IsNotExist(err) {
		t.Errorf("stat of a missing file: %v, want not exist", err)
	}
}

// TestStatAllocs checks that the stat every Load makes allocates nothing.
// It is not parallel: testing.AllocsPerRun counts the whole process.
func TestStatAllocs(t *testing.T) {
	p := newStatPath(tempFile(t))
	if n := testing.AllocsPerRun(100, func() { p.stat() }); n != 0 {
		t.Errorf("stat allocates %v times, want 0", n)
	}
}

// tempFile is a new htpasswd file.
func tempFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "htpasswd")
	if err := os.WriteFile(path, []byte("u:pw\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
