package conformance

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// side is one of the two servers of a world: its ServerRoot, where to
// reach each Listen, its own recording backend and its access log.
type side struct {
	name    string // "apache" or "gohttpd"
	root    string
	addrs   []string // per Listen, in config order
	backend *backend
	// log returns the access-log lines written so far.
	log func() []string
	// norm rewrites what differs between the two servers only because they
	// run side by side (roots, backends, bound ports) to the same words.
	norm *strings.Replacer
}

// world is one configuration served by real Apache and by gohttpd, each
// in front of its own recording backend, on the same configured ports.
type world struct {
	conf          *config
	apache, ours  *side
	ports         []int // the ports the configuration names
	access, calls int
}

// startWorld writes the config's files into two ServerRoots and starts
// Apache and gohttpd on them.
func startWorld(t *testing.T, c *config) *world {
	t.Helper()
	apachetest.Require(t)
	w := &world{conf: c}
	for range c.tls {
		w.ports = append(w.ports, apachetest.FreePort(t))
	}
	w.apache = w.startApache(t)
	w.ours = w.startOurs(t)
	return w
}

// render is the config's template with its placeholders filled in for
// one side.
func (w *world) render(t *testing.T, root, backendAddr string) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join("testdata", w.conf.template))
	if err != nil {
		t.Fatal(err)
	}
	conf := strings.NewReplacer(w.conf.rewrite...).Replace(string(text))
	pairs := []string{"@ROOT@", root, "@BACKEND@", backendAddr}
	for i, p := range w.ports {
		pairs = append(pairs, fmt.Sprintf("@PORT%d@", i), strconv.Itoa(p))
	}
	return strings.NewReplacer(pairs...).Replace(conf)
}

// writeRoot fills a ServerRoot: the config, its files, a certificate
// (cert.pem, key.pem) and the directories Apache's layout has.
func (w *world) writeRoot(t *testing.T, root, conf string) {
	t.Helper()
	files := map[string]string{"httpd.conf": conf, "cert.pem": testCert.cert, "key.pem": testCert.key}
	if w.conf.files != nil {
		for name, body := range w.conf.files(t) {
			files[name] = body
		}
	}
	for _, dir := range []string{"logs", "htdocs", "conf"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range files {
		body = strings.ReplaceAll(body, "@ROOT@", root)
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// startApache runs Debian's apache2 on the config, with the adaptation
// apacheConf makes visible.
func (w *world) startApache(t *testing.T) *side {
	t.Helper()
	r := apachetest.NewRoot(t)
	openToAll(t, r.Dir)
	r.Addr = "127.0.0.1:" + strconv.Itoa(w.ports[0])
	s := &side{name: "apache", root: r.Dir, backend: newBackend(t)}
	for _, p := range w.ports {
		s.addrs = append(s.addrs, "127.0.0.1:"+strconv.Itoa(p))
	}
	w.writeRoot(t, r.Dir, apacheConf(w.render(t, r.Dir, s.backend.Addr), r.Dir))
	r.Start(t)
	s.log = func() []string { return fileLines(filepath.Join(r.Dir, "logs", "access_log")) }
	s.norm = strings.NewReplacer(r.Dir, "@ROOT@", s.backend.Addr, "@BACKEND@")
	t.Cleanup(func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(r.Dir, "logs", "error_log"))
			t.Logf("apache's error_log:\n%s", log)
		}
	})
	return s
}

// apacheConf is the small, visible adaptation Debian's apache2 needs:
// it builds in mod_log_config, mod_logio, mod_unixd and mod_version (so
// their LoadModule lines go), it needs a PidFile it may write, and its
// logs go to files instead of the container's stdout and stderr. The MPM
// is loaded by apachetest.
func apacheConf(conf, root string) string {
	var out []string
	for _, line := range strings.Split(conf, "\n") {
		f := strings.Fields(line)
		if len(f) > 1 && f[0] == "LoadModule" && builtIn[f[1]] {
			continue
		}
		out = append(out, line)
	}
	conf = strings.Join(out, "\n")
	conf = strings.ReplaceAll(conf, "/proc/self/fd/1", root+"/logs/access_log")
	conf = strings.ReplaceAll(conf, "/proc/self/fd/2", root+"/logs/error_log")
	return "PidFile " + root + "/logs/httpd.pid\n" + conf
}

var builtIn = map[string]bool{"log_config_module": true, "logio_module": true, "unixd_module": true, "version_module": true}

// startOurs serves the config with gohttpd, each Listen bound to a port
// the OS chooses on 127.0.0.1 while the config keeps the port it names.
func (w *world) startOurs(t *testing.T) *side {
	t.Helper()
	s := &side{name: "gohttpd", root: t.TempDir(), backend: newBackend(t), addrs: make([]string, len(w.ports))}
	w.writeRoot(t, s.root, w.render(t, s.root, s.backend.Addr))
	cfg, err := directives.Load(directives.Options{ServerRoot: s.root, File: "httpd.conf"})
	if err != nil {
		t.Fatalf("gohttpd refuses the config: %v", err)
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	var mu sync.Mutex
	srv, err := server.New(cfg, server.Options{
		Stdout: stdout,
		Stderr: stderr,
		Listen: func(l directives.Listener) (net.Listener, error) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err == nil {
				mu.Lock()
				for i, p := range w.ports {
					if p == l.Port {
						s.addrs[i] = ln.Addr().String()
					}
				}
				mu.Unlock()
			}
			return ln, err
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		if t.Failed() {
			t.Logf("gohttpd's error log:\n%s", stderr.String())
		}
	})
	s.log = func() []string {
		return append(bufferLines(stdout), fileLines(filepath.Join(s.root, "logs", "access_log"))...)
	}
	pairs := []string{s.root, "@ROOT@", s.backend.Addr, "@BACKEND@"}
	for i, a := range s.addrs {
		_, bound, _ := net.SplitHostPort(a)
		pairs = append(pairs, ":"+bound, ":"+strconv.Itoa(w.ports[i]))
	}
	s.norm = strings.NewReplacer(pairs...)
	return s
}

// openToAll lets every user read dir and the test's directories above
// it: Apache started as root serves as the recipe's User daemon, which
// must read the password files as it does in the image.
func openToAll(t *testing.T, dir string) {
	t.Helper()
	for d := dir; strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func fileLines(name string) []string {
	b, _ := os.ReadFile(name)
	return lines(string(b))
}

func bufferLines(b *syncBuffer) []string { return lines(b.String()) }

// lines splits complete lines, leaving out a last one still being written.
func lines(s string) []string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return strings.Split(s[:i], "\n")
	}
	return nil
}

// syncBuffer collects log lines written concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// pemPair is a certificate and its key, PEM-encoded.
type pemPair struct{ cert, key string }

// testCert is the one self-signed certificate every world serves, for
// the names the configs use and 127.0.0.1.
var testCert = makeCert()

func makeCert() pemPair {
	// RSA, as the recipe's openssl command makes, so the probes can
	// negotiate the ECDHE-RSA suites users get.
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "myregistrydomain.com"},
		DNSNames:     []string{"myregistrydomain.com", "one.example", "two.example", "localhost"},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		panic(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		panic(err)
	}
	return pemPair{
		cert: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		key:  string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})),
	}
}
