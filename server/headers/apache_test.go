package headers

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// apacheConf is the mod_headers config both Apache and the model read;
// ${BACKEND} and ${DOWN} are a backend's port and a closed port.
const apacheConf = `
LoadModule headers_module modules/mod_headers.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule auth_basic_module modules/mod_auth_basic.so

Header always set "Docker-Distribution-Api-Version" "registry/2.0"
Header onsuccess set "Docker-Distribution-Api-Version" "registry/2.0"
Header always add X-Always-Add a1
Header always set X-Early yes early
Header add X-Add o1
Header append X-Backend appended
Header merge Cache-Control no-cache
Header merge Cache-Control private
Header merge X-Quoted "b"
Header setifempty X-Backend nope
Header setifempty X-Empty yes
Header edit X-Edit ^(\w+)-(\w+)$ "$2+$1\$1"
Header edit* X-Edit-All ^a b
Header edit* X-Edit-Mid a "<$0>"
Header echo ^X-Echo
Header unset X-Remove
Header set X-Env-Yes yes env=WANT
Header set X-Env-No no env=!WANT
Header set X-Fmt "100%% %{WANT}e|%{NOPE}e|%{SSL_PROTOCOL}s\tend"
Header set X-Time "%t %D"
Header always append X-Always-App one
RequestHeader set X-Req-Set set
RequestHeader append X-Req-App more
RequestHeader unset X-Req-Gone
RequestHeader edit* X-Req-Edit "(.)" "[$1]"
RequestHeader add X-Req-Early first early
RequestHeader set X-Req-Env "%{WANT}e" env=WANT

ProxyPass /p/ http://127.0.0.1:${BACKEND}/
ProxyPass /down/ http://127.0.0.1:${DOWN}/
<Location /p/ct/>
  Header set Content-Type "text/x-set"
  Header always set X-Inner inner
</Location>
<Location /auth>
  AuthType Basic
  AuthName "Registry Realm"
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
`

// apacheOnly is what the model cannot read: it sets WANT for env=.
const apacheOnly = `
LoadModule setenvif_module modules/mod_setenvif.so
SetEnvIf Request_URI want WANT=1
`

// backendHeaders is what the backend answers with, before the status's
// own headers.
var backendHeaders = Table{
	{"X-Backend", "b1"}, {"Cache-Control", "no-cache"}, {"X-Backend", "b2"},
	{"X-Remove", "gone"}, {"X-Edit", "left-right"}, {"X-Edit", "keep"},
	{"X-Edit-All", "aaa"}, {"X-Edit-Mid", "banana"}, {"X-Quoted", `"a,b", c`},
	{"Docker-Distribution-Api-Version", "registry/2.0"}, {"Content-Type", "text/plain"},
}

// requestHeaders are sent with every request.
var requestHeaders = Table{
	{"Host", "localhost"}, {"X-Req-Gone", "x"}, {"X-Req-App", "a"}, {"X-Req-Edit", "ab"},
	{"X-Echo-One", "1"}, {"X-Echo-Two", "2"}, {"X-Other", "o"},
}

// backend answers /s/NNN[/…] with status NNN and backendHeaders, raw, so
// nothing is added or reordered, and records the request headers.
type backend struct {
	ln  net.Listener
	mu  sync.Mutex
	got map[string]Table
}

func startBackend(t *testing.T) *backend {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &backend{ln: ln, got: map[string]Table{}}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go b.serve(c)
		}
	}()
	return b
}

func (b *backend) serve(c net.Conn) {
	defer c.Close()
	br := bufio.NewReader(c)
	line, err := br.ReadString('\n')
	if err != nil {
		return
	}
	target := strings.Fields(line)[1]
	hdr := readFields(br)
	b.mu.Lock()
	b.got[target] = hdr
	b.mu.Unlock()
	status := 0
	for _, seg := range strings.Split(target, "/") {
		if n, err := strconv.Atoi(seg); err == nil && status == 0 {
			status = n
		}
	}
	var w strings.Builder
	fmt.Fprintf(&w, "HTTP/1.1 %d %s\r\n", status, http.StatusText(status))
	for _, f := range backendHeaders {
		fmt.Fprintf(&w, "%s: %s\r\n", f.Name, f.Value)
	}
	body := "ok"
	if status == 204 || status == 304 {
		body = ""
	}
	fmt.Fprintf(&w, "Content-Length: %d\r\nConnection: close\r\n\r\n%s", len(body), body)
	_, _ = c.Write([]byte(w.String()))
}

// readFields reads header lines up to the blank line, in order.
func readFields(br *bufio.Reader) Table {
	var t Table
	for {
		line, err := br.ReadString('\n')
		line = strings.TrimRight(line, "\r\n")
		if err != nil || line == "" {
			return t
		}
		name, value, _ := strings.Cut(line, ":")
		t = append(t, Field{name, strings.TrimLeft(value, " \t")})
	}
}

// world is Apache and the model of the same config.
type world struct {
	apache string
	be     *backend
	cfg    *directives.Config
}

func startWorld(t *testing.T) *world {
	apachetest.Require(t)
	root := apachetest.NewRoot(t)
	w := &world{apache: root.Addr, be: startBackend(t)}
	conf := strings.NewReplacer("${BACKEND}", strconv.Itoa(w.be.ln.Addr().(*net.TCPAddr).Port),
		"${DOWN}", strconv.Itoa(apachetest.FreePort(t)), "${ROOT}", root.Dir).Replace(root.Head() + apacheConf)
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root.Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("htpasswd", "")
	write("model.conf", conf)
	write("httpd.conf", conf+apacheOnly)
	var err error
	if w.cfg, err = directives.Load(directives.Options{ServerRoot: root.Dir, File: "model.conf"}); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	return w
}

// get sends a GET with requestHeaders and returns the status and the
// header lines in the order they came.
func (w *world) get(t *testing.T, path string) (int, Table) {
	c, err := net.Dial("tcp", w.apache)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\n", path)
	for _, f := range requestHeaders {
		fmt.Fprintf(&b, "%s: %s\r\n", f.Name, f.Value)
	}
	b.WriteString("Connection: close\r\n\r\n")
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := c.Write([]byte(b.String())); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	status, _ := strconv.Atoi(strings.Fields(line)[1])
	return status, readFields(br)
}

// how says who answers a request in the model.
type how int

const (
	proxied      how = iota // the backend's answer is passed on
	authError               // Apache refuses before any handler runs
	handlerError            // the handler fails and Apache answers with an error
)

// simulate runs the request through the model as a server would, and
// returns the headers it would send and those the backend would get.
func (w *world) simulate(path string, status int, by how) (Table, Table) {
	main := w.cfg.Main
	dir := main.Dir
	for _, s := range main.Sections {
		if strings.HasPrefix(path, s.Path) {
			dir = s.Dir.Merge(dir)
		}
	}
	req := &Request{Header: append(Table(nil), requestHeaders...), Received: time.Now()}
	if strings.Contains(path, "want") {
		req.Env = map[string]string{"WANT": "1"}
	}
	req.Header.Add("Connection", "close")
	resp := &Response{}
	New(&main.Dir.Headers).Early(req, resp)
	h := New(&dir.Headers)
	switch by {
	case proxied:
		h.Fixup(req, resp)
		resp.Headers = append(Table(nil), backendHeaders...)
		resp.ContentType, _ = resp.Headers.Get("Content-Type")
		h.Output(req, resp)
	case authError:
		resp.ErrHeaders.Set("WWW-Authenticate", `Basic realm="Registry Realm"`)
		resp.SendError()
		h.Error(req, resp)
	case handlerError:
		h.Fixup(req, resp)
		resp.SendError()
		h.Error(req, resp)
	}
	return resp.Merge(status), req.Header
}

// serverManaged are the headers the server, not mod_headers, decides.
var serverManaged = regexp.MustCompile(`(?i)^(Host|Date|Server|Connection|Keep-Alive|Content-Length|Transfer-Encoding|Via|X-Forwarded-.*)$`)

var timeValue = regexp.MustCompile(`^t=\d{16} D=\d+$`)

// comparable drops what the server decides and masks the time format's
// values after checking their shape.
func comparable(t *testing.T, tab Table) []string {
	var out []string
	for _, f := range tab {
		if serverManaged.MatchString(f.Name) {
			continue
		}
		if f.Name == "X-Time" {
			if !timeValue.MatchString(f.Value) {
				t.Errorf("X-Time %q is not %%t %%D", f.Value)
			}
			f.Value = "t D"
		}
		out = append(out, f.Name+": "+f.Value)
	}
	return out
}

func TestApacheHeaders(t *testing.T) {
	t.Parallel()
	w := startWorld(t)
	cases := []struct {
		path   string
		status int
		by     how
	}{
		{"/p/s/200", 200, proxied},
		{"/p/s/200/want", 200, proxied},
		{"/p/s/204", 204, proxied},
		{"/p/s/304", 304, proxied},
		{"/p/s/401", 401, proxied},
		{"/p/s/404", 404, proxied},
		{"/p/s/502", 502, proxied},
		{"/p/ct/s/200", 200, proxied},
		{"/p/ct/s/204", 204, proxied},
		{"/auth/x", 401, authError},
		{"/auth/x/want", 401, authError},
		{"/nofile", 404, handlerError},
		{"/down/x", 503, handlerError},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			status, got := w.get(t, c.path)
			if status != c.status {
				t.Fatalf("Apache answered %d, want %d", status, c.status)
			}
			want, fwd := w.simulate(c.path, c.status, c.by)
			if g, m := strings.Join(comparable(t, got), "\n"), strings.Join(comparable(t, want), "\n"); g != m {
				t.Errorf("headers differ\napache:\n%s\nmodel:\n%s", g, m)
			}
			if c.by != proxied {
				return
			}
			w.be.mu.Lock()
			sent := w.be.got[strings.TrimPrefix(c.path, "/p")]
			w.be.mu.Unlock()
			if g, m := strings.Join(comparable(t, sent), "\n"), strings.Join(comparable(t, fwd), "\n"); g != m {
				t.Errorf("request headers differ\nbackend got:\n%s\nmodel:\n%s", g, m)
			}
		})
	}
}
