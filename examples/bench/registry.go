package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/distribution/distribution/v3/configuration"
	"github.com/distribution/distribution/v3/registry/handlers"
	_ "github.com/distribution/distribution/v3/registry/storage/driver/filesystem" // the registry's storage
	"github.com/sirupsen/logrus"
)

// registryEnv, set to a storage directory, makes the benchmark's binary
// (or its test binary) serve the registry instead: the benchmark starts
// the registry as a process of its own, so the proxy under test and the
// client never share a Go runtime with it.
const registryEnv = "GOHTTPD_BENCH_REGISTRY"

// registryConfig is the registry:3 image's configuration as one process
// needs it: filesystem storage, the in-memory descriptor cache, the
// nosniff header, no upload purging (storage is thrown away after).
const registryConfig = `version: 0.1
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: %q
  maintenance:
    uploadpurging:
      enabled: false
http:
  headers:
    X-Content-Type-Options: [nosniff]
`

// serveRegistry is the registry mode: it serves the distribution registry
// on a free port of 127.0.0.1, prints that address as its first line and
// serves until SIGTERM or SIGINT.
func serveRegistry(storage string) error {
	cfg, err := configuration.Parse(strings.NewReader(fmt.Sprintf(registryConfig, storage)))
	if err != nil {
		return fmt.Errorf("registry configuration: %w", err)
	}
	logrus.SetOutput(io.Discard) // a request log line costs the registry the same for every proxy
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("registry: %w", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	srv := &http.Server{Handler: handlers.NewApp(ctx, cfg)}
	go func() { <-ctx.Done(); srv.Close() }()
	fmt.Println(l.Addr())
	if err := srv.Serve(l); err != http.ErrServerClosed {
		return fmt.Errorf("registry: %w", err)
	}
	return nil
}

// startRegistry runs this binary again in registry mode with storage
// under work, and returns it with its address.
func startRegistry(work string) (*process, string, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, "", fmt.Errorf("registry: %w", err)
	}
	storage := filepath.Join(work, "registry")
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), registryEnv+"="+storage)
	addrs, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", fmt.Errorf("registry: %w", err)
	}
	cmd.Stderr = os.Stderr
	p := &process{name: "registry", cmd: cmd, log: os.DevNull, done: make(chan struct{}), started: time.Now()}
	if err := cmd.Start(); err != nil {
		return nil, "", fmt.Errorf("registry: %w", err)
	}
	line, err := bufio.NewReader(addrs).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, addrs); _ = cmd.Wait(); close(p.done) }()
	if err != nil {
		p.stop()
		return nil, "", fmt.Errorf("registry did not start: %w", err)
	}
	return p, strings.TrimSpace(line), nil
}
