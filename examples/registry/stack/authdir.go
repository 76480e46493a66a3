package stack

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/gohttpd/gohttpd/examples/registry"
)

// users are the recipe's two users and their passwords, as its setup
// makes them: testuserpush may push, testuser may only pull.
var users = [][2]string{{"testuser", "testpassword"}, {"testuserpush", "testpasswordpush"}}

// WriteAuthDir fills dir as the recipe's setup makes its auth directory:
// the recipe's httpd.conf, a fresh self-signed certificate and key for
// myregistrydomain.com (also naming localhost and 127.0.0.1, so local
// clients need no name mapping), both users in httpd.htpasswd as
// `htpasswd -Bbn` writes them, and httpd.groups with the pusher group.
func WriteAuthDir(dir string) error {
	crt, key, err := selfSigned()
	if err != nil {
		return err
	}
	htpasswd, err := htpasswdLines()
	if err != nil {
		return err
	}
	files := []struct {
		name string
		data []byte
		mode os.FileMode
	}{
		{"httpd.conf", []byte(registry.HTTPDConf), 0o644},
		{"domain.crt", crt, 0o644},
		{"domain.key", key, 0o600},
		{"httpd.htpasswd", htpasswd, 0o644},
		{"httpd.groups", []byte("pusher: testuserpush\n"), 0o644},
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, f.mode); err != nil {
			return fmt.Errorf("auth directory: %w", err)
		}
	}
	return nil
}

// selfSigned makes the certificate and key the recipe's openssl step
// makes: RSA, self-signed, the recipe's host name as subject.
func selfSigned() (crt, key []byte, err error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, fmt.Errorf("certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 64))
	if err != nil {
		return nil, nil, fmt.Errorf("certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: Host},
		DNSNames:              []string{Host, "localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(1, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true, // self-signed: clients trust it as its own root
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		return nil, nil, fmt.Errorf("certificate: %w", err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return nil, nil, fmt.Errorf("certificate key: %w", err)
	}
	crt = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	key = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	return crt, key, nil
}

// htpasswdLines writes both users as `htpasswd -Bbn` does: bcrypt at the
// recipe's cost 5 with Apache's $2y$ prefix (the same algorithm as Go's
// $2a$).
func htpasswdLines() ([]byte, error) {
	var out []byte
	for _, u := range users {
		h, err := bcrypt.GenerateFromPassword([]byte(u[1]), 5)
		if err != nil {
			return nil, fmt.Errorf("htpasswd %s: %w", u[0], err)
		}
		if len(h) < 4 || string(h[:4]) != "$2a$" {
			return nil, errors.New("htpasswd: bcrypt wrote an unknown prefix")
		}
		copy(h, "$2y$")
		out = fmt.Appendf(out, "%s:%s\n", u[0], h)
	}
	return out, nil
}
