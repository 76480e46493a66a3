package directives

import (
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
	return Load(opts)
}
