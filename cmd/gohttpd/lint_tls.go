package main

import (
	"crypto"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// expirySoon is how early check warns of a certificate's end.
const expirySoon = 30 * 24 * time.Hour

// lintTLS checks the server's certificates, keys and chain file. Apache
// checks none of this before it starts: a key that does not match stops it
// at start (AH02565), an expired certificate makes every client refuse it.
func (l *linter) lintTLS(s *directives.Server) {
	ssl := &s.SSL
	for i, cert := range ssl.CertificateFiles {
		key := ""
		if i < len(ssl.CertificateKeyFiles) {
			key = ssl.CertificateKeyFiles[i]
		}
		if strings.HasPrefix(cert, "pkcs11:") || strings.HasPrefix(key, "pkcs11:") {
			continue // the token holds them; nothing to read
		}
		certAt, certOwn := l.serverOrigin(s, "SSLCertificateFile", i)
		for _, f := range lintCertificates(l.files, cert, false, l.now) {
			l.add(certAt, "%s", f)
		}
		if key == "" {
			l.addKeyPair(certAt, cert, cert, "")
			continue
		}
		keyAt, keyOwn := l.serverOrigin(s, "SSLCertificateKeyFile", i)
		if s.Virtual && certOwn && !keyOwn {
			// Apache pairs certificates and keys by position after merging
			// each list: a host's own certificate gets the main server's key.
			l.addKeyPair(certAt, cert, key, fmt.Sprintf(
				" (the key is the main server's, at %s: this virtual host gives no key of its own for its certificate and inherits it)", keyAt))
			continue
		}
		l.addKeyPair(keyAt, cert, key, "")
	}
	if chain := ssl.CertificateChainFile; chain != "" {
		chainAt, _ := l.serverOrigin(s, "SSLCertificateChainFile", 0)
		for _, f := range lintCertificates(l.files, chain, true, l.now) {
			l.add(chainAt, "%s", f)
		}
	}
}

// addKeyPair adds lintKeyPair's findings at where, each followed by note.
func (l *linter) addKeyPair(where, cert, key, note string) {
	for _, f := range lintKeyPair(l.files, cert, key) {
		l.add(where, "%s%s", f, note)
	}
}

// lintCertificates warns of each certificate in the file that has expired,
// expires within expirySoon, or is not yet valid. In a certificate file
// the first is the server's own and the others its chain, which Apache
// sends along; a chain file holds only the chain.
func lintCertificates(files *directives.Files, file string, chain bool, now time.Time) []string {
	data, err := files.ReadFile(file)
	if err != nil {
		return []string{fmt.Sprintf("certificate %s cannot be read: %s", file, reason(err))}
	}
	certs, err := parseCertificates(data)
	if err != nil {
		return []string{fmt.Sprintf("certificate %s: %v", file, err)}
	}
	var warnings []string
	for i, cert := range certs {
		name := "certificate " + file
		if i > 0 || chain {
			name = fmt.Sprintf("certificate %d (%s) in %s", i+1, cert.Subject, file)
		}
		if w := validity(cert, now); w != "" {
			warnings = append(warnings, name+" "+w)
		}
	}
	return warnings
}

// validity says what is wrong with the certificate's dates at now, or "".
func validity(cert *x509.Certificate, now time.Time) string {
	day := func(t time.Time) string { return t.UTC().Format(time.DateOnly) }
	switch {
	case now.After(cert.NotAfter):
		return "expired on " + day(cert.NotAfter)
	case now.Before(cert.NotBefore):
		return "is not valid before " + day(cert.NotBefore)
	case cert.NotAfter.Sub(now) < expirySoon:
		return fmt.Sprintf("expires on %s, within %d days", day(cert.NotAfter), int(expirySoon.Hours()/24))
	}
	return ""
}

// parseCertificates reads the certificates of a PEM file (other blocks
// skipped), or of a DER one, as Apache accepts both.
func parseCertificates(data []byte) ([]*x509.Certificate, error) {
	var certs []*x509.Certificate
	sawPEM := false
	for rest := data; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		sawPEM = true
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		certs = append(certs, cert)
	}
	switch {
	case len(certs) > 0:
		return certs, nil
	case sawPEM:
		return nil, fmt.Errorf("holds no PEM certificate")
	}
	cert, err := x509.ParseCertificate(data)
	if err != nil {
		return nil, fmt.Errorf("neither PEM nor DER: %v", err)
	}
	return []*x509.Certificate{cert}, nil
}

// lintKeyPair warns when the key does not belong to the certificate, which
// stops Apache at start. Without a key file of its own, a certificate's key
// is in the certificate file (keyFile is certFile then).
func lintKeyPair(files *directives.Files, certFile, keyFile string) []string {
	data, err := files.ReadFile(keyFile)
	if err != nil {
		return []string{fmt.Sprintf("key %s cannot be read: %s", keyFile, reason(err))}
	}
	key, encrypted := parsePrivateKey(data)
	switch {
	case encrypted:
		return []string{fmt.Sprintf("key %s is encrypted with a pass phrase; check cannot tell whether it matches certificate %s", keyFile, certFile)}
	case key == nil:
		return []string{fmt.Sprintf("key %s holds no private key that can be read", keyFile)}
	}
	certData, err := files.ReadFile(certFile)
	if err != nil {
		return nil // lintCertificates says so
	}
	certs, err := parseCertificates(certData)
	if err != nil {
		return nil
	}
	pub, ok := certs[0].PublicKey.(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(key.Public()) {
		return []string{fmt.Sprintf("key %s does not match certificate %s: Apache refuses to start (AH02565)", keyFile, certFile)}
	}
	return nil
}

// parsePrivateKey finds the private key of a PEM or DER file; encrypted
// reports a key behind a pass phrase.
func parsePrivateKey(data []byte) (key crypto.Signer, encrypted bool) {
	for rest := data; ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if !strings.HasSuffix(block.Type, "PRIVATE KEY") {
			continue
		}
		if block.Type == "ENCRYPTED PRIVATE KEY" || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED") {
			return nil, true
		}
		return parseKeyDER(block.Bytes), false
	}
	return parseKeyDER(data), false
}

// parseKeyDER reads a PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) private key.
func parseKeyDER(der []byte) crypto.Signer {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		if s, ok := k.(crypto.Signer); ok {
			return s
		}
	}
	if k, err := x509.ParsePKCS1PrivateKey(der); err == nil {
		return k
	}
	if k, err := x509.ParseECPrivateKey(der); err == nil {
		return k
	}
	return nil
}
