package tlsconf

import (
	"crypto/tls"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// twin is the same TLS setup served by real Apache and by a Go listener
// with Build's configuration.
type twin struct {
	apache, ours string // 127.0.0.1:port
}

// startTwin runs Apache on a config with the recipe's certificate and TLS
// settings, honor being SSLHonorCipherOrder, and serves Build's
// configuration of the same file.
func startTwin(t *testing.T, honor string) twin {
	t.Helper()
	apachetest.Require(t)
	examples, err := filepath.Abs("../../examples/registry")
	if err != nil {
		t.Fatal(err)
	}
	root := apachetest.NewRoot(t)
	conf := root.Head() + strings.Join([]string{
		"LoadModule ssl_module modules/mod_ssl.so",
		"LoadModule authz_core_module modules/mod_authz_core.so",
		"SSLEngine on",
		"SSLCertificateFile " + filepath.Join(examples, "domain.crt"),
		"SSLCertificateKeyFile " + filepath.Join(examples, "domain.key"),
		"SSLProtocol all -SSLv2 -SSLv3 -TLSv1",
		"SSLCipherSuite EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH",
		"SSLHonorCipherOrder " + honor,
	}, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	cfg, err := directives.Load(directives.Options{ServerRoot: root.Dir, File: "httpd.conf"})
	if err != nil {
		t.Fatal(err)
	}
	server, err := Build(&cfg.Main.SSL, &directives.Files{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := tls.Listen("tcp", "127.0.0.1:0", server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.(*tls.Conn).Handshake()
			}()
		}
	}()
	return twin{apache: root.Addr, ours: ln.Addr().String()}
}

// openSSLCipher makes a TLS 1.2 handshake with openssl s_client, which
// offers the suites in the order given (Go's client would reorder them),
// and returns the suite the server chose, or "" when the handshake failed.
func openSSLCipher(t *testing.T, addr, ciphers string) string {
	t.Helper()
	cmd := exec.Command("openssl", "s_client", "-connect", addr, "-tls1_2", "-cipher", ciphers)
	cmd.Stdin = strings.NewReader("")
	cmd.WaitDelay = 10 * time.Second
	out, _ := cmd.CombinedOutput()
	m := regexp.MustCompile(`(?m)^\s*Cipher\s*: (\S+)$`).FindSubmatch(out)
	if m == nil || string(m[1]) == "0000" {
		return ""
	}
	return string(m[1])
}

// TestCipherChoiceAsApache offers TLS 1.2 suites in several orders and
// checks that gohttpd picks the suite Apache picks, with
// SSLHonorCipherOrder on (the server's order) and off (the client's).
func TestCipherChoiceAsApache(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("openssl"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("openssl is needed in CI")
		}
		t.Skip("openssl is not installed")
	}
	tests := []struct {
		honor, offer, want string
	}{
		{"on", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
		{"on", "ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
		{"on", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-SHA", "ECDHE-RSA-AES256-SHA"},
		{"on", "AES128-SHA:ECDHE-RSA-AES128-SHA", ""},
		{"off", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES128-GCM-SHA256"},
		{"off", "ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-SHA"},
		{"off", "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"},
	}
	servers := map[string]twin{}
	for _, honor := range []string{"on", "off"} {
		servers[honor] = startTwin(t, honor)
	}
	for _, tt := range tests {
		s := servers[tt.honor]
		apache, ours := openSSLCipher(t, s.apache, tt.offer), openSSLCipher(t, s.ours, tt.offer)
		if apache != tt.want {
			t.Errorf("SSLHonorCipherOrder %s, offer %s: Apache chose %q, the test expects %q", tt.honor, tt.offer, apache, tt.want)
		}
		if ours != apache {
			t.Errorf("SSLHonorCipherOrder %s, offer %s: gohttpd chose %q, Apache %q", tt.honor, tt.offer, ours, apache)
		}
	}
}

// TestALPNAsApache offers ALPN lists to Apache (without mod_http2) and to
// gohttpd: both complete the handshake exactly when the client offers
// http/1.1, and agree on the protocol.
func TestALPNAsApache(t *testing.T) {
	t.Parallel()
	s := startTwin(t, "on")
	for _, offer := range [][]string{nil, {"h2"}, {"http/1.0"}, {"spdy/3"}, {"h2", "http/1.1"}, {"spdy/3", "http/1.1"}, {"http/1.1", "h2"}} {
		var got [2]string
		for i, addr := range []string{s.apache, s.ours} {
			client := &tls.Config{InsecureSkipVerify: true, NextProtos: offer}
			conn, err := tls.Dial("tcp", addr, client)
			if err != nil {
				got[i] = "failed"
				continue
			}
			got[i] = "done " + conn.ConnectionState().NegotiatedProtocol
			conn.Close()
		}
		if got[0] != got[1] {
			t.Errorf("ALPN %q: Apache %s, gohttpd %s", offer, got[0], got[1])
		}
		if want := "failed"; offer != nil && !slices.Contains(offer, HTTP11) && got[0] != want {
			t.Errorf("ALPN %q: Apache %s, the test expects %s", offer, got[0], want)
		}
	}
}
