package main

import (
	"bufio"
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// host is the recipe's host name, which its certificate names.
const host = stack.Host

// user is a client of the benchmark: the recipe's users and one whose
// password is hashed at bcrypt cost 10 (htpasswd -B's default since 2.4.x
// is 5, but many files hold 10 or more).
type user struct{ name, password string }

var (
	reader   = user{"testuser", "testpassword"}         // the recipe's, cost 5
	pusher   = user{"testuserpush", "testpasswordpush"} // the recipe's, cost 5, group pusher
	reader10 = user{"benchuser10", "benchpassword10"}   // cost 10
)

// authDir is the recipe's auth directory as its setup makes it (a fresh
// certificate, both users, the pusher group), plus reader10.
type authDir struct {
	dir   string
	roots *x509.CertPool
}

// makeAuthDir writes the auth directory under work.
func makeAuthDir(work string) (*authDir, error) {
	dir := filepath.Join(work, "auth")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("auth directory: %w", err)
	}
	if err := stack.WriteAuthDir(dir); err != nil {
		return nil, err
	}
	h, err := bcrypt.GenerateFromPassword([]byte(reader10.password), 10)
	if err != nil {
		return nil, fmt.Errorf("htpasswd %s: %w", reader10.name, err)
	}
	line := reader10.name + ":$2y$" + string(h[4:]) + "\n" // as htpasswd -B writes it
	f, err := os.OpenFile(filepath.Join(dir, "httpd.htpasswd"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("auth directory: %w", err)
	}
	_, err = f.WriteString(line)
	if err = errors.Join(err, f.Close()); err != nil {
		return nil, fmt.Errorf("auth directory: %w", err)
	}
	pem, err := os.ReadFile(filepath.Join(dir, "domain.crt"))
	if err != nil {
		return nil, err
	}
	a := &authDir{dir: dir, roots: x509.NewCertPool()}
	if !a.roots.AppendCertsFromPEM(pem) {
		return nil, errors.New("domain.crt holds no certificate")
	}
	return a, nil
}

// path names a file of the auth directory.
func (a *authDir) path(name string) string { return filepath.Join(a.dir, name) }

// htpasswd returns the password file's users and hashes, in file order.
func (a *authDir) htpasswd() ([][2]string, error) {
	b, err := os.ReadFile(a.path("httpd.htpasswd"))
	if err != nil {
		return nil, err
	}
	var out [][2]string
	s := bufio.NewScanner(bytes.NewReader(b))
	for s.Scan() {
		if name, hash, ok := strings.Cut(strings.TrimSpace(s.Text()), ":"); ok {
			out = append(out, [2]string{name, hash})
		}
	}
	return out, s.Err()
}

// pushers is what the recipe's `Require group pusher` lets write, for
// proxies without group files (nginx, Caddy).
func pushers(u [2]string) bool { return u[0] == pusher.name }
