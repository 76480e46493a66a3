package accesslog

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/apachetest"
)

// many is a format with most items; its first field, the arrival time in
// microseconds, lets the model log the same times as Apache, and the
// fields in masked depend on when the request ended or on the port the
// client happened to use.
const many = `%{usec}t|%a|%{c}a|%A|%h|%l|%u|%t|%{%Y-%m-%d %H:%M:%S %z %a %b %e %j %%}t|%{sec}t|%{msec_frac}t|%{end:usec_frac}t|` +
	`%r|%>s|%<s|%s|%b|%B|%D|%T|%{ms}T|%{X-Test}i|%{Content-Type}o|%{Content-Length}o|%{Nope}i|%I|%O|%S|` +
	`%v|%V|%p|%{local}p|%{remote}p|%U|%q|%m|%H|%X|%k|%f|%{Authorization}i|%400,401u|%!200h|%{foo}C|%{HOME}e|%{ETag}o|%^FB|%{bogus}p\t\\`

var masked = map[int]bool{11: true, 18: true, 19: true, 20: true}

// The fields of many the test reads from Apache's line.
const (
	usecField    = 0
	bytesInField = 25
)

const logConf = `
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" combined
LogFormat "%h %l %u %t \"%r\" %>s %b" common
LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %I %O" combinedio
CustomLog logs/common common
CustomLog logs/combined combined
CustomLog logs/combinedio combinedio
<Location /auth>
  AuthType Basic
  AuthName "Registry Realm"
  AuthUserFile ${ROOT}/htpasswd
  Require valid-user
</Location>
`

// logWorld is Apache logging to files, with the model of its formats.
type logWorld struct {
	root    *apachetest.Root
	formats map[string]*Format
	port    int
}

func startLogWorld(t *testing.T) *logWorld {
	apachetest.Require(t)
	root := apachetest.NewRoot(t)
	sum := sha1.Sum([]byte("right"))
	files := map[string]string{
		"htpasswd":          "ann:{SHA}" + base64.StdEncoding.EncodeToString(sum[:]) + "\n",
		"htdocs/index.html": "<p>hello</p>\n",
		"httpd.conf": root.Head() + strings.ReplaceAll(logConf, "${ROOT}", root.Dir) +
			"LogFormat \"" + strings.ReplaceAll(many, `"`, `\"`) + "\" many\nCustomLog logs/many many\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(root.Dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Debian builds mod_log_config and mod_logio in; the httpd:2.4 image,
	// whose configs the model reads, loads them.
	model := "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\n" + files["httpd.conf"]
	if err := os.WriteFile(filepath.Join(root.Dir, "model.conf"), []byte(model), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root.Dir, File: "model.conf"})
	if err != nil {
		t.Fatal(err)
	}
	w := &logWorld{root: root, formats: map[string]*Format{}}
	for name, f := range cfg.Main.Log.Formats {
		w.formats[name] = New(f)
	}
	_, port, _ := net.SplitHostPort(root.Addr)
	w.port, _ = strconv.Atoi(port)
	root.Start(t)
	return w
}

// exchange is one request as sent and its answer as read.
type exchange struct {
	raw, got   string
	localPort  int
	remotePort int
	status     int
	header     http.Header
	body       int64
}

// send writes raw requests on one connection and reads each answer.
func (w *logWorld) send(t *testing.T, raws ...string) []*exchange {
	c, err := net.Dial("tcp", w.root.Addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(10 * time.Second))
	br := bufio.NewReader(c)
	var out []*exchange
	for _, raw := range raws {
		if _, err := io.WriteString(c, raw); err != nil {
			t.Fatal(err)
		}
		var rec strings.Builder
		req, _ := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		resp, err := http.ReadResponse(bufio.NewReader(io.TeeReader(br, &rec)), req)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		out = append(out, &exchange{raw: raw, got: rec.String(), status: resp.StatusCode,
			header: resp.Header, body: n, remotePort: c.LocalAddr().(*net.TCPAddr).Port})
	}
	return out
}

// entry builds the model's Entry for an exchange, as the server would
// know it; at is Apache's arrival time, the only thing taken from its log.
func (w *logWorld) entry(x *exchange, at time.Time, keepAlive bool, keepAlives int) *Entry {
	line, rest, _ := strings.Cut(x.raw, "\r\n")
	fields := strings.Fields(line)
	hdr := &http.Request{Header: http.Header{}}
	for l := range strings.SplitSeq(strings.TrimSuffix(rest, "\r\n\r\n"), "\r\n") {
		name, value, _ := strings.Cut(l, ":")
		hdr.Header.Add(name, strings.Trim(value, " \t"))
	}
	hdr.Host = hdr.Header.Get("Host")
	u, err := url.Parse(fields[1])
	if err != nil {
		panic(err)
	}
	e := &Entry{
		RemoteAddr: "127.0.0.1", RemotePort: x.remotePort, LocalAddr: "127.0.0.1", LocalPort: w.port,
		Received: at, Done: at, RequestLine: line, Method: fields[0], Protocol: fields[2],
		URI: u.Path, Query: u.RawQuery, HasQuery: u.ForceQuery || u.RawQuery != "",
		Filename: w.filename(u.Path), Status: x.status, BodyBytes: x.body,
		BytesIn: int64(len(x.raw)), BytesOut: int64(len(x.got)),
		RequestHeader: hdr.Header, ResponseHeader: x.header, ContentType: x.header.Get("Content-Type"),
		ServerName: "localhost", Hostname: hdr.Host, Port: 80,
		KeepAlive: keepAlive, KeepAlives: keepAlives,
	}
	if u.Host != "" {
		e.Hostname = u.Hostname()
	}
	if user, _, ok := hdr.BasicAuth(); ok && strings.HasPrefix(u.Path, "/auth") {
		e.User, e.HasUser = user, true
	}
	return e
}

// filename is where Apache's directory walk stops for path: at the
// first part that does not exist.
func (w *logWorld) filename(path string) string {
	f := filepath.Join(w.root.Dir, "htdocs")
	for part := range strings.SplitSeq(strings.TrimPrefix(path, "/"), "/") {
		f += "/" + part
		if _, err := os.Stat(f); err != nil {
			break
		}
	}
	return f
}

// logLines waits until the log has n lines and returns them.
func (w *logWorld) logLines(t *testing.T, name string, n int) []string {
	for i := 0; ; i++ {
		b, _ := os.ReadFile(filepath.Join(w.root.Dir, "logs", name))
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		if len(b) > 0 && len(lines) >= n {
			return lines
		}
		if i > 200 {
			t.Fatalf("%s has %d lines, want %d", name, len(lines), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func basic(user, pass string) string {
	return "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pass)) + "\r\n"
}

func TestApacheLogLines(t *testing.T) {
	t.Parallel()
	w := startLogWorld(t)
	get := func(target, extra string) string {
		return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "Connection: close\r\n\r\n"
	}
	type conn struct {
		raws      []string
		keepAlive []bool
		count     []int
	}
	one := func(raw string) conn { return conn{[]string{raw}, []bool{false}, []int{0}} }
	conns := []conn{
		one(get("/index.html?a=b&c", "Referer: http://x/\"q\"\r\nUser-Agent: ua \"quoted\" back\\slash \xc3\xa9\tend\r\nX-Test: t\r\nCookie: a=1; foo = bar ;x=\r\n")),
		one(get("/nofile", "")),
		one(get("/a%20b%22c%5c%01/%e9?q%22&", "X-Test: \\ \x80\r\n")),
		one(get("/refused", "X-Test: \x7f\r\n")),
		one(get("/auth/x", basic("ann", "wrong"))),
		one(get("/auth/x", basic("", "x"))),
		one(get("/auth/x", basic("ann", "right"))),
		one(get("/index.html?", "")),
		one("HEAD /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
		one(get(fmt.Sprintf("http://u:secret@localhost:%d/index.html?z#f", w.port), "")),
		{[]string{
			"GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n",
			"GET /nofile HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
			"GET /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
		}, []bool{true, true, false}, []int{1, 2, 2}},
	}
	n := 0
	for _, c := range conns {
		xs := w.send(t, c.raws...)
		for i, x := range xs {
			n++
			manyLine := w.logLines(t, "many", n)[n-1]
			fields := strings.Split(manyLine, "|")
			usec, err := strconv.ParseInt(fields[usecField], 10, 64)
			if err != nil {
				t.Fatalf("many: %q", manyLine)
			}
			e := w.entry(x, time.UnixMicro(usec), c.keepAlive[i], c.count[i])
			if x.status == http.StatusBadRequest {
				// Apache stops reading a request it refuses: it has no
				// headers or file, and read only part of the bytes.
				e.RequestHeader, e.Filename = nil, ""
				u, _ := url.Parse(strings.Fields(x.raw)[1])
				e.URI = u.EscapedPath()
			}
			if x.status == http.StatusBadRequest || i > 0 {
				// What mod_logio counts then depends on how far Apache
				// read, before refusing or ahead on a kept connection:
				// the server's business, not the format's.
				e.BytesIn, _ = strconv.ParseInt(fields[bytesInField], 10, 64)
			}
			for _, name := range []string{"common", "combined", "combinedio", "many"} {
				want := w.logLines(t, name, n)[n-1]
				got := w.formats[name].Line(e)
				if name == "many" {
					want, got = mask(want), mask(got)
				}
				if got != want {
					t.Errorf("%s for %q:\napache: %s\nmodel:  %s", name, strings.SplitN(x.raw, "\r\n", 2)[0], want, got)
				}
			}
		}
	}
}

// mask hides the fields that depend on when the request ended.
func mask(line string) string {
	f := strings.Split(line, "|")
	for i := range f {
		if masked[i] {
			f[i] = "*"
		}
	}
	return strings.Join(f, "|")
}
