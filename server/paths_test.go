package server

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// pathCase is one request whose target, Host or headers try to reach a
// location the mapping keeps it from, or to get past a Require. Rest
// is the header lines, without the blank line; credentials are added
// after it.
type pathCase struct {
	name, method, target, rest string
}

// requestLine is the case's request line: HTTP/1.1 unless the target
// names its own protocol.
func (pc pathCase) requestLine() string {
	if strings.Contains(pc.target, " HTTP/") {
		return pc.method + " " + pc.target + "\r\n"
	}
	return pc.method + " " + pc.target + " HTTP/1.1\r\n"
}

// recipeHost is the Host line the recipe's clients send.
const recipeHost = "Host: myregistrydomain.com:5043\r\n"

// pathCases are the targets, hosts and headers sent to the recipe.
var pathCases = []pathCase{
	{"plain", "GET", "/v2/", recipeHost},
	// Dot segments, raw and encoded, that climb out of /v2 or into it.
	{"dots back into v2", "GET", "/v2/../v2/", recipeHost},
	{"dots from elsewhere", "GET", "/x/../v2/", recipeHost},
	{"dots above root", "GET", "/../v2/", recipeHost},
	{"encoded dots at root", "GET", "/%2e%2e/", recipeHost},
	{"encoded dots above v2", "GET", "/%2e%2e/v2/", recipeHost},
	{"encoded dots out of v2", "GET", "/v2/%2e%2e/%2e%2e/", recipeHost},
	{"half-encoded dots", "GET", "/v2/.%2e/", recipeHost},
	{"upper-case encoded dots", "GET", "/v2/%2E%2E/v2/", recipeHost},
	{"encoded dot segment", "GET", "/v2/%2e/", recipeHost},
	{"dots into error", "GET", "/v2/../error/", recipeHost},
	{"encoded dots into error", "GET", "/v2/%2e%2e/error/", recipeHost},
	{"dots in query", "GET", "/v2/?x=/../../error/", recipeHost},
	{"query before dots", "GET", "/v2?/../error/", recipeHost},
	{"dot segment", "GET", "/v2/./", recipeHost},
	{"dots after empty segment", "GET", "/v2//../", recipeHost},
	{"trailing dots", "GET", "/v2/x/..", recipeHost},
	{"trailing encoded dots", "GET", "/v2/x/%2e%2e", recipeHost},
	{"double-encoded dots", "GET", "/v2/%252e%252e/%252e%252e/error/", recipeHost},
	{"path parameter", "GET", "/v2;x=y/", recipeHost},
	{"upper-case location", "GET", "/V2/", recipeHost},
	{"encoded v2 after dots", "GET", "/x/%2e%2e/%76%32/", recipeHost},
	// Encoded slashes (AllowEncodedSlashes is off).
	{"encoded slash after v2", "GET", "/v2%2f", recipeHost},
	{"encoded slash dots", "GET", "/v2/%2f..%2f", recipeHost},
	{"encoded slash before v2", "GET", "/%2fv2/", recipeHost},
	// Backslashes are no separators on Unix.
	{"backslash dots", "GET", `/v2\..\`, recipeHost},
	{"backslash into v2", "GET", `/x\..\v2/`, recipeHost},
	{"encoded backslash dots", "GET", "/v2/%5c..%5c", recipeHost},
	// Overlong UTF-8 for '.' and '/'.
	{"overlong dots", "GET", "/v2/%c0%ae%c0%ae/", recipeHost},
	{"overlong dots at root", "GET", "/%c0%ae%c0%ae/v2/", recipeHost},
	{"three-byte overlong dots", "GET", "/v2/%e0%80%ae%e0%80%ae/", recipeHost},
	{"overlong slash", "GET", "/v2%c0%af", recipeHost},
	// NUL, encoded and raw.
	{"encoded NUL", "GET", "/v2/%00", recipeHost},
	{"encoded NUL before v2", "GET", "/%00/../v2/", recipeHost},
	{"raw NUL", "GET", "/v2/\x00", recipeHost},
	// Absolute-form targets: with ProxyRequests off none is forwarded
	// to the host it names.
	{"absolute own host", "GET", "http://myregistrydomain.com:5043/v2/", recipeHost},
	{"absolute https own host", "GET", "https://myregistrydomain.com:5043/v2/", recipeHost},
	{"absolute other host", "GET", "http://evil.example/v2/", recipeHost},
	{"absolute other host no Host", "GET", "http://evil.example/v2/", ""},
	{"absolute other host root", "GET", "http://evil.example/", recipeHost},
	{"absolute other host dots", "GET", "http://evil.example/x/../v2/", recipeHost},
	{"absolute with userinfo", "GET", "http://user@evil.example/v2/", recipeHost},
	{"absolute ftp", "GET", "ftp://evil.example/v2/", recipeHost},
	{"absolute default port", "GET", "https://myregistrydomain.com/v2/", recipeHost},
	{"absolute other host and query", "GET", "http://evil.example/v2/?x", recipeHost},
	{"absolute upper-case scheme", "GET", "HTTP://evil.example/v2/", recipeHost},
	{"absolute HTTP/1.0", "GET", "http://evil.example/v2/ HTTP/1.0", ""},
	{"scheme-relative", "GET", "//evil.example/v2/", recipeHost},
	{"CONNECT own host", "CONNECT", "myregistrydomain.com:5043", recipeHost},
	{"CONNECT other host", "CONNECT", "evil:443", recipeHost},
	{"CONNECT path", "CONNECT", "/v2/", recipeHost},
	{"OPTIONS star", "OPTIONS", "*", recipeHost},
	{"OPTIONS star forwards", "OPTIONS", "*", recipeHost + "Max-Forwards: 1\r\n"},
	{"TRACE", "TRACE", "/v2/", recipeHost},
	// Apache answers TRACE while mapping, before any Require applies
	// (ap_send_http_trace is a map_to_storage hook); a proxied path
	// goes to the backend instead.
	{"TRACE root", "TRACE", "/", recipeHost},
	{"TRACE error", "TRACE", "/error/", recipeHost},
	{"GET star", "GET", "*", recipeHost},
	// Host header injection.
	{"other Host", "GET", "/v2/", "Host: evil.example\r\n"},
	{"other Host with port", "GET", "/v2/", "Host: evil.example:5043\r\n"},
	{"Host without port", "GET", "/v2/", "Host: myregistrydomain.com\r\n"},
	{"Host with other port", "GET", "/v2/", "Host: myregistrydomain.com:80\r\n"},
	{"Host by address", "GET", "/v2/", "Host: 127.0.0.1:5043\r\n"},
	{"Host upper-case with dot", "GET", "/v2/", "Host: MyRegistryDomain.COM.:5043\r\n"},
	{"empty Host", "GET", "/v2/", "Host: \r\n"},
	{"two Hosts", "GET", "/v2/", recipeHost + "Host: evil.example\r\n"},
	{"Host with path", "GET", "/v2/", "Host: evil.example/v2\r\n"},
	{"Host with userinfo", "GET", "/v2/", "Host: myregistrydomain.com@evil.example\r\n"},
	{"forwarded host", "GET", "/v2/", recipeHost + "X-Forwarded-Host: evil.example\r\n"},
	{"original URL", "GET", "/", recipeHost + "X-Original-URL: /v2/\r\n"},
	{"original URL error", "GET", "/v2/", recipeHost + "X-Original-URL: /error/\r\n"},
	{"rewrite URL", "GET", "/", recipeHost + "X-Rewrite-URL: /v2/\r\n"},
	{"forwarded proto", "GET", "/v2/", recipeHost + "X-Forwarded-Proto: http\r\n"},
	{"forwarded for", "GET", "/v2/", recipeHost + "X-Forwarded-For: 10.0.0.1\r\n"},
	// Methods against the <Limit> sections, in any case.
	{"get", "get", "/v2/", recipeHost},
	{"Get", "Get", "/v2/", recipeHost},
	{"head", "head", "/v2/", recipeHost},
	{"PUT", "PUT", "/v2/a/manifests/b", recipeHost + "Content-Length: 0\r\n"},
	{"put", "put", "/v2/a/manifests/b", recipeHost + "Content-Length: 0\r\n"},
	{"Put", "Put", "/v2/a/manifests/b", recipeHost + "Content-Length: 0\r\n"},
	{"delete", "delete", "/v2/a/manifests/b", recipeHost},
	{"patch", "patch", "/v2/a/blobs/uploads/x", recipeHost + "Content-Length: 0\r\n"},
	// Method override headers, which Apache does not heed.
	{"override to PUT", "GET", "/v2/a/manifests/b", recipeHost + "X-HTTP-Method-Override: PUT\r\n"},
	{"override to GET", "PUT", "/v2/a/manifests/b", recipeHost + "X-HTTP-Method-Override: GET\r\nContent-Length: 0\r\n"},
	{"X-HTTP-Method", "GET", "/v2/a/manifests/b", recipeHost + "X-HTTP-Method: DELETE\r\n"},
	{"X-Method-Override", "POST", "/v2/a/blobs/uploads/", recipeHost + "X-Method-Override: GET\r\nContent-Length: 0\r\n"},
}

// pathCreds are the credentials each case is sent with: none, the
// recipe's reader and its pusher.
var pathCreds = []struct{ name, header string }{
	{"anonymous", ""},
	{"reader", basic("testuser", "testpassword")},
	{"pusher", basic("testuserpush", "testpasswordpush")},
}

// pathAnswer is what a client sees of an answer and what the server's
// backend received for it.
type pathAnswer struct {
	status       string // the status code, or why none came
	authenticate string
	location     string
	contentType  string // message/http tells a TRACE echo from a page
	backend      string // the requests the backend got, described
}

func (a pathAnswer) String() string {
	return fmt.Sprintf("status=%s authenticate=%q location=%q type=%q backend=[%s]", a.status, a.authenticate, a.location, a.contentType, a.backend)
}

// TestPathsAsApache sends the recipe requests whose targets and hosts
// try to get around its mapping, without credentials and with each
// user's, to Apache and gohttpd each in front of its own recording
// backend, and compares the answers and what each backend received. It
// also checks that gohttpd dials no one but the backend.
func TestPathsAsApache(t *testing.T) {
	t.Parallel()
	files := recipeFiles(t)
	dials := &dialLog{}
	w := startDialWorld(t, recipeConf, files, dials.dial)
	dials.allowOnly(w.backend.Listener.Addr().String())
	apacheBackend := newRecorder(t)
	apache, _ := startApache(t, recipeConf, files, apacheBackend.Listener.Addr().String())
	ours := w.addrs[5043]

	for _, pc := range pathCases {
		for _, cred := range pathCreds {
			request := pc.requestLine() + pc.rest + cred.header + "\r\n"
			want := sendPath(t, apache, pc.method, request, apacheBackend)
			got := sendPath(t, ours, pc.method, request, w.backend)
			if got != want {
				t.Errorf("%s, %s (%q):\n apache:  %s\n gohttpd: %s", pc.name, cred.name, request, want, got)
			}
			t.Logf("%s, %s: %s", pc.name, cred.name, got)
			if cred.header == "" && got.backend != "" && isLimited(pc.method) {
				t.Errorf("%s, %s: a limited method reached gohttpd's backend without credentials: %s", pc.name, cred.name, got.backend)
			}
		}
	}
	if !dials.used() {
		t.Error("gohttpd never dialed through the test's dialer: the dial check proves nothing")
	}
	if others := dials.others(); len(others) > 0 {
		t.Errorf("gohttpd dialed %q; only the backend %s may be", others, w.backend.Listener.Addr())
	}
}

// isLimited tells whether the recipe's <Limit> sections name method as
// Apache matches them, by its exact spelling.
func isLimited(method string) bool {
	return slices.Contains([]string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"}, method)
}

// sendPath writes request over a fresh TLS connection to addr and
// returns what the client saw and what backend received meanwhile. A
// server that closes without answering is an answer too.
func sendPath(t *testing.T, addr, method, request string, backend *recorder) pathAnswer {
	t.Helper()
	before := len(backend.snapshot())
	a := pathAnswer{status: "(none)"}
	if resp, err := tlsExchange(addr, method, request); err == nil {
		a.status = fmt.Sprint(resp.StatusCode)
		a.authenticate = resp.Header.Get("WWW-Authenticate")
		a.location = resp.Header.Get("Location")
		a.contentType = resp.Header.Get("Content-Type")
	}
	a.backend = describeRequests(backend.snapshot()[before:])
	return a
}

// tlsExchange sends request as the recipe's clients do (TLS, SNI naming
// the registry) and reads the whole answer.
func tlsExchange(addr, method, request string) (*http.Response, error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	tc := tls.Client(c, &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true})
	if _, err := io.WriteString(tc, request); err != nil {
		return nil, err
	}
	resp, err := http.ReadResponse(bufio.NewReader(tc), &http.Request{Method: method})
	if err != nil {
		return nil, err
	}
	// The backend records a request before it answers: once the body is
	// read, the backend has it.
	_, err = io.Copy(io.Discard, resp.Body)
	return resp, err
}

// describeRequests names what a backend received of each request: the
// request line's method and target, the Host, and the headers a client
// could have sent to steer an application behind the proxy.
func describeRequests(reqs []*http.Request) string {
	var out []string
	for _, r := range reqs {
		s := r.Method + " " + r.RequestURI + " host=" + r.Host
		for _, name := range []string{"X-Forwarded-Host", "X-Forwarded-Server", "X-Forwarded-For", "X-Forwarded-Proto", "Max-Forwards", "X-Original-URL", "X-Rewrite-URL",
			"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"} {
			if v := r.Header.Values(name); len(v) > 0 {
				s += " " + name + "=" + strings.Join(v, "|")
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// dialLog is a dialer for gohttpd's backends that records every address
// asked for and connects only to the one allowed, an IP address: a name
// is never resolved, so a forward-proxy attempt cannot leave the machine.
type dialLog struct {
	allow string
	mu    sync.Mutex
	addrs []string
}

func (d *dialLog) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	d.addrs = append(d.addrs, addr)
	allowed := addr == d.allow
	d.mu.Unlock()
	if !allowed {
		return nil, fmt.Errorf("test dialer: %s is not the backend", addr)
	}
	var nd net.Dialer
	return nd.DialContext(ctx, network, addr)
}

// allowOnly makes addr the one address dial connects to.
func (d *dialLog) allowOnly(addr string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.allow = addr
}

// used tells whether the backend was dialed at all.
func (d *dialLog) used() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Contains(d.addrs, d.allow)
}

// others returns the addresses dialed other than the allowed one.
func (d *dialLog) others() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for _, a := range d.addrs {
		if a != d.allow {
			out = append(out, a)
		}
	}
	return out
}

// startDialWorld is startWorld with dial connecting gohttpd to its
// backends.
func startDialWorld(t *testing.T, conf string, files map[string]string, dial func(ctx context.Context, network, addr string) (net.Conn, error)) *world {
	t.Helper()
	return startWorldWith(t, conf, files, func(o *Options) { o.Dial = dial })
}
