package server

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/auth"
	"github.com/gohttpd/gohttpd/server/errorpage"
	"github.com/gohttpd/gohttpd/server/headers"
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
	w    *countingWriter
	r    *http.Request

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
	aborted      bool
}

// serveHTTP is where every request starts: it picks the virtual host by
// the connection and the Host the request names, then runs the phases.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	g := s.current()
	defer g.release()
	cs := stateOf(r.Context())
	if cs == nil { // not from our listeners: serve as the main server
		cs = &connState{gen: g}
	}
	if cs.gen != g { // reloaded since the connection came
		if p := g.ports[listenKey(cs.port.conf)]; p != nil {
			cs.port = p
		}
		cs.gen, cs.chain = g, g.chain(cs.local, cs.port.conf.Port)
	}
	x := &exchange{
		srv:      s,
		gen:      g,
		site:     g.byName(cs.chain, requestHost(r.Host)),
		conn:     cs,
		w:        &countingWriter{ResponseWriter: w},
		r:        r,
		received: time.Now(),
	}
	x.remote, _ = netip.ParseAddrPort(r.RemoteAddr)
	x.dir = x.site.conf.Dir
	cs.requests++
	defer x.log()
	x.serve()
}

// serve runs the phases in Apache's order (ap_process_request).
func (x *exchange) serve() {
	r := x.r
	x.hreq = headers.Request{Header: tableOf(r.Header), Env: map[string]string{}, Received: x.received}
	// Reading the request: Apache's limits, checked by the connection's
	// default server since the Host is not read yet.
	def := x.gen.byName(x.conn.chain, "")
	if lim := checkLimits(r, def); lim != nil {
		x.site, x.dir, x.notes, x.theRequest = def, def.conf.Dir, lim.notes, lim.line
		x.fail(lim.status, "core", lim.reason)
		return
	}
	// post_read_request: mod_headers' early actions, mod_ssl's checks.
	x.site.early.Early(&x.hreq, &x.resp)
	if status, reason := x.postRead(); status != 0 {
		x.fail(status, "ssl", reason)
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
		x.w.Header().Set("Content-Length", "0")
		x.writeHead(http.StatusOK, nil)
		return
	}
	p := x.site.pipeline(x.dir)
	if p.err != nil {
		x.fail(http.StatusInternalServerError, "core", p.err.Error())
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
	if x.route.Proxy != nil {
		x.forward(p)
		return
	}
	x.local(p)
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
		Target:        x.route.Proxy,
		Dir:           &x.dir.Proxy,
		ServerName:    x.site.name,
		ClientIP:      x.remote.Addr().String(),
		Authenticated: x.hasUser,
		Base:          proxy.PublicBase(scheme, host, port),
		Port:          port,
	}
	prepare := func(status int, h headers.Table) headers.Table {
		x.status = status
		x.resp.Headers = h
		x.resp.ContentType, _ = h.Get("Content-Type")
		p.headers.Output(&x.hreq, &x.resp)
		out := x.resp.Merge(status)
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
		x.gen.logs.request(x, "proxy", err.Reason)
		panic(http.ErrAbortHandler) // the client must see a broken answer
	default:
		if err.Message != "" { // ap_proxyerror's page
			x.notes = "The proxy server could not handle the request<p>Reason: <strong>" +
				errorpage.EscapeHTML(err.Message) + "</strong></p>"
			x.verboseNotes = true
		}
		x.fail(err.Status, "proxy", err.Reason)
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

// countingWriter records what a request's answer was, for the log.
type countingWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (w *countingWriter) WriteHeader(status int) {
	if w.status == 0 && status >= 200 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *countingWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush passes a flush on, so streamed answers reach the client as they
// come.
func (w *countingWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection.
func (w *countingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
