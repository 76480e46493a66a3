package directives

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
)

// loadConfig writes files (name → content; "httpd.conf" is the config) into
// a fresh ServerRoot and loads the config from there with opts.
func loadConfig(t *testing.T, files map[string]string, opts Options) (*Config, error) {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	opts.ServerRoot = root
	opts.File = "httpd.conf"
	if opts.Getenv == nil {
		opts.Getenv = func(string) (string, bool) { return "", false }
	}
	if opts.Resolver == nil {
		opts.Resolver = localResolver
	}
	return Load(opts)
}

// localResolver answers from /etc/hosts only: its DNS queries go to a port
// on 127.0.0.1 where nothing listens, so tests ask nothing beyond this
// machine.
var localResolver = &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, network, _ string) (net.Conn, error) {
	var d net.Dialer
	return d.DialContext(ctx, network, "127.0.0.1:9")
}}
