package stack

import (
	"context"
	"crypto/x509"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/random"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// The checks gohttpd passes are Apache's behaviour: real Apache serving
// the recipe's httpd.conf in front of the same real registry gives the
// same answers and the same push, pull and refusal.
func TestApacheRecipe(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	reg := &Stack{}
	if err := reg.startRegistry(context.Background(), t.TempDir()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { reg.registry.Close() })
	root := apachetest.NewRoot(t)
	writeApacheRoot(t, root, reg.Registry)
	root.Start(t)
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(root.Dir, "logs", "error_log"))
			t.Logf("apache's error_log:\n%s", log)
		}
	})
	pem, err := os.ReadFile(filepath.Join("..", "domain.crt"))
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	tr := clientTransport(root.Addr, roots)
	checkAnswers(t, tr)
	img, err := random.Image(1<<20, 3)
	if err != nil {
		t.Fatal(err)
	}
	checkFlow(t, tr, img)
}

// writeApacheRoot puts the recipe's files in root's conf directory and
// its httpd.conf where apachetest starts apache2 from, adapted as little as Debian's apache2 on a test port needs:
// its paths under root, its port and its registry the test's, the
// modules Debian builds in not loaded again, and its logs in files.
func writeApacheRoot(t *testing.T, root *apachetest.Root, registry string) {
	t.Helper()
	conf := filepath.Join(root.Dir, "conf")
	if err := os.Mkdir(conf, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"domain.crt", "domain.key", "httpd.htpasswd", "httpd.groups", "httpd.conf"} {
		data, err := os.ReadFile(filepath.Join("..", name))
		if err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(conf, name)
		if name == "httpd.conf" {
			data, dest = []byte(apacheConf(string(data), root, registry)), filepath.Join(root.Dir, name)
		}
		if err := os.WriteFile(dest, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Apache's children read the user and group files as User daemon.
	for d := root.Dir; strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

// apacheConf adapts the recipe's httpd.conf for a test run of apache2.
func apacheConf(conf string, root *apachetest.Root, registry string) string {
	_, port, _ := strings.Cut(root.Addr, ":")
	var kept []string
	for _, line := range strings.Split(conf, "\n") {
		f := strings.Fields(line)
		builtIn := len(f) > 1 && f[0] == "LoadModule" && (f[1] == "log_config_module" || f[1] == "unixd_module")
		if !builtIn {
			kept = append(kept, line)
		}
	}
	return "PidFile " + root.Dir + "/logs/httpd.pid\n" + strings.NewReplacer(
		"/usr/local/apache2", root.Dir,
		"Listen 5043", "Listen "+root.Addr,
		"*:5043", "*:"+port,
		"registry:5000", registry,
		"/proc/self/fd/1", root.Dir+"/logs/access_log",
		"/proc/self/fd/2", root.Dir+"/logs/error_log",
	).Replace(strings.Join(kept, "\n"))
}
