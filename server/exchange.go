package server

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/accesslog"
	"github.com/gohttpd/gohttpd/server/auth"
	"github.com/gohttpd/gohttpd/server/errorpage"
	"github.com/gohttpd/gohttpd/server/headers"
	"github.com/gohttpd/gohttpd/server/http1"
	"github.com/gohttpd/gohttpd/server/proxy"
	"github.com/gohttpd/gohttpd/server/route"
)

// exchange is one request on its way through Apache's phases: what
// Apache keeps in request_rec.
type exchange struct {
	srv  *Server
	gen  *generation // the configuration serving it
	site *site
	conn *connState
	w    *http1.Response
	r    *http.Request
	head *http1.Head // the request as read
	body *http1.Body // its body, nil when it has none

	received time.Time
	remote   netip.AddrPort
	hreq     headers.Request
	resp     headers.Response
	route    route.Route
	dir      *directives.DirConfig // the per-directory config in effect
	user     string
	hasUser  bool
	status   int
	handler  string // r->handler: "proxy-server" when proxied
	// theRequest is the request line as Apache keeps it when it differs
	// from what net/http parsed (cut at LimitRequestLine).
	theRequest string
	filename   string // r->filename
	pathInfo   string // r->path_info
	notes      string // error-notes shown on Apache's error page
	// verboseNotes shows notes on a 500 page too (verbose-error-to).
	verboseNotes bool
	// reason replaces the status's own reason phrase, on the status line
	// and the error page's title (r->status_line): ap_proxyerror's
	// "Proxy Error".
	reason   string
	aborted  bool
	panicked bool // the handler broke off: the connection ends as it is
	// noRequest marks a connection that sent no request line at all
	// (logged as "-").
	noRequest bool
	// keep reports, once the head is written, whether the connection
	// stays open after this answer (ap_set_keepalive's verdict).
	keep bool
	// continued is set once "100 Continue" went to the client.
	continued bool
	// headerRetry is set once an answer's header was refused and the
	// 500 replaces it (Apache's check_headers_recursion).
	headerRetry bool
	// endConn ends the connection after the answer whatever its headers
	// say: Apache stops reading a connection whose request failed while
	// it was read (ap_read_request returned no request).
	endConn bool
	// logEntry is what the access log reads, kept here so logging a
	// request allocates no entry of its own.
	logEntry accesslog.Entry
}

// newExchange starts a request read on connection cs: its virtual host
// is chosen by the connection and the host the request names.
func newExchange(s *Server, g *generation, cs *connState, w *http1.Response, r *http.Request) *exchange {
	x := &exchange{
		srv:      s,
		gen:      g,
		site:     g.byName(cs.chain, requestHost(r.Host)),
		conn:     cs,
		w:        w,
		r:        r,
		received: time.Now(),
	}
	x.remote, _ = netip.ParseAddrPort(r.RemoteAddr)
	x.dir = x.site.conf.Dir
	return x
}

// run takes the request through the phases. A handler that
// panics (the proxy does, to break an answer it cannot complete) ends
// the connection without a proper end to the answer.
func (x *exchange) run() {
	x.conn.requests++
	defer func() {
		if v := recover(); v != nil {
			x.panicked, x.aborted = true, true
			if v != http.ErrAbortHandler {
				x.gen.logs.request(x, "core", fmt.Sprintf("panic serving %s: %v", x.requestLine(), v))
			}
		}
	}()
	x.site = x.gen.byName(x.conn.chain, requestHost(x.r.Host))
	x.dir = x.site.conf.Dir
	x.serve()
}

// refuse answers a request Apache refuses while reading it (the request
// line, the header fields, the Host), from the server s, which is the
// connection's default: the error page, Header always, and the logs.
func (x *exchange) refuse(s *site, e *http1.Error) {
	x.conn.requests++
	x.conn.mustClose, x.endConn = true, true
	x.site, x.dir, x.notes = s, s.conf.Dir, e.Notes
	if e.Head != nil {
		x.theRequest = e.Head.Line
		if x.theRequest == "" {
			x.noRequest = true
		}
		if e.Head.Method != "" { // else the line was never taken apart
			x.route.Path, x.route.Query, x.route.HasQuery = rawTarget(e.Head.Method, e.Head.Target)
		}
	}
	x.hreq = headers.Request{Header: x.head.Header, Env: map[string]string{}, Received: x.received}
	x.fail(e.Status, "core", e.Log)
}

// serve runs the phases in Apache's order (ap_process_request).
func (x *exchange) serve() {
	r := x.r
	x.hreq = headers.Request{Header: x.head.Header, Env: map[string]string{}, Received: x.received}
	// ap_check_request_header: an HTTP/1.1 request must name its host;
	// an Expect other than 100-continue is refused.
	x.route.Path, x.route.Query, x.route.HasQuery = rawTarget(r.Method, x.head.Target)
	if status, reason := x.checkHeader(); status != 0 {
		x.endConn = true // ap_read_request failed: the connection ends
		x.fail(status, "core", reason)
		return
	}
	// post_read_request: mod_headers' early actions, mod_ssl's checks.
	x.site.early.Early(&x.hreq, &x.resp)
	if status, reason := x.postRead(); status != 0 {
		x.endConn = true
		x.fail(status, "ssl", reason)
		return
	}
	// ap_post_read_request: a target with a scheme other than http(s)
	// asks for a forward proxy, which this server is not.
	if sch := targetScheme(x.head.Target); sch != "" && r.Method != http.MethodConnect &&
		!strings.EqualFold(sch, "http") && !strings.EqualFold(sch, "https") {
		x.endConn = true
		x.fail(http.StatusBadRequest, "core", "")
		return
	}
	// translate_name and map_to_storage.
	x.route = x.site.router.Route(r.Method, r.URL)
	x.dir = x.route.Dir
	x.filename = x.mappedName()
	if x.route.Proxy != nil {
		x.handler = "proxy-server" // mod_proxy sets it while mapping
	}
	if x.route.Status != 0 {
		x.fail(x.route.Status, "core", "")
		return
	}
	if x.route.Path == "*" && r.Method == http.MethodOptions {
		// OPTIONS * asks about the server, not a resource: Apache
		// answers it before any section applies.
		x.status = http.StatusOK
		x.writeHead(http.StatusOK, headers.Table{{Name: "Content-Length", Value: "0"}})
		return
	}
	p := x.site.pipeline(x.dir)
	if p.err != nil {
		x.fail(http.StatusInternalServerError, "core", p.err.Error())
		return
	}
	// map_to_storage: the core answers or refuses TRACE there
	// (ap_send_http_trace), before any access check; a proxied TRACE goes
	// on to the backend.
	if r.Method == http.MethodTrace && x.route.Proxy == nil {
		x.trace()
		return
	}
	// access_checker, check_user_id, auth_checker.
	d := p.checker.Check(x.authRequest())
	x.user, x.hasUser = d.User, d.HasUser
	if !d.Allowed() {
		if d.Authenticate != "" {
			x.resp.ErrHeaders.Set("WWW-Authenticate", d.Authenticate)
		}
		x.fail(d.Status, moduleOf(d.Reason), d.Reason)
		return
	}
	// fixups: RequestHeader.
	p.headers.Fixup(&x.hreq, &x.resp)
	r.Header = httpHeader(x.hreq.Header)
	if x.body != nil && x.route.Proxy == nil {
		// LimitRequestBody binds what handlers read; Apache applies none
		// to proxied requests.
		x.body.Limit = x.dir.Core.EffectiveLimitRequestBody()
	}
	if x.route.Proxy != nil {
		x.forward(p)
		return
	}
	x.local(p)
}

// rawTarget is r->uri and r->args as Apache's ap_parse_uri leaves them
// when the request is refused before it is mapped: the path still
// encoded, a leading "//" reduced to "/", the query apart.
func rawTarget(method, target string) (path, query string, hasQuery bool) {
	u := http1.TargetURL(method, target)
	path = u.RawPath
	if path == "" {
		path = u.EscapedPath()
	}
	for strings.HasPrefix(path, "//") {
		path = path[1:]
	}
	if path == "" {
		path = "/"
		if method == http.MethodOptions {
			path = "*"
		}
	}
	return path, u.RawQuery, u.ForceQuery || u.RawQuery != ""
}

// targetScheme is the scheme apr_uri_parse finds at the start of a
// request-target: a letter, then letters, digits, '+', '-' or '.', then
// ':'; "" when there is none.
func targetScheme(target string) string {
	if target == "" || !(target[0] >= 'a' && target[0] <= 'z' || target[0] >= 'A' && target[0] <= 'Z') {
		return ""
	}
	for i := 1; i < len(target); i++ {
		c := target[i]
		switch {
		case c == ':':
			return target[:i]
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '+', c == '-', c == '.':
		default:
			return ""
		}
	}
	return ""
}

// checkHeader is what ap_check_request_header refuses once the host is
// known: an HTTP/1.1 request naming no host, an expectation other than
// 100-continue.
func (x *exchange) checkHeader() (int, string) {
	h := x.head
	_, hasHost := h.Header.Get("Host")
	if x.r.Host == "" && h.AtLeast(1, 1) || h.Major == 1 && h.Minor == 1 && !hasHost {
		return http.StatusBadRequest, "AH00569: client sent HTTP/1.1 request without hostname (see RFC2616 section 14.23): " + x.r.URL.Path
	}
	if e, _ := h.Header.Get("Expect"); e != "" && !strings.EqualFold(e, "100-continue") {
		return http.StatusExpectationFailed, "AH00570: client sent an unrecognized expectation value of Expect: " + e
	}
	return 0, ""
}

// mappedName is r->filename once the request is mapped: "proxy:" and the
// backend URL when proxied, else the path under the DocumentRoot.
func (x *exchange) mappedName() string {
	if x.route.Proxy != nil {
		return "proxy:" + x.route.Proxy.URL
	}
	root := strings.TrimRight(x.site.conf.Core.DocumentRoot, "/")
	if root == "" {
		root = directives.DefaultDocumentRoot
	}
	if !strings.HasPrefix(x.route.Path, "/") { // "*": OPTIONS * maps to no file
		return ""
	}
	name, info := storagePath(x.srv.opts.Files, root, x.route.Path)
	x.pathInfo = info
	return name
}

// postRead is mod_ssl's check of a request against its connection: plain
// HTTP on a TLS port, and a Host that contradicts the SNI name.
func (x *exchange) postRead() (int, string) {
	cs := x.conn
	if cs.plainOnTLS {
		x.notes = "Reason: You're speaking plain HTTP to an SSL-enabled server port.<br />\n" +
			" Instead use the HTTPS scheme to access this URL, please.<br />\n"
		x.theRequest = "GET / HTTP/1.0" // what mod_ssl puts in its place
		return http.StatusBadRequest, ""
	}
	if cs.handshake == nil {
		return 0, ""
	}
	if cs.sni != "" && x.r.Host == "" {
		return http.StatusBadRequest, "AH02031: Hostname " + cs.sni + " provided via SNI, but no hostname provided in HTTP request"
	}
	if x.site != cs.handshake && !sslCompatible(&cs.handshake.conf.SSL, &x.site.conf.SSL) {
		return http.StatusMisdirectedRequest, "AH02032: Hostname " + cs.sni + " provided via SNI and hostname " +
			requestHost(x.r.Host) + " provided via HTTP have no compatible SSL setup"
	}
	return 0, ""
}

// authRequest is what the access and auth phases see of the request.
func (x *exchange) authRequest() *auth.Request {
	return &auth.Request{
		Method:        x.r.Method,
		RemoteIP:      x.remote.Addr(),
		LocalIP:       x.conn.local,
		Authorization: x.r.Header.Values("Authorization"),
		URI:           x.route.Path,
		Filename:      x.filename,
		PathInfo:      x.pathInfo,
		Env:           x.hreq.Env,
	}
}

// forward is mod_proxy's handler.
func (x *exchange) forward(p *dirPipeline) {
	scheme, host, port := x.publicName()
	req := &proxy.Request{
		HTTP:          x.r,
		Header:        x.hreq.Header,
		Target:        x.route.Proxy,
		Dir:           &x.dir.Proxy,
		ServerName:    x.site.name,
		ClientIP:      x.remote.Addr().String(),
		Authenticated: x.hasUser,
		Base:          proxy.PublicBase(scheme, host, port),
		Port:          port,
	}
	if ready := x.conn.socketReady; ready != nil && x.body != nil {
		req.BodyReady = func() bool { return x.body.Ready(ready) }
	}
	prepare := func(status int, h headers.Table) headers.Table {
		x.status = status
		x.resp.Headers = h
		x.resp.ContentType, _ = h.Get("Content-Type")
		p.headers.Output(&x.hreq, &x.resp)
		out := x.resp.Merge(status)
		if !x.headersValid(out) {
			// The proxy then answers 500 (Apache's ap_die), from a clean
			// slate but for what the error actions add back.
			x.headerRetry, x.resp = true, headers.Response{}
			return nil
		}
		x.connectionHeaders(&out, status)
		if _, ok := out.Get("Server"); !ok {
			out.Set("Server", banner(x.site.conf.Core.ServerTokens))
		}
		return out
	}
	err := x.site.proxy.Forward(x.w, req, prepare)
	switch {
	case err == nil:
	case err.Written:
		x.aborted = true
		x.logProxyError(err)
		panic(http.ErrAbortHandler) // the client must see a broken answer
	default:
		x.logProxyError(err)
		if err.Message != "" { // ap_proxyerror's page
			x.notes = "The proxy server could not handle the request<p>Reason: <strong>" +
				errorpage.EscapeHTML(err.Message) + "</strong></p>"
			x.verboseNotes, x.reason = true, "Proxy Error"
		}
		x.fail(err.Status, "proxy", "")
	}
}

// logProxyError logs why a request could not be forwarded, or its answer
// broke off, as Apache does: a note about the server first, then the
// proxy module's line with the system error, mod_proxy_http's follow-up,
// then ap_proxyerror's own line. An error with none of them (a client
// that went away) logs nothing.
func (x *exchange) logProxyError(err *proxy.Error) {
	module, cause := err.Module, err.Err
	if module == "" {
		module = "proxy"
	}
	if err.ServerNote != "" {
		x.gen.logs.serverError("proxy", err.ServerNote, err.Err)
		cause = nil
	}
	if err.Reason != "" {
		x.gen.logs.requestErr(x, module, err.Reason, cause)
	}
	if err.Followup != "" {
		x.gen.logs.request(x, "proxy_http", err.Followup)
	}
	if err.Message != "" {
		x.gen.logs.request(x, "proxy", "AH00898: "+err.Message+" returned by "+x.r.URL.Path)
	}
}

// publicName is how the server names itself in URLs it makes (Apache's
// ap_get_server_name and ap_get_server_port): with UseCanonicalName Off,
// the name and port the client asked for, else the ServerName's; the
// connection's own port only with UseCanonicalPhysicalPort On; else the
// scheme's default.
func (x *exchange) publicName() (scheme, host string, port int) {
	scheme, defaultPort := "http", 80
	if x.r.TLS != nil {
		scheme, defaultPort = "https", 443
	}
	dc := &x.dir.Core
	host = x.site.name
	var asked int
	if dc.UseCanonicalName != directives.CanonicalOn {
		if h := requestHost(x.r.Host); h != "" {
			host = h
		}
		if _, p, err := net.SplitHostPort(x.r.Host); err == nil {
			asked, _ = strconv.Atoi(p)
		}
	}
	physical := 0
	if dc.UseCanonicalPhysicalPort != nil && *dc.UseCanonicalPhysicalPort {
		physical = x.conn.portNumber()
	}
	candidates := []int{asked, physical, x.site.conf.Core.ServerPort, defaultPort}
	if dc.UseCanonicalName == directives.CanonicalOn {
		candidates = []int{x.site.conf.Core.ServerPort, physical, defaultPort}
	}
	for _, p := range candidates {
		if p != 0 {
			return scheme, host, p
		}
	}
	return scheme, host, defaultPort
}
