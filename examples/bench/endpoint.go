package main

import (
	"context"
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// endpoint is how the benchmark's clients reach one target: the registry
// itself over plain HTTP, or a proxy over TLS as the recipe's users do
// (https://myregistrydomain.com:PORT, the recipe's certificate trusted).
type endpoint struct {
	addr string // 127.0.0.1:port
	auth *authDir
	tls  bool
}

// port is the endpoint's port.
func (ep endpoint) port() string {
	_, p, _ := net.SplitHostPort(ep.addr)
	return p
}

// base is the URL prefix clients use: the recipe's host name over TLS.
func (ep endpoint) base() string {
	if !ep.tls {
		return "http://" + ep.addr
	}
	return "https://" + host + ":" + ep.port()
}

// transport connects every request to the endpoint, verifying TLS
// against the recipe's certificate.
func (ep endpoint) transport() *http.Transport {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return &http.Transport{
		TLSClientConfig: &tls.Config{RootCAs: ep.auth.roots, ServerName: host},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			return d.DialContext(ctx, network, ep.addr)
		},
		MaxIdleConnsPerHost: 8,
		WriteBufferSize:     256 << 10,
		ReadBufferSize:      256 << 10,
	}
}
