package server

import (
	"fmt"
	"net/http"
	"net/textproto"
	"reflect"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/errorpage"
	"github.com/gohttpd/gohttpd/server/headers"
)

// Product and Version name gohttpd in the Server header, as ServerTokens
// asks.
const (
	Product = "gohttpd"
	Version = "0.1.0"
)

// banner is the Server header's value for a ServerTokens setting.
func banner(t directives.ServerTokens) string {
	switch t {
	case directives.TokensProductOnly:
		return Product
	case directives.TokensMajor:
		return Product + "/" + Version[:strings.IndexByte(Version, '.')]
	case directives.TokensMinor:
		return Product + "/" + Version[:strings.LastIndexByte(Version, '.')]
	case directives.TokensMinimal:
		return Product + "/" + Version
	}
	return Product + "/" + Version + " (Unix)"
}

// fail answers with an error Apache makes itself (ap_send_error_response):
// the handler's headers are dropped, the always actions of mod_headers run
// on what is kept, and the canned page for status is the body. reason is
// the error Apache logs, by module.
func (x *exchange) fail(status int, module, reason string) {
	if reason != "" {
		x.gen.logs.request(x, module, reason)
	}
	if !errorpage.Known(status) {
		status = http.StatusInternalServerError // as Apache answers a code it has no line for
	}
	x.status = status
	x.resp.SendError()
	x.site.pipeline(x.dir).headers.Error(&x.hreq, &x.resp)
	out := x.resp.Merge(status)
	body := errorpage.Body(status, x.pageInfo())
	if x.r.Method != http.MethodHead { // Apache sends no length without the body
		out.Set("Content-Length", strconv.Itoa(len(body)))
	}
	x.writeHead(status, out)
	if x.r.Method != http.MethodHead {
		_, _ = x.w.Write([]byte(body))
	}
}

// pageInfo is what Apache's error page shows of the request and server.
func (x *exchange) pageInfo() errorpage.PageInfo {
	c := &x.site.conf.Core
	_, _, port := x.publicName()
	loc, _ := x.resp.Headers.Get("Location")
	admin := c.ServerAdmin
	if admin == "" {
		admin = directives.DefaultServerAdmin
	}
	return errorpage.PageInfo{
		Method:            x.r.Method,
		Location:          loc,
		Expect:            x.r.Header.Get("Expect"),
		ErrorNotes:        x.notes,
		VerboseErrorNotes: x.verboseNotes,
		Reason:            x.reason,
		ServerAdmin:       admin,
		Signature: errorpage.Signature{
			Mode:       x.dir.Core.ServerSignature,
			Banner:     banner(c.ServerTokens),
			ServerName: x.site.name,
			Port:       port,
		},
	}
}

// writeHead sends status with the header table, adding Server as Apache
// does when the answer has none, and the connection's headers.
func (x *exchange) writeHead(status int, t headers.Table) {
	if !x.headersValid(t) {
		x.headerFailed()
		return
	}
	x.connectionHeaders(&t, status)
	if _, ok := t.Get("Server"); !ok {
		t.Set("Server", banner(x.site.conf.Core.ServerTokens))
	}
	x.w.WriteHead(status, x.reason, t)
}

// headersValid checks an answer's header as Apache's header filter does
// (check_headers): names must be tokens (visible characters when
// HttpProtocolOptions Unsafe), values free of control characters but
// tabs. A bad line is logged with Apache's message.
func (x *exchange) headersValid(t headers.Table) bool {
	unsafe := x.site.conf.Core.HTTPProtocolOptions.Unsafe()
	for _, f := range t {
		switch {
		case f.Name == "":
			x.gen.logs.request(x, "http", "AH02428: Empty response header name, aborting request")
			return false
		case !validFieldName(f.Name, unsafe):
			x.gen.logs.request(x, "http", "AH02429: Response header name '"+f.Name+"' contains invalid characters, aborting request")
			return false
		case !validFieldValue(f.Value):
			x.gen.logs.request(x, "http", "AH02430: Response header '"+f.Name+"' value of '"+f.Value+"' contains invalid characters, aborting request")
			return false
		}
	}
	return true
}

// headerFailed answers after a bad header as Apache: the answer's
// headers are dropped and a 500 goes out instead; when the 500's own
// header is bad too, a bare 500 with no body ends the connection.
func (x *exchange) headerFailed() {
	if x.headerRetry {
		x.status, x.endConn = http.StatusInternalServerError, true
		x.w.WriteHead(http.StatusInternalServerError, "", headers.Table{
			{Name: "Server", Value: banner(x.site.conf.Core.ServerTokens)},
			{Name: "Content-Length", Value: "0"}, {Name: "Connection", Value: "close"}})
		return
	}
	x.headerRetry = true
	x.resp = headers.Response{}
	x.fail(http.StatusInternalServerError, "", "")
}

func validFieldName(name string, unsafe bool) bool {
	for i := 0; i < len(name); i++ {
		c := name[i]
		if unsafe && (c <= 0x20 || c == 0x7f) || !unsafe && !isTokenByte(c) {
			return false
		}
	}
	return true
}

// validFieldValue allows what ap_scan_http_field_content does: no
// control characters but tabs. (Apache also joins an obs-fold it finds,
// which mod_headers cannot produce.)
func validFieldValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// connectionHeaders says what becomes of the connection, as Apache's
// ap_set_keepalive: "Connection: close" when it closes, and to a client
// that asked for keep-alive, "Connection: Keep-Alive" with its terms.
func (x *exchange) connectionHeaders(t *headers.Table, status int) {
	x.keep = !x.closes(status, *t)
	if !x.keep {
		if !hasToken(t.Values("Connection"), "close") {
			t.Merge("Connection", "close")
		}
		return
	}
	if !hasToken(x.r.Header.Values("Connection"), "keep-alive") {
		return
	}
	c := &x.site.conf.Core
	timeout := int(c.EffectiveKeepAliveTimeout().Seconds())
	if max := x.maxKeepAlive(); max > 0 {
		t.Set("Keep-Alive", fmt.Sprintf("timeout=%d, max=%d", timeout, max-x.conn.requests+1))
	} else {
		t.Set("Keep-Alive", fmt.Sprintf("timeout=%d", timeout))
	}
	t.Merge("Connection", "Keep-Alive")
}

// closes reports whether the connection ends after an answer with status
// and the header table t, by ap_set_keepalive's conditions in its order.
func (x *exchange) closes(status int, t headers.Table) bool {
	c := &x.site.conf.Core
	conn := x.r.Header.Values("Connection")
	max := x.maxKeepAlive()
	return x.conn.mustClose || x.conn.plainOnTLS || x.expecting100() ||
		!x.w.Framing(status, t) ||
		!c.EffectiveKeepAlive() || c.EffectiveKeepAliveTimeout() <= 0 ||
		(max > 0 && x.conn.requests > max) ||
		dropsConnection(status) ||
		hasToken(t.Values("Connection"), "close") ||
		hasToken(conn, "close") ||
		!(hasToken(conn, "keep-alive") || x.head.AtLeast(1, 1))
}

// expecting100 reports whether the client waits for a "100 Continue" it
// never got: what it sends next may be the body, so the connection
// cannot be read for another request (Apache's r->expecting_100).
func (x *exchange) expecting100() bool {
	e, _ := x.head.Header.Get("Expect")
	return strings.EqualFold(e, "100-continue") && !x.continued
}

// maxKeepAlive is MaxKeepAliveRequests: 0 for no limit.
func (x *exchange) maxKeepAlive() int {
	if m := x.site.conf.Core.MaxKeepAliveRequests; m != nil {
		return *m
	}
	return directives.DefaultMaxKeepAliveRequests
}

// hasToken reports whether a comma-separated header holds token, case
// aside.
func hasToken(values []string, token string) bool {
	for _, v := range values {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}

// dropsConnection is Apache's ap_status_drops_connection: after these
// answers the connection is closed.
func dropsConnection(status int) bool {
	switch status {
	case 400, 408, 411, 413, 414, 500, 503, 501:
		return true
	}
	return false
}

// tableOf copies a request's headers into mod_headers' table, a name's
// repeated lines joined into one as Apache merges them on reading the
// request (apr_table_compress).
func tableOf(h http.Header) headers.Table {
	t := make(headers.Table, 0, len(h))
	for name, values := range h {
		if len(values) > 0 {
			t = append(t, headers.Field{Name: name, Value: strings.Join(values, ", ")})
		}
	}
	return t
}

// httpHeader copies mod_headers' table back for the handler. The values
// share one backing array, so a request's header costs two allocations
// however many fields it has, not one per field.
func httpHeader(t headers.Table) http.Header {
	h := make(http.Header, len(t))
	vals := make([]string, len(t))
	for i, f := range t {
		key := textproto.CanonicalMIMEHeaderKey(f.Name)
		if prev, ok := h[key]; ok {
			h[key] = append(prev, f.Value) // a repeated name: its own copy
			continue
		}
		vals[i] = f.Value
		h[key] = vals[i : i+1 : i+1]
	}
	return h
}

// sslCompatible is mod_ssl's ssl_server_compatible: a request may be
// served by another virtual host than the handshake's when both would
// have negotiated the same way (protocols, ciphers, client
// verification).
func sslCompatible(a, b *directives.SSLServerConfig) bool {
	if a == b {
		return true
	}
	return reflect.DeepEqual(a.Protocol, b.Protocol) &&
		reflect.DeepEqual(a.CipherSuite, b.CipherSuite) &&
		a.VerifyClient == b.VerifyClient &&
		reflect.DeepEqual(a.VerifyDepth, b.VerifyDepth) &&
		a.CACertificateFile == b.CACertificateFile && a.CACertificatePath == b.CACertificatePath &&
		a.CADNRequestFile == b.CADNRequestFile && a.CADNRequestPath == b.CADNRequestPath
}

// moduleOf names the module that logs an auth refusal, by its message
// number.
func moduleOf(reason string) string {
	code, _, _ := strings.Cut(reason, ":")
	switch code {
	case "AH01797":
		return "access_compat"
	case "AH01614", "AH01615", "AH01617", "AH01618", "AH01619", "AH01620":
		return "auth_basic"
	case "AH01627", "AH01628", "AH01629", "AH01630", "AH01631":
		return "authz_core"
	case "AH01664", "AH01665":
		return "authz_groupfile"
	}
	return "core"
}

// portNumber is the port the configuration gave the connection's Listen.
func (cs *connState) portNumber() int {
	if cs.port == nil {
		return 0
	}
	return cs.port.conf.Port
}
