package tlsconf

import (
	"crypto/tls"
	"net"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

// recipeTLS loads the recipe's config with its example files mounted where
// it expects them, and builds its virtual host's TLS configuration.
func recipeTLS(t *testing.T, protocols []string) *tls.Config {
	t.Helper()
	dir, err := filepath.Abs("../../examples/registry")
	if err != nil {
		t.Fatal(err)
	}
	files := []directives.Mount{{Source: dir, Target: "/usr/local/apache2/conf"}}
	cfg, err := directives.Load(directives.Options{Mounts: files})
	if err != nil {
		t.Fatal(err)
	}
	tc, err := Build(&cfg.VirtualHosts[0].SSL, &directives.Files{Mounts: files}, protocols)
	if err != nil {
		t.Fatal(err)
	}
	return tc
}

// handshake serves one TLS handshake with server on 127.0.0.1 and returns
// what the client negotiated, or the client's error.
func handshake(t *testing.T, server, client *tls.Config) (tls.ConnectionState, error) {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", server)
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		_ = c.(*tls.Conn).Handshake()
	}()
	client.InsecureSkipVerify = true // the example certificate is self-signed
	conn, err := tls.Dial("tcp", ln.Addr().String(), client)
	if err != nil {
		return tls.ConnectionState{}, err
	}
	defer conn.Close()
	return conn.ConnectionState(), nil
}

func allSuites() []uint16 {
	var ids []uint16
	for _, s := range append(tls.CipherSuites(), tls.InsecureCipherSuites()...) {
		ids = append(ids, s.ID)
	}
	return ids
}

func TestRecipeCipherSuites(t *testing.T) {
	server := recipeTLS(t, nil)
	// The recipe's EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH, as
	// openssl ciphers lists it, less what Go lacks (DHE).
	tests := []struct {
		suite uint16
		ok    bool
	}{
		{tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, true},
		{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, true},
		{tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, true},
		{tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, false},
		{tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, false},
		{tls.TLS_RSA_WITH_AES_256_GCM_SHA384, false},
		{tls.TLS_RSA_WITH_AES_128_CBC_SHA, false},
	}
	for _, tt := range tests {
		state, err := handshake(t, server, &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{tt.suite}})
		if (err == nil) != tt.ok {
			t.Errorf("TLS 1.2 with only %s: err %v, want success %v", tls.CipherSuiteName(tt.suite), err, tt.ok)
		}
		if err == nil && state.CipherSuite != tt.suite {
			t.Errorf("negotiated %s, want %s", tls.CipherSuiteName(state.CipherSuite), tls.CipherSuiteName(tt.suite))
		}
	}
	state, err := handshake(t, server, &tls.Config{MaxVersion: tls.VersionTLS12, CipherSuites: allSuites()})
	if err != nil || !slices.Contains(server.CipherSuites, state.CipherSuite) {
		t.Errorf("TLS 1.2 offering every suite: %v, %s", err, tls.CipherSuiteName(state.CipherSuite))
	}
}

func TestRecipeVersions(t *testing.T) {
	server := recipeTLS(t, nil)
	// "SSLProtocol all -SSLv2 -SSLv3 -TLSv1": Apache with OpenSSL 3 also
	// refuses TLS 1.1 at its default security level.
	for _, v := range []struct {
		version uint16
		ok      bool
	}{{tls.VersionTLS10, false}, {tls.VersionTLS11, false}, {tls.VersionTLS12, true}, {tls.VersionTLS13, true}} {
		client := &tls.Config{MinVersion: v.version, MaxVersion: v.version, CipherSuites: allSuites()}
		state, err := handshake(t, server, client)
		if (err == nil) != v.ok {
			t.Errorf("%s: err %v, want success %v", tls.VersionName(v.version), err, v.ok)
		}
		if err == nil && state.Version != v.version {
			t.Errorf("negotiated %s, want %s", tls.VersionName(state.Version), tls.VersionName(v.version))
		}
	}
}

func TestALPN(t *testing.T) {
	tests := []struct {
		name      string
		protocols []string
		offer     []string
		want      string
	}{
		{"http/1.1 only by default", nil, []string{"h2", "http/1.1"}, "http/1.1"},
		{"h2 when Protocols lists it", []string{"h2", "http/1.1"}, []string{"h2", "http/1.1"}, "h2"},
		{"http/1.1 when the client offers it and Protocols leaves it out", []string{"h2"}, []string{"spdy/3", "http/1.1"}, "http/1.1"},
		{"no handshake for a client offering only h2", nil, []string{"h2"}, "failed"},
		{"no handshake for a client offering only http/1.0", []string{"h2", "http/1.1"}, []string{"http/1.0"}, "failed"},
		{"no ALPN", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			state, err := handshake(t, recipeTLS(t, tt.protocols), &tls.Config{NextProtos: tt.offer})
			if tt.want == "failed" {
				if err == nil {
					t.Errorf("handshake done, negotiated %q", state.NegotiatedProtocol)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if state.NegotiatedProtocol != tt.want {
				t.Errorf("negotiated %q, want %q", state.NegotiatedProtocol, tt.want)
			}
		})
	}
}

// TestSessionTickets resumes a TLS 1.2 session by ticket, as Apache allows
// by default, and cannot once SSLSessionTickets is off.
func TestSessionTickets(t *testing.T) {
	dir, err := filepath.Abs("../../examples/registry")
	if err != nil {
		t.Fatal(err)
	}
	mounts := []directives.Mount{{Source: dir, Target: "/usr/local/apache2/conf"}}
	cfg, err := directives.Load(directives.Options{Mounts: mounts})
	if err != nil {
		t.Fatal(err)
	}
	for _, on := range []bool{true, false} {
		ssl := cfg.VirtualHosts[0].SSL
		if !on {
			ssl.SessionTickets = &on
		}
		server, err := Build(&ssl, &directives.Files{Mounts: mounts}, nil)
		if err != nil {
			t.Fatal(err)
		}
		client := &tls.Config{MaxVersion: tls.VersionTLS12, ClientSessionCache: tls.NewLRUClientSessionCache(1)}
		if _, err := handshake(t, server, client); err != nil {
			t.Fatal(err)
		}
		state, err := handshake(t, server, client)
		if err != nil {
			t.Fatal(err)
		}
		if state.DidResume != on {
			t.Errorf("SSLSessionTickets %v: resumed %v", on, state.DidResume)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(&directives.SSLServerConfig{}, nil, nil); err == nil {
		t.Error("no certificate built a configuration")
	}
	s := &directives.SSLServerConfig{CertificateFiles: []string{filepath.Join(t.TempDir(), "missing.crt")}}
	if _, err := Build(s, nil, nil); err == nil {
		t.Error("a missing certificate file built a configuration")
	}
}

// TestTicketsThroughPerConnectionConfig resumes sessions when each
// connection starts from a config of its own whose GetConfigForClient
// returns the server's, as a listener choosing the virtual host by SNI
// does: Go's automatic ticket keys would belong to that per-connection
// config and never resume.
func TestTicketsThroughPerConnectionConfig(t *testing.T) {
	server := recipeTLS(t, nil)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			outer := &tls.Config{GetConfigForClient: func(hello *tls.ClientHelloInfo) (*tls.Config, error) {
				if alt, err := server.GetConfigForClient(hello); alt != nil || err != nil {
					return alt, err
				}
				return server, nil
			}}
			go func() {
				defer c.Close()
				conn := tls.Server(c, outer)
				// An echoed byte carries the client past the TLS 1.3
				// ticket, which comes after the handshake.
				b := make([]byte, 1)
				if _, err := conn.Read(b); err == nil {
					_, _ = conn.Write(b)
				}
			}()
		}
	}()
	for _, version := range []uint16{tls.VersionTLS12, tls.VersionTLS13} {
		client := &tls.Config{InsecureSkipVerify: true, MaxVersion: version, ClientSessionCache: tls.NewLRUClientSessionCache(1)}
		var resumed bool
		for range 2 {
			conn, err := tls.Dial("tcp", ln.Addr().String(), client)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Write([]byte("x")); err != nil {
				t.Fatal(err)
			}
			if _, err := conn.Read(make([]byte, 1)); err != nil {
				t.Fatal(err)
			}
			resumed = conn.ConnectionState().DidResume
			conn.Close()
		}
		if !resumed {
			t.Errorf("%s: the second connection did not resume", tls.VersionName(version))
		}
	}
}
