// Package tlsconf builds the TLS configuration that a server's mod_ssl
// settings make: certificates and keys, protocol versions, cipher suites,
// session tickets and ALPN.
package tlsconf

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"encoding/pem"
	"errors"
	"fmt"
	"slices"

	"github.com/gohttpd/gohttpd/directives"
)

// HTTP11 is the protocol Apache speaks when ALPN names none it knows.
const HTTP11 = "http/1.1"

// Build returns the TLS configuration for a server with the SSL settings s,
// reading its files through files. protocols are the application
// protocols the server speaks, in its order of preference (Apache's
// Protocols less those no loaded module serves); nil means http/1.1.
//
// TLS 1.2 suites are chosen as OpenSSL does, in SSLHonorCipherOrder's
// order; Go always offers its own TLS 1.3 suites and picks among them
// itself, so SSLCipherSuite TLSv1.3 has no effect. The configuration must
// not be changed afterwards: its GetConfigForClient hands out copies made
// here.
func Build(s *directives.SSLServerConfig, files *directives.Files, protocols []string) (*tls.Config, error) {
	if len(s.CertificateFiles) == 0 {
		return nil, errors.New("SSLCertificateFile: no certificate configured")
	}
	minV, maxV, ok := s.Versions()
	if !ok {
		return nil, errors.New("SSLProtocol: no protocol version left to speak")
	}
	suites := s.EffectiveCipherSuite()
	if suites.Err != nil {
		return nil, fmt.Errorf("SSLCipherSuite %s: %w", suites.Spec, suites.Err)
	}
	if len(suites.Suites) == 0 && maxV < tls.VersionTLS13 {
		return nil, fmt.Errorf("SSLCipherSuite %s: no cipher suite for the versions SSLProtocol allows", suites.Spec)
	}
	cfg := &tls.Config{
		MinVersion:   minV,
		MaxVersion:   maxV,
		CipherSuites: slices.Clone(suites.Suites),
		NextProtos:   alpn(protocols),
	}
	for i, certFile := range s.CertificateFiles {
		keyFile := certFile // the key may be in the certificate's file
		if i < len(s.CertificateKeyFiles) {
			keyFile = s.CertificateKeyFiles[i]
		}
		cert, err := loadPair(files, certFile, keyFile, s.CertificateChainFile)
		if err != nil {
			return nil, err
		}
		cfg.Certificates = append(cfg.Certificates, cert)
	}
	if err := setTicketKey(cfg, s, files); err != nil {
		return nil, err
	}
	ch := newChooser(cfg, s.HonorCipherOrder != nil && *s.HonorCipherOrder)
	cfg.GetConfigForClient = ch.configForClient
	return cfg, nil
}

// alpn is the ALPN list a server offers: its protocols Go can speak over
// TLS, http/1.1 when none.
func alpn(protocols []string) []string {
	var out []string
	for _, p := range protocols {
		if (p == "h2" || p == HTTP11) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{HTTP11}
	}
	return out
}

// loadPair reads a certificate with its key, and the chain that follows it
// in the certificate file and in the chain file, as mod_ssl sends them.
func loadPair(files *directives.Files, certFile, keyFile, chainFile string) (tls.Certificate, error) {
	certPEM, err := files.ReadFile(certFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("SSLCertificateFile: %w", err)
	}
	keyPEM, err := files.ReadFile(keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("SSLCertificateKeyFile: %w", err)
	}
	if chainFile != "" {
		chain, err := files.ReadFile(chainFile)
		if err != nil {
			return tls.Certificate{}, fmt.Errorf("SSLCertificateChainFile: %w", err)
		}
		certPEM = append(append(certPEM, '\n'), onlyCertificates(chain)...)
	}
	pair, err := tls.X509KeyPair(certPEM, keyPEM)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("certificate %s with key %s: %w", certFile, keyFile, err)
	}
	return pair, nil
}

// onlyCertificates keeps the CERTIFICATE blocks of a PEM file.
func onlyCertificates(data []byte) []byte {
	var out []byte
	for {
		var block *pem.Block
		block, data = pem.Decode(data)
		if block == nil {
			return out
		}
		if block.Type == "CERTIFICATE" {
			out = append(out, pem.EncodeToMemory(block)...)
		}
	}
}

// setTicketKey gives the configuration its session ticket key: the one
// SSLSessionTicketKeyFile holds, or a random one for the server's life as
// OpenSSL makes, so that every copy handed out per client and every
// connection share it (Go's automatic keys belong to the config a
// handshake starts from). SSLSessionTickets off disables tickets.
func setTicketKey(cfg *tls.Config, s *directives.SSLServerConfig, files *directives.Files) error {
	if s.SessionTickets != nil && !*s.SessionTickets {
		cfg.SessionTicketsDisabled = true
		return nil
	}
	var key [32]byte
	if s.SessionTicketKeyFile != "" {
		var err error
		if key, err = ticketKey(files, s.SessionTicketKeyFile); err != nil {
			return err
		}
	} else if _, err := rand.Read(key[:]); err != nil {
		return fmt.Errorf("session ticket key: %w", err)
	}
	cfg.SetSessionTicketKeys([][32]byte{key})
	return nil
}

// ticketKey derives Go's ticket key from SSLSessionTicketKeyFile's 48 bytes
// (Apache's key name, HMAC secret and AES key), so that servers sharing the
// file share tickets with each other, though not with Apache.
func ticketKey(files *directives.Files, name string) ([32]byte, error) {
	data, err := files.ReadFile(name)
	if err != nil {
		return [32]byte{}, fmt.Errorf("SSLSessionTicketKeyFile: %w", err)
	}
	if len(data) != 48 {
		return [32]byte{}, fmt.Errorf("SSLSessionTicketKeyFile %s: %d bytes, want 48", name, len(data))
	}
	return sha256.Sum256(data), nil
}
