package kubernetes

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"os"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// The recipe's users: the pusher may push, the reader may only pull.
var (
	pusher = &authn.Basic{Username: "testuserpush", Password: "testpasswordpush"}
	reader = &authn.Basic{Username: "testuser", Password: "testpassword"}
)

// transportTo connects every request to addr as the recipe's users reach
// the registry, https://myregistrydomain.com:5043, trusting the
// certificate in the file cert.
func transportTo(t testing.TB, addr, cert string) *http.Transport {
	t.Helper()
	pem, err := os.ReadFile(cert)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no certificate", cert)
	}
	var d net.Dialer
	return &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: roots, ServerName: stack.Host},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, addr)
		},
	}
}

// writeFile writes a test's file or fails the test.
func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// authDir is a fresh auth directory as the recipe's setup makes it.
func authDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := stack.WriteAuthDir(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}
