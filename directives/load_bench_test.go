package directives

import (
	"path/filepath"
	"testing"
)

// recipeOptions loads the registry recipe's httpd.conf as the image does:
// its directory mounted where the config names its files.
func recipeOptions(tb testing.TB) Options {
	tb.Helper()
	src, err := filepath.Abs("../examples/registry")
	if err != nil {
		tb.Fatal(err)
	}
	return Options{Mounts: []Mount{{Source: src, Target: "/usr/local/apache2/conf"}}}
}

// BenchmarkLoadRecipe is the configuration load that gohttpd -t and every
// start do on the recipe: reading, every directive's handler, the merges.
func BenchmarkLoadRecipe(b *testing.B) {
	opts := recipeOptions(b)
	b.ReportAllocs()
	for b.Loop() {
		cfg, err := Load(opts)
		if err != nil {
			b.Fatal(err)
		}
		if len(cfg.VirtualHosts) == 0 {
			b.Fatal("the recipe loaded without its virtual host")
		}
	}
}

// BenchmarkDefaultCipherOrder is the cipher list OpenSSL starts from, made
// once per process by the first cipher string evaluated.
func BenchmarkDefaultCipherOrder(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(makeDefaultCipherOrder()) == 0 {
			b.Fatal("no suites")
		}
	}
}

// BenchmarkEvalRecipeCiphers is the recipe's SSLCipherSuite evaluated as
// OpenSSL does, from the default order.
func BenchmarkEvalRecipeCiphers(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if s := newSSLCipherSuite("EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH"); s.Err != nil {
			b.Fatal(s.Err)
		}
	}
}
