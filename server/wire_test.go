package server

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// wireConf is a plain-HTTP server with small request limits, a header
// set on every answer and a proxied path, for requests as written on the
// wire. LOG is the access log.
const wireConf = `LoadModule authz_core_module modules/mod_authz_core.so
LoadModule headers_module modules/mod_headers.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
LimitRequestLine 60
LimitRequestFieldSize 60
LimitRequestFields 6
MaxKeepAliveRequests 2
Timeout 1
LimitRequestBody 10
Header always set X-Always yes
ProxyPreserveHost On
ProxyPass /p http://BACKEND/p
LogFormat "%r|%>s|%U|%q|%{Host}i" wire
CustomLog LOG wire
`

// wireCase is one exchange written byte for byte.
type wireCase struct {
	name, request string
}

var long = strings.Repeat("a", 40)

var wireCases = []wireCase{
	{"plain", "GET /x HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"HTTP/1.0", "GET /x HTTP/1.0\r\n\r\n"},
	{"HTTP/1.0 keep-alive", "GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"},
	{"HTTP/2.0 line", "GET /x HTTP/2.0\r\nHost: a\r\n\r\n"},
	{"HTTP/0.9", "GET /x\r\n"},
	{"lower-case protocol", "GET /x http/1.1\r\nHost: a\r\n\r\n"},
	{"blank lines first", "\r\n\r\nGET /x HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"bare LF line", "GET /x HTTP/1.1\nHost: a\r\n\r\n"},
	{"bare LF header", "GET /x HTTP/1.1\r\nHost: a\nX: y\r\n\r\n"},
	{"NUL in value", "GET /x HTTP/1.1\r\nHost: a\r\nX: a\x00b\r\n\r\n"},
	{"control byte in value", "GET /x HTTP/1.1\r\nHost: a\r\nX: a\x01b\r\n\r\n"},
	{"obs-fold", "GET /p HTTP/1.1\r\nHost: a\r\nX: y\r\n  z\r\n\r\n"},
	{"fold first", "GET /x HTTP/1.1\r\n x\r\nHost: a\r\n\r\n"},
	{"no colon", "GET /x HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n"},
	{"space in name", "GET /x HTTP/1.1\r\nHost: a\r\nX Y: z\r\n\r\n"},
	{"space before colon", "GET /x HTTP/1.1\r\nHost: a\r\nX : z\r\n\r\n"},
	{"double space", "GET  /x HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"trailing space", "GET /x HTTP/1.1 \r\nHost: a\r\n\r\n"},
	{"tab separator", "GET\t/x HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"method alone", "GET\r\n\r\n"},
	{"bad method", "GE(T /x HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"no Host", "GET /x HTTP/1.1\r\n\r\n"},
	{"two Hosts", "GET /x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
	{"Host with blank", "GET /x HTTP/1.1\r\nHost: a b\r\n\r\n"},
	{"Host with slash", "GET /x HTTP/1.1\r\nHost: a/b\r\n\r\n"},
	{"Host dots", "GET /x HTTP/1.1\r\nHost: a..b\r\n\r\n"},
	{"numeric Host", "GET /x HTTP/1.1\r\nHost: 1234\r\n\r\n"},
	{"numeric TLD", "GET /x HTTP/1.1\r\nHost: example.1com\r\n\r\n"},
	{"short quad", "GET /x HTTP/1.1\r\nHost: 1.2.3\r\n\r\n"},
	{"IPv6 Host", "GET /x HTTP/1.1\r\nHost: [::1]:80\r\n\r\n"},
	{"bad port", "GET /x HTTP/1.1\r\nHost: a:x\r\n\r\n"},
	{"upper-case Host", "GET /x HTTP/1.1\r\nHost: EXAMPLE.com.\r\n\r\n"},
	{"Expect other", "GET /x HTTP/1.1\r\nHost: a\r\nExpect: x\r\n\r\n"},
	{"Expect without body", "GET /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n"},
	{"absolute target", "GET http://other:81/p?q HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"absolute ftp", "GET ftp://other/p HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"scheme without authority", "GET x:/p HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"absolute other scheme", "GET https://other/p HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"line at limit", "GET /" + strings.Repeat("b", 60-len("GET / HTTP/1.1")) + " HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"line one over", "GET /" + strings.Repeat("b", 61-len("GET / HTTP/1.1")) + " HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"line two over", "GET /" + strings.Repeat("b", 62-len("GET / HTTP/1.1")) + " HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"field at limit", "GET /x HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("c", 57) + "\r\n\r\n"},
	{"field over", "GET /x HTTP/1.1\r\nHost: a\r\nX: " + strings.Repeat("c", 59) + "\r\n\r\n"},
	{"merged field over", "GET /x HTTP/1.1\r\nHost: a\r\nX: " + long + "\r\nX: " + long + "\r\n\r\n"},
	{"too many fields", "GET /x HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 1\r\nC: 1\r\nD: 1\r\nE: 1\r\nF: 1\r\n\r\n"},
	{"length and chunked", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"},
	{"smuggled after length and chunked", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /p/smuggled HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"smuggled in a length", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nContent-Length: 40\r\n\r\nGET /p/smuggled HTTP/1.1\r\nHost: a\r\n\r\n"},
	{"bad length", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3x\r\n\r\nabc"},
	{"signed length", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc"},
	{"two lengths", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"},
	{"gzip coding", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n"},
	{"chunked last", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"},
	{"chunked first", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"},
	{"chunk extension", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3;a=b\r\nabc\r\n0\r\n\r\n"},
	{"bad chunk size", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
	{"chunk too long", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"},
	{"huge chunk", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\nabc\r\n0\r\n\r\n"},
	{"chunk bare LF", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n"},
	{"trailer", "POST /p HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nT: v\r\n\r\n"},
	{"body over the limit", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n" + strings.Repeat("d", 20)},
	{"chunked over the limit", "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + strings.Repeat("d", 20) + "\r\n0\r\n\r\n"},
	{"proxied over the limit", "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 20\r\n\r\n" + strings.Repeat("d", 20)},
	{"body within the limit", "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nddddd"},
	{"header then silence", "GET /x HTTP/1.1\r\nHost: a\r\n"},
}

// wireAnswer is what a client sees of an answer on the wire.
type wireAnswer struct {
	statusLine string
	always     string
	connection string
	body       string
	closed     bool
}

func (a wireAnswer) String() string {
	title := a.body
	if i := strings.Index(title, "<title>"); i >= 0 {
		title = title[i+7:]
		title = title[:strings.Index(title, "<")]
	}
	return fmt.Sprintf("%q always=%q connection=%q closed=%v body %d bytes %q", a.statusLine, a.always, a.connection, a.closed, len(a.body), title)
}

// writeWire opens a connection to addr and writes request on it.
func writeWire(t *testing.T, addr, request string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, request); err != nil {
		c.Close()
		t.Fatal(err)
	}
	return c, bufio.NewReader(c)
}

// sendWire writes request on a fresh connection and reads the answer
// (none when the server closes first), then whether the server keeps
// the connection open.
func sendWire(t *testing.T, addr, request string) wireAnswer {
	t.Helper()
	c, br := writeWire(t, addr, request)
	defer c.Close()
	line, err := br.ReadString('\n')
	if err != nil {
		return wireAnswer{statusLine: "(none)", closed: true}
	}
	var a wireAnswer
	if !strings.HasPrefix(line, "HTTP/") { // an HTTP/0.9 answer: the body alone
		rest, _ := io.ReadAll(br)
		return wireAnswer{statusLine: "(simple)", body: line + string(rest), closed: true}
	}
	a.statusLine = strings.TrimSpace(line)
	resp, err := http.ReadResponse(bufio.NewReader(io.MultiReader(strings.NewReader(line), br)), &http.Request{Method: "GET"})
	if err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	body, _ := io.ReadAll(resp.Body)
	a.body = string(body)
	a.always = resp.Header.Get("X-Always")
	a.connection = resp.Header.Get("Connection")
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	_, err = br.ReadByte()
	var ne net.Error
	a.closed = !(errors.As(err, &ne) && ne.Timeout())
	return a
}

// TestWireAsApache sends requests as written on the wire, well-formed
// and not, to Apache and gohttpd, and compares the status line, the
// headers that tell the answer's kind, the error page, whether the
// connection stays open, the access log lines and what the backend got.
func TestWireAsApache(t *testing.T) {
	t.Parallel()
	w, root := startWirePair(t)
	ours := w.addrs[80]

	var backendWant, backendGot []string
	for _, c := range wireCases {
		before := len(w.backend.snapshot())
		want := sendWire(t, root.Addr, c.request)
		backendWant = append(backendWant, c.name+": "+w.backend.since(before))
		before = len(w.backend.snapshot())
		got := sendWire(t, ours, c.request)
		backendGot = append(backendGot, c.name+": "+w.backend.since(before))
		got.body = strings.ReplaceAll(got.body, "gohttpd/0.1.0 (Unix)", "APACHE")
		want.body = apacheBanner.ReplaceAllString(want.body, "APACHE")
		if got != want {
			t.Errorf("%s:\n apache:  %s\n gohttpd: %s", c.name, want, got)
		}
	}
	for i := range backendWant {
		if backendWant[i] != backendGot[i] {
			t.Errorf("backend got:\n apache:  %s\n gohttpd: %s", backendWant[i], backendGot[i])
		}
	}
	wantLog := readLog(t, filepath.Join(root.Dir, "logs", "access_log"), len(wireCases))
	gotLog := readLog(t, filepath.Join(w.dir, "access_log"), len(wireCases))
	if t.Failed() {
		e, _ := os.ReadFile(filepath.Join(root.Dir, "logs", "error_log"))
		t.Logf("apache's error log:\n%s", e)
	}
	if wantLog != gotLog {
		t.Errorf("access log:\n apache:\n%s\n gohttpd:\n%s", wantLog, gotLog)
	}
}

// startWirePair serves wireConf with gohttpd (port 80 in the config)
// and with Apache, both proxying /p to the same recording backend.
func startWirePair(t *testing.T) (*world, *apachetest.Root) {
	t.Helper()
	// Debian's Apache has mod_log_config built in; gohttpd, as the
	// httpd:2.4 image, needs it loaded.
	w := startWorld(t, "LoadModule log_config_module modules/mod_log_config.so\n"+
		strings.ReplaceAll(wireConf, "LOG", "ROOT/access_log")+"Listen 80\nErrorLog ROOT/error_log\n", nil)
	root := apachetest.NewRoot(t)
	backend := strings.TrimPrefix(w.backend.URL, "http://")
	conf := root.Head() + "User daemon\nGroup daemon\n" + strings.NewReplacer("LOG", root.Dir+"/logs/access_log", "BACKEND", backend).Replace(wireConf)
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	openToDaemon(t, root.Dir)
	root.Start(t)
	return w, root
}

// openToDaemon lets every user into dir and the test's directories above
// it: Apache, started as root, serves as daemon, which must reach the
// DocumentRoot as gohttpd does.
func openToDaemon(t *testing.T, dir string) {
	t.Helper()
	for d := dir; strings.HasPrefix(d, os.TempDir()) && d != os.TempDir(); d = filepath.Dir(d) {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

var apacheBanner = regexp.MustCompile(`Apache/2\.4\.\d+ \(Debian\)`)

// readLog waits for a log to hold n lines (Apache writes a line once the
// answer is out) and returns it, the address line of error pages aside.
func readLog(t *testing.T, path string, n int) string {
	t.Helper()
	var b []byte
	for start := time.Now(); time.Since(start) < 5*time.Second; time.Sleep(20 * time.Millisecond) {
		b, _ = os.ReadFile(path)
		if bytes.Count(b, []byte("\n")) >= n {
			break
		}
	}
	return string(b)
}

// snapshot returns the requests the recorder got so far.
func (r *recorder) snapshot() []*http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*http.Request(nil), r.reqs...)
}

// since describes the requests the recorder got after the first n.
func (r *recorder) since(n int) string {
	var out []string
	for _, q := range r.snapshot()[n:] {
		out = append(out, q.Method+" "+q.RequestURI+" host="+q.Host+" x="+q.Header.Get("X")+
			" xfh="+q.Header.Get("X-Forwarded-Host")+" te="+strings.Join(q.TransferEncoding, ",")+
			" cl="+q.Header.Get("Content-Length"))
	}
	return strings.Join(out, "; ")
}

// TestKeepAliveAsApache pipelines requests on one connection past
// MaxKeepAliveRequests and compares the connection headers of each
// answer and where the connection ends.
func TestKeepAliveAsApache(t *testing.T) {
	t.Parallel()
	w, root := startWirePair(t)
	for _, req := range []string{
		"GET /x HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
		"GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
		"GET /x HTTP/1.1\r\nHost: a\r\n\r\n",
	} {
		pipelined := strings.Repeat(req, 3)
		want, got := pipeline(t, root.Addr, pipelined), pipeline(t, w.addrs[80], pipelined)
		t.Logf("%q: %s", req, want)
		if want != got {
			t.Errorf("%q:\n apache:  %s\n gohttpd: %s", req, want, got)
		}
	}
}

// pipeline sends requests at once and lists each answer's status and
// connection headers up to where the server closes.
func pipeline(t *testing.T, addr, requests string) string {
	t.Helper()
	c, br := writeWire(t, addr, requests)
	defer c.Close()
	var out []string
	for {
		resp, err := http.ReadResponse(br, &http.Request{Method: "GET"})
		if err != nil {
			out = append(out, "closed")
			break
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		out = append(out, fmt.Sprintf("%d connection=%q keep-alive=%q", resp.StatusCode,
			resp.Header.Get("Connection"), resp.Header.Get("Keep-Alive")))
	}
	return strings.Join(out, "; ")
}

// TestBadResponseHeaderAsApache: a header line the configuration makes
// invalid (mod_headers turns "\n" into a line break) is refused as Apache
// refuses it: a 500 instead of the answer, for a proxied answer, a local
// one, and when the error answer's own header is bad too.
func TestBadResponseHeaderAsApache(t *testing.T) {
	t.Parallel()
	const conf = `LoadModule authz_core_module modules/mod_authz_core.so
LoadModule headers_module modules/mod_headers.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ProxyPass /p http://BACKEND/p
<Location /p/set>
Header set X-Bad "a\nb"
</Location>
<Location /x>
Header set X-Bad "a\nb"
</Location>
<Location /p/always>
Header always set X-Bad "a\rb"
</Location>
`
	w := startWorld(t, conf+"Listen 80\nErrorLog ROOT/error_log\nDocumentRoot ROOT/htdocs\n", map[string]string{"htdocs/x": "file"})
	root := apachetest.NewRoot(t)
	apacheConf := root.Head() + "User daemon\nGroup daemon\n" + strings.ReplaceAll(conf, "BACKEND", strings.TrimPrefix(w.backend.URL, "http://"))
	for name, body := range map[string]string{"httpd.conf": apacheConf, "htdocs/x": "file"} {
		if err := os.WriteFile(filepath.Join(root.Dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	openToDaemon(t, root.Dir)
	root.Start(t)
	for _, path := range []string{"/p/set", "/x", "/p/always"} {
		req := "GET " + path + " HTTP/1.1\r\nHost: a\r\n\r\n"
		want, got := sendWire(t, root.Addr, req), sendWire(t, w.addrs[80], req)
		got.body = strings.ReplaceAll(got.body, "gohttpd/0.1.0 (Unix)", "APACHE")
		want.body = apacheBanner.ReplaceAllString(want.body, "APACHE")
		if got != want {
			t.Errorf("%s:\n apache:  %s\n gohttpd: %s", path, want, got)
		}
	}
}
