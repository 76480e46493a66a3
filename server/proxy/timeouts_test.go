package proxy

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// TestTimeoutsFor checks which timeouts a backend URL gets, as Apache's
// ap_proxy_connect_backend picks them: the worker's timeout= (which takes
// ProxyTimeout as it stood when the worker was defined), else the
// server's ProxyTimeout, else its Timeout; connectiontimeout= for
// connecting only; the worker with the longest name that starts the URL,
// as defined (a rule whose URL an earlier worker's name starts shares
// that worker).
// The server tests compare the timeouts themselves with apache2.
func TestTimeoutsFor(t *testing.T) {
	t.Parallel()
	const s = time.Second
	cases := []struct {
		conf string
		url  string
		want timeouts
	}{
		{"Timeout 60\n", "http://a/x", timeouts{60 * s, 60 * s}},
		{"ProxyTimeout 7\nProxyPass /a http://a/\n", "http://a/x", timeouts{7 * s, 7 * s}},
		{"ProxyPass /a http://a/\nProxyTimeout 7\n", "http://a/x", timeouts{7 * s, 7 * s}},
		{"ProxyTimeout 7\nProxyPass /a http://a/ timeout=3\n", "http://a/x", timeouts{3 * s, 3 * s}},
		{"ProxyPass /a http://a/ timeout=3 connectiontimeout=1\n", "http://a/x", timeouts{1 * s, 3 * s}},
		{"Timeout 20\nProxyPass /a http://a/ connectiontimeout=2\n", "http://a/x", timeouts{2 * s, 20 * s}},
		{"Timeout 20\nProxyPass /a http://a/ timeout=3\n", "http://other/x", timeouts{20 * s, 20 * s}},
		{"ProxyPass /b http://h/b/ timeout=5\nProxyPass /a http://h/ timeout=3\n", "http://h/b/x", timeouts{5 * s, 5 * s}},
		{"ProxyPass /b http://h/b/ timeout=5\nProxyPass /a http://h/ timeout=3\n", "http://h/c", timeouts{3 * s, 3 * s}},
		// The second rule shares the first one's worker, whose name
		// starts its URL, and its timeout= is ignored (AH01146).
		{"ProxyPass /a http://h/ timeout=3\nProxyPass /b http://h/b/ timeout=5\n", "http://h/b/x", timeouts{3 * s, 3 * s}},
	}
	for _, c := range cases {
		cfg := loadProxyConf(t, c.conf)
		timeout := cfg.Main.Proxy.Timeout
		if timeout == 0 {
			timeout = cfg.Main.Core.EffectiveTimeout()
		}
		p := New(&cfg.Main.Proxy, timeout, Options{})
		if got := p.timeoutsFor(c.url); got != c.want {
			t.Errorf("%q for %s: connect %v, io %v; want %v, %v", c.conf, c.url, got.connect, got.io, c.want.connect, c.want.io)
		}
	}
}

// loadProxyConf reads conf, after the proxy modules, as the model.
func loadProxyConf(t *testing.T, conf string) *directives.Config {
	t.Helper()
	dir := t.TempDir()
	conf = "LoadModule proxy_module modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\n" + conf
	if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: dir, File: "httpd.conf"})
	if err != nil {
		t.Fatalf("%q: %v", conf, err)
	}
	return cfg
}
