package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// config is the soak's command line.
type config struct {
	duration, every, warmup time.Duration
	workers                 int
}

// run soaks a fresh stack for cfg.duration, printing the samples to out.
func run(cfg config, out io.Writer) error {
	if cfg.warmup == 0 {
		cfg.warmup = min(cfg.duration/5, 2*time.Minute)
	}
	dir, err := os.MkdirTemp("", "gohttpd-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	auth := filepath.Join(dir, "auth")
	if err := os.Mkdir(auth, 0o755); err != nil {
		return err
	}
	if err := stack.WriteAuthDir(auth); err != nil {
		return err
	}
	srv, err := startChild(auth, filepath.Join(dir, "storage"))
	if err != nil {
		return err
	}
	defer srv.kill()
	l, err := newLoad(srv.addr, auth)
	if err != nil {
		return err
	}
	t := &table{}
	t.header(out)
	if t.before, err = srv.sample(); err != nil {
		return err
	}
	t.row("before", t.before, l, out)
	ctx, cancel := context.WithTimeout(context.Background(), cfg.duration)
	defer cancel()
	loaded := make(chan struct{})
	t.start = time.Now()
	go func() { l.run(ctx, cfg.workers); close(loaded) }()
	err = t.watch(ctx, cfg, srv, l, out)
	cancel() // also when the server failed before the time was up
	<-loaded
	if err == nil {
		err = t.atRest(srv, l, cfg.workers, out)
	}
	return errors.Join(err, t.check(cfg), l.failures(), srv.stop())
}

// watch samples srv every cfg.every until ctx ends.
func (t *table) watch(ctx context.Context, cfg config, srv *child, l *load, out io.Writer) error {
	tick := time.NewTicker(cfg.every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			s, err := srv.sample()
			if err != nil {
				return err
			}
			t.add(s, l, out)
		}
	}
}

// failures reports the failed requests, the first few in full.
func (l *load) failures() error {
	if n := l.fails.Load(); n > 0 {
		return fmt.Errorf("%d of %d operations failed; first:\n%w", n, l.done.Load(), errors.Join(l.first...))
	}
	return nil
}

// child is the serving process.
type child struct {
	cmd  *exec.Cmd
	addr string
	in   io.WriteCloser
	out  *bufio.Reader
}

// startChild starts this program again as the stack's process.
func startChild(auth, storage string) (*child, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), childEnv+"=1", authEnv+"="+auth, storageEnv+"="+storage)
	cmd.Stderr = os.Stderr // gohttpd's error log, live
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the stack: %w", err)
	}
	c := &child{cmd: cmd, in: in, out: bufio.NewReader(pipe)}
	if _, err := fmt.Fscanln(c.out, &c.addr); err != nil {
		c.kill()
		return nil, fmt.Errorf("starting the stack: %w", err)
	}
	return c, nil
}

// stop closes the child's stdin, which shuts the stack down, and waits
// for it to exit; a child that does not is a hang worth reporting.
func (c *child) stop() error {
	c.in.Close()
	exited := make(chan error, 1)
	go func() { exited <- c.cmd.Wait() }()
	select {
	case err := <-exited:
		if err != nil {
			return fmt.Errorf("the stack's shutdown: %w", err)
		}
		return nil
	case <-time.After(time.Minute):
		c.cmd.Process.Signal(os.Interrupt)
		return errors.New("the stack did not shut down within a minute")
	}
}

func (c *child) kill() {
	if c.cmd.ProcessState == nil {
		c.cmd.Process.Kill()
	}
}
