package errorlog

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
)

// pipedLog is a piped log: a program reading the lines on its standard
// input, as Apache's piped logs.
type pipedLog struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	mu   sync.Mutex
	once sync.Once
	err  error
}

// openPipe starts the program of a "|command" target. Apache 2.4 runs
// "|prog args" and "||prog args" directly, splitting the words as its
// apr_tokenize_to_argv does, and "|$command" through the shell; the
// program runs in the ServerRoot.
func openPipe(target string, o OpenOptions) (io.WriteCloser, error) {
	command := strings.TrimPrefix(strings.TrimPrefix(target, "|"), "|")
	var args []string
	if rest, ok := strings.CutPrefix(command, "$"); ok {
		args = []string{"/bin/sh", "-c", rest}
	} else {
		args = tokenize(command)
	}
	if len(args) == 0 {
		return nil, fmt.Errorf("log %q: no command to pipe to", target)
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = o.Files.Path(o.ServerRoot)
	cmd.Stdout, cmd.Stderr = stderr(o), stderr(o)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("log %q: %w", target, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("couldn't start log process %q: %w", command, err)
	}
	return &pipedLog{cmd: cmd, in: in}, nil
}

// Write writes p to the program whole; a pipe takes up to PIPE_BUF bytes
// atomically, and the lock keeps larger lines whole too.
func (p *pipedLog) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.in.Write(b)
}

// Close ends the program's input and waits for it to finish.
func (p *pipedLog) Close() error {
	p.once.Do(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.in.Close()
		p.err = p.cmd.Wait()
	})
	return p.err
}

// tokenize splits a command line into words as APR's
// apr_tokenize_to_argv: blanks separate words, double or single quotes
// group them, and a backslash takes the next character as it is.
func tokenize(s string) []string {
	var words []string
	var w strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote == 0 && (c == ' ' || c == '\t'):
			if inWord {
				words, inWord = append(words, w.String()), false
				w.Reset()
			}
			continue
		case c == '\\' && i+1 < len(s):
			i++
			c = s[i]
		case quote == 0 && (c == '"' || c == '\''):
			quote, inWord = c, true
			continue
		case c == quote:
			quote = 0
			continue
		}
		w.WriteByte(c)
		inWord = true
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}
