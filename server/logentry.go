package server

import (
	"net/http"
	"strings"

	"crypto/tls"
	"github.com/gohttpd/gohttpd/directives"
	"os"
	"time"

	"github.com/gohttpd/gohttpd/server/accesslog"
	"github.com/gohttpd/gohttpd/server/errorlog"
)

// log writes the request's access log lines, as mod_log_config's
// log_transaction at the end of every request.
func (x *exchange) log() {
	if len(x.site.logs) == 0 {
		return
	}
	// Apache logs once the answer is sent.
	if !x.aborted {
		x.w.Flush()
	}
	e := x.entry()
	for _, l := range x.site.logs {
		if l.conf.Env != "" {
			_, set := x.hreq.Env[l.conf.Env]
			if set == l.conf.EnvNegated {
				continue
			}
		}
		l.out.WriteLine(l.format.Line(e))
	}
}

// entry is what the log items read of the request.
func (x *exchange) entry() *accesslog.Entry {
	r := x.r
	status := x.status
	if status == 0 {
		status = x.w.status
	}
	e := &accesslog.Entry{
		RemoteAddr:     x.remote.Addr().String(),
		RemotePort:     int(x.remote.Port()),
		LocalAddr:      x.conn.local.String(),
		LocalPort:      x.conn.portNumber(),
		User:           x.user,
		HasUser:        x.hasUser,
		Received:       x.received,
		Done:           time.Now(),
		RequestLine:    x.requestLine(),
		Method:         r.Method,
		Protocol:       r.Proto,
		URI:            x.route.Path,
		Query:          x.route.Query,
		HasQuery:       x.route.HasQuery,
		Filename:       x.filename,
		Handler:        x.handler,
		Status:         status,
		BodyBytes:      x.w.bytes,
		RequestHeader:  headersIn(r),
		ResponseHeader: x.w.Header(),
		ContentType:    x.resp.ContentType,
		Env:            x.hreq.Env,
		Notes:          x.hreq.Notes,
		ServerName:     x.site.name,
		Hostname:       x.site.name,
		Port:           canonicalPort(x),
		PID:            os.Getpid(),
		Aborted:        x.aborted,
		KeepAlives:     x.conn.requests,
		KeepAlive:      !x.closes(status),
	}
	in, out := x.conn.in.Load(), x.conn.out.Load()
	e.BytesIn, e.BytesOut = in-x.conn.loggedIn, out-x.conn.loggedOut
	x.conn.loggedIn, x.conn.loggedOut = in, out
	if h := requestHost(r.Host); h != "" {
		e.Hostname = h
	}
	if r.TLS != nil {
		e.SSL = sslVars(r.TLS)
	}
	return e
}

// canonicalPort is what %p logs: the ServerName's port, else the
// scheme's default (mod_log_config's log_server_port, which unlike the
// URLs Apache builds ignores the port the client asked for).
func canonicalPort(x *exchange) int {
	if p := x.site.conf.Core.ServerPort; p != 0 {
		return p
	}
	if x.r.TLS != nil {
		return 443
	}
	return 80
}

// headersIn are the request's headers as Apache keeps them, Host among
// them (net/http keeps it apart).
func headersIn(r *http.Request) http.Header {
	if r.Host == "" {
		return r.Header
	}
	h := r.Header.Clone()
	h.Set("Host", r.Host)
	return h
}

// sslVars are mod_ssl's variables the logs may print.
func sslVars(cs *tls.ConnectionState) map[string]string {
	return map[string]string{
		"SSL_PROTOCOL":        protocolName(cs.Version),
		"SSL_CIPHER":          tls.CipherSuiteName(cs.CipherSuite),
		"SSL_TLS_SNI":         cs.ServerName,
		"SSL_SESSION_RESUMED": map[bool]string{true: "Resumed", false: "Initial"}[cs.DidResume],
	}
}

// protocolName names a TLS version as OpenSSL does.
func protocolName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return "unknown"
}

// request logs an error about a request, as ap_log_rerror; msg starts
// with its message number ("AH01630: …").
func (ls *logSet) request(x *exchange, module, msg string) {
	e := errorlog.Entry{Module: module, Level: directives.LogError, Message: msg}
	if code, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(code, "AH") {
		e.Code, e.Message = code, rest
		if infoCodes[code] {
			e.Level = directives.LogInfo
		}
	}
	ls.requestEntry(x, e)
}

// infoCodes are the request errors Apache logs at level info, not error:
// a missing file is the client's business.
var infoCodes = map[string]bool{"AH00128": true, "AH00129": true, "AH00130": true,
	"AH00561": true, "AH00563": true, "AH00565": true}

// requestEntry logs e with what the error log shows of x.
func (ls *logSet) requestEntry(x *exchange, e errorlog.Entry) {
	if !ls.errors.Enabled(e.Module, e.Level, x.dir.Core.LogLevel) {
		return
	}
	e.Client, e.Request = x.r.RemoteAddr, true
	e.ServerName, e.VirtualHost = requestHost(x.r.Host), x.site.name
	e.Header, e.Notes, e.Env = x.r.Header, x.hreq.Notes, x.hreq.Env
	ls.errors.Log(e)
}
