package main

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// expirySoon is how early check warns of a certificate's end.
const expirySoon = 30 * 24 * time.Hour

// lintKeyPair warns when a certificate and key do not belong together, when
// the certificate has expired or expires soon, and when it is not yet
// valid. Apache checks none of this before it starts.
func lintKeyPair(files *directives.Files, certFile, keyFile string, now time.Time) []string {
	certPEM, err := files.ReadFile(certFile)
	if err != nil {
		return []string{fmt.Sprintf("certificate %s: %v", certFile, err)}
	}
	var warnings []string
	if keyFile == "" {
		keyFile = certFile // Apache reads the key from the certificate file then
	}
	keyPEM, err := files.ReadFile(keyFile)
	if err != nil {
		warnings = append(warnings, fmt.Sprintf("key %s: %v", keyFile, err))
	} else if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
		warnings = append(warnings, fmt.Sprintf("certificate %s and key %s do not go together: %v", certFile, keyFile, err))
	}
	var block *pem.Block
	for rest := certPEM; ; {
		block, rest = pem.Decode(rest)
		if block == nil || block.Type == "CERTIFICATE" {
			break
		}
	}
	if block == nil {
		return append(warnings, fmt.Sprintf("certificate %s holds no PEM certificate", certFile))
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return append(warnings, fmt.Sprintf("certificate %s: %v", certFile, err))
	}
	switch {
	case now.After(cert.NotAfter):
		warnings = append(warnings, fmt.Sprintf("certificate %s expired on %s", certFile, cert.NotAfter.UTC().Format(time.DateOnly)))
	case cert.NotAfter.Sub(now) < expirySoon:
		warnings = append(warnings, fmt.Sprintf("certificate %s expires on %s, within 30 days", certFile, cert.NotAfter.UTC().Format(time.DateOnly)))
	case now.Before(cert.NotBefore):
		warnings = append(warnings, fmt.Sprintf("certificate %s is not valid before %s", certFile, cert.NotBefore.UTC().Format(time.DateOnly)))
	}
	return warnings
}
