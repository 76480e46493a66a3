package server

import (
	"crypto/tls"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/accesslog"
	"github.com/gohttpd/gohttpd/server/errorlog"
)

// log writes the request's access log lines, as mod_log_config's
// log_transaction at the end of every request.
func (x *exchange) log() {
	x.countServed() // mod_status's counts (status.go)
	if len(x.site.logs) == 0 {
		// The next request's %I and %O count from here all the same.
		x.conn.loggedIn, x.conn.loggedOut = x.conn.in.Load(), x.conn.out.Load()
		return
	}
	e := x.entry()
	buf := lineBuffers.Get().(*[]byte)
	for _, l := range x.site.logs {
		if l.conf.Env != "" {
			_, set := x.hreq.Env[l.conf.Env]
			if set == l.conf.EnvNegated {
				continue
			}
		}
		*buf = append(l.format.AppendLine((*buf)[:0], e), '\n')
		l.out.Write(*buf)
	}
	if cap(*buf) <= maxPooledLine {
		lineBuffers.Put(buf)
	}
}

// lineBuffers hold access log lines while they are written, so a line
// costs no allocation; a buffer grown past maxPooledLine by a huge line
// is dropped rather than kept.
var lineBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

const maxPooledLine = 16 << 10

// processID is the server's process id, which %P logs: asked once, not
// with a system call per request.
var processID = os.Getpid()

// entry is what the log items read of the request. It is the exchange's
// own, filled once; the headers are copied only when a format prints one.
func (x *exchange) entry() *accesslog.Entry {
	r := x.r
	status := x.status
	if status == 0 {
		status = x.w.Status()
	}
	x.logEntry = accesslog.Entry{
		RemoteAddr:  x.conn.remoteText(x.remote.Addr()),
		RemotePort:  int(x.remote.Port()),
		LocalAddr:   x.conn.localText(),
		LocalPort:   x.conn.portNumber(),
		User:        x.user,
		HasUser:     x.hasUser,
		Received:    x.received,
		Done:        time.Now(),
		RequestLine: x.loggedLine(),
		Method:      r.Method,
		Protocol:    r.Proto,
		URI:         x.route.Path,
		Query:       x.route.Query,
		HasQuery:    x.route.HasQuery,
		Filename:    x.filename,
		Handler:     x.handler,
		Status:      status,
		BodyBytes:   x.w.Written,
		ContentType: x.resp.ContentType,
		Env:         x.hreq.Env,
		Notes:       x.hreq.Notes,
		ServerName:  x.site.name,
		Hostname:    x.site.name,
		Port:        canonicalPort(x),
		PID:         processID,
		Aborted:     x.aborted,
		KeepAlives:  x.conn.requests,
		KeepAlive:   x.keep,
	}
	e := &x.logEntry
	if x.site.logHeaders {
		e.RequestHeader, e.ResponseHeader = httpHeader(x.hreq.Header), httpHeader(x.w.Fields)
	}
	in, out := x.conn.in.Load(), x.conn.out.Load()
	e.BytesIn, e.BytesOut = in-x.conn.loggedIn, out-x.conn.loggedOut
	x.conn.loggedIn, x.conn.loggedOut = in, out
	if h := requestHost(r.Host); h != "" {
		e.Hostname = h
	}
	if r.TLS != nil {
		if x.conn.sslVars == nil { // the same for every request on the connection
			x.conn.sslVars = sslVars(r.TLS)
		}
		e.SSL = x.conn.sslVars
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

// sslVars are mod_ssl's variables the logs may print.
func sslVars(cs *tls.ConnectionState) map[string]string {
	resumed := "Initial"
	if cs.DidResume {
		resumed = "Resumed"
	}
	cipher, ok := directives.CipherName(cs.CipherSuite)
	if !ok {
		cipher = tls.CipherSuiteName(cs.CipherSuite)
	}
	return map[string]string{
		"SSL_PROTOCOL":        protocolName(cs.Version),
		"SSL_CIPHER":          cipher,
		"SSL_TLS_SNI":         cs.ServerName,
		"SSL_SESSION_RESUMED": resumed,
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
	ls.requestErr(x, module, msg, nil)
}

// requestErr is request with the system error behind msg, which Apache
// prints before it ("(111)Connection refused: ").
func (ls *logSet) requestErr(x *exchange, module, msg string, err error) {
	e := entryOf(module, msg, err)
	ls.requestEntry(x, e)
}

// serverError logs msg about the server rather than a request, as
// ap_log_error does: no client is shown.
func (ls *logSet) serverError(module, msg string, err error) {
	e := entryOf(module, msg, err)
	if ls.errors.Enabled(e.Module, e.Level, nil) {
		ls.errors.Log(e)
	}
}

// entryOf is an error-level entry for msg, its AH number split off and
// its level lowered for the codes Apache logs below error.
func entryOf(module, msg string, err error) errorlog.Entry {
	e := errorlog.Entry{Module: module, Level: directives.LogError, Message: msg, Err: err}
	if code, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(code, "AH") {
		e.Code, e.Message = code, rest
		if l, ok := codeLevels[code]; ok {
			e.Level = l
		}
	}
	return e
}

// codeLevels are the request errors Apache logs below level error: a
// missing file or a malformed request is the client's business.
var codeLevels = levels(directives.LogInfo,
	"AH00128", "AH00129", "AH00130", // files
	"AH00560", "AH00561", "AH00562", "AH00563", "AH00565", "AH00570", // reading the request
	"AH01588", "AH01591", "AH02656", // its body
).with(directives.LogDebug,
	"AH00550", "AH00566", "AH00567", "AH00569", "AH02401", "AH02416", "AH02418", "AH02423",
	"AH02426", "AH02427", "AH02539", "AH03442", "AH03443", "AH03444", "AH03445", "AH03446",
	"AH03447", "AH03448", "AH03449", "AH03451", "AH03452", "AH03453", "AH03454", "AH10242", "AH00564",
)

type levelTable map[string]directives.LogPriority

func levels(l directives.LogPriority, codes ...string) levelTable {
	return levelTable{}.with(l, codes...)
}

func (t levelTable) with(l directives.LogPriority, codes ...string) levelTable {
	for _, c := range codes {
		t[c] = l
	}
	return t
}

// startupWarning logs a core warning outside any request, as
// ap_log_perror while Apache opens its sockets.
func (ls *logSet) startupWarning(msg string) {
	e := errorlog.Entry{Module: "core", Level: directives.LogWarn, Message: msg}
	if code, rest, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(code, "AH") {
		e.Code, e.Message = code, rest
	}
	if ls.errors.Enabled(e.Module, e.Level, nil) {
		ls.errors.Log(e)
	}
}

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
