package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// gohttpd is the gohttpd command serving the recipe's httpd.conf, every
// LoadModule line kept, with its default credential cache.
type gohttpd struct{}

func (gohttpd) name() string   { return "gohttpd" }
func (gohttpd) binary() string { return "" } // built by the benchmark

func (gohttpd) prepare(e *env, addr string) error {
	root := e.dir("gohttpd")
	if err := os.MkdirAll(filepath.Join(root, "logs"), 0o755); err != nil {
		return fmt.Errorf("gohttpd: %w", err)
	}
	conf := recipeFor(e, root, addr, true)
	return os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644)
}

func (gohttpd) command(e *env) *exec.Cmd {
	return exec.Command(e.gohttpd, "-d", e.dir("gohttpd"), "-f", "httpd.conf", "-DFOREGROUND")
}

func (gohttpd) checkCommand(e *env) *exec.Cmd {
	return exec.Command(e.gohttpd, "-t", "-d", e.dir("gohttpd"), "-f", "httpd.conf")
}

// buildGohttpd builds ./cmd/gohttpd of the module the benchmark runs in
// into dir as the Dockerfile builds the image's binary: static, without
// the race detector, paths trimmed and symbols stripped.
func buildGohttpd(dir string) (string, error) {
	mod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("building gohttpd: go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(mod)))
	bin := filepath.Join(dir, "bin", "gohttpd")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-o", bin, "./cmd/gohttpd")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building gohttpd in %s: %w\n%s", root, err, out)
	}
	return bin, nil
}
