package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// The child learns its directories from the environment; childEnv set
// at all makes the program the child.
const (
	childEnv   = "GOHTTPD_SOAK_CHILD"
	authEnv    = "GOHTTPD_SOAK_AUTH"
	storageEnv = "GOHTTPD_SOAK_STORAGE"
)

// serveChild runs the stack, writes its address on a line of stdout,
// then answers each line read from stdin with its goroutine count and
// heap in use, until stdin closes; then it shuts the stack down. Its
// exit status says whether the shutdown was clean.
func serveChild() int {
	st, err := stack.Start(context.Background(), stack.Options{
		AuthDir: os.Getenv(authEnv),
		Listen:  "127.0.0.1:0",
		Storage: os.Getenv(storageEnv),
		Log:     &errorLines{w: os.Stderr},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(st.Addr)
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		fmt.Println(runtime.NumGoroutine(), m.HeapInuse)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := st.Shutdown(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "shutdown:", err)
		return 1
	}
	return 0
}

// errorLines passes on the error log's lines and drops the access log's:
// the stack sends both to one writer, and the access log of a soak is
// too long to read while the error log is what matters. Error log lines
// begin with the bracketed time; access log lines with the client.
type errorLines struct {
	mu   sync.Mutex
	w    io.Writer
	part []byte
}

func (e *errorLines) Write(p []byte) (int, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.part = append(e.part, p...)
	for {
		i := bytes.IndexByte(e.part, '\n')
		if i < 0 {
			return len(p), nil
		}
		if line := e.part[:i+1]; len(line) > 0 && line[0] == '[' {
			e.w.Write(line)
		}
		e.part = e.part[i+1:]
	}
}
