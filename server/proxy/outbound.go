package proxy

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/headers"
)

// requestHopByHop are the request headers Apache never forwards, besides
// Connection and the ones it names (ap_proxy_create_hdrbrgd).
var requestHopByHop = []string{"Proxy-Connection", "Keep-Alive", "Upgrade", "Trailer", "TE"}

// outboundHeaders returns the header lines mod_proxy_http sends the
// backend, Host first, without the body's framing and the closing
// Connection line, which the caller adds.
func outboundHeaders(req *Request, via directives.ProxyVia, expect100 bool) headers.Table {
	r := req.HTTP
	var t headers.Table
	if req.Header != nil {
		t = append(make(headers.Table, 0, len(req.Header)+6), req.Header...)
	} else {
		t = clientTable(r.Header)
	}
	t.Unset("Content-Length")
	t.Unset("Transfer-Encoding")
	clearConnection(&t)
	for _, name := range requestHopByHop {
		t.Unset(name)
	}
	if !expect100 {
		t.Unset("Expect")
	}
	if v := viaValue(req, via); v != "" {
		t.Merge("Via", v)
	} else if via == directives.ProxyViaBlock {
		t.Unset("Via")
	}
	if boolOr(req.Dir.AddHeaders, true) {
		t.Merge("X-Forwarded-For", req.ClientIP)
		if r.Host != "" {
			t.Merge("X-Forwarded-Host", r.Host)
		}
		t.Merge("X-Forwarded-Server", req.ServerName)
	}
	if req.Authenticated {
		t.Unset("Proxy-Authorization")
	}
	t.Unset("Host")
	return append(headers.Table{{Name: "Host", Value: backendHost(req)}}, t...)
}

// clientTable is the request's headers as Apache's r->headers_in holds
// them, one line per value: Request.HTTP.Header has the client's repeated
// lines already merged (Apache joins them with ", " when it reads the
// request), so a name with several values has lines that mod_headers
// added (RequestHeader add), which Apache sends as separate lines.
// net/http keeps no order between names, so names go in sorted order; a
// backend cannot tell, since the order of different names carries no
// meaning.
func clientTable(h http.Header) headers.Table {
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	t := make(headers.Table, 0, len(names)+6)
	for _, name := range names {
		for _, v := range h[name] {
			t.Add(name, v)
		}
	}
	return t
}

// clearConnection removes Connection, Proxy-Connection and every header
// Connection names, and reports whether it names "close", as Apache's
// ap_proxy_clear_connection.
func clearConnection(t *headers.Table) bool {
	closing := false
	for _, v := range t.Values("Connection") {
		for _, token := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' }) {
			if strings.EqualFold(token, "close") {
				closing = true
			}
			t.Unset(token)
		}
	}
	t.Unset("Connection")
	t.Unset("Proxy-Connection")
	return closing
}

// backendHost is the Host header the backend gets: the backend's
// host[:port] (the port only when it is not 80, whatever the scheme, as
// Apache writes it), or with ProxyPreserveHost the client's Host, and
// ServerName when the client sent none.
func backendHost(req *Request) string {
	if boolOr(req.Dir.PreserveHost, false) {
		if req.HTTP.Host != "" {
			return req.HTTP.Host
		}
		return req.ServerName
	}
	host := req.Target.Host
	if strings.HasSuffix(host, ":80") && !strings.HasSuffix(host, "]") {
		host = strings.TrimSuffix(host, ":80")
	}
	return host
}

// viaValue is this server's Via entry ("1.1 name[:port]", with Apache's
// version under ProxyVia Full), or "" when ProxyVia adds none.
func viaValue(req *Request, mode directives.ProxyVia) string {
	if mode != directives.ProxyViaOn && mode != directives.ProxyViaFull {
		return ""
	}
	v := strconv.Itoa(req.HTTP.ProtoMajor) + "." + strconv.Itoa(req.HTTP.ProtoMinor) + " " + req.ServerName
	if req.Port != 0 && req.Port != defaultPort(req.HTTP) {
		v += ":" + strconv.Itoa(req.Port)
	}
	if mode == directives.ProxyViaFull {
		v += " (Apache/2.4)"
	}
	return v
}

// defaultPort is the default port of the scheme the client used.
func defaultPort(r *http.Request) int {
	if r.TLS != nil {
		return 443
	}
	return 80
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}
