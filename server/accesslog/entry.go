package accesslog

import (
	"net/http"
	"time"
)

// Entry is what the log items read of one request: the fields of
// Apache's request_rec and conn_rec the items print. The server fills it
// when the request is done; items whose field is empty print "-" where
// Apache prints "-" for an unset value.
type Entry struct {
	// RemoteAddr, RemotePort: the client (%a, %h, %{remote}p);
	// PeerAddr: the connection's peer when it differs from the client
	// (%{c}a; empty: RemoteAddr). RemoteHost is the client's name when
	// HostnameLookups found one (%h; empty: RemoteAddr).
	RemoteAddr string
	RemotePort int
	PeerAddr   string
	RemoteHost string
	// LocalAddr, LocalPort: the address and port the request came in on
	// (%A, %{local}p).
	LocalAddr string
	LocalPort int
	// User is who authentication said the client is (%u), HasUser
	// whether it said anything (r->user, set from the Authorization
	// header even when the password turned out wrong). The password is
	// never logged, except as part of a header a format logs (%{…}i).
	User    string
	HasUser bool
	// Received is when the request arrived and Done when it was logged,
	// both in the zone the log's times are written in (%t, %D, %T).
	Received, Done time.Time
	// RequestLine is the request's first line as received (%r); Method,
	// Protocol ("HTTP/1.1") and URI (the decoded path, r->uri) are its
	// parts (%m, %H, %U); Query is the raw query without '?' and
	// HasQuery whether the target had a '?' (%q).
	RequestLine, Method, Protocol, URI string
	Query                              string
	HasQuery                           bool
	// Filename is r->filename (%f): the file a request maps to, or
	// "proxy:" and the backend's URL for a proxied one.
	Filename string
	// Handler is r->handler (%R): "proxy-server" for proxied requests.
	Handler string
	// Status is the answer's status (%s, %>s).
	Status int
	// BodyBytes is the response body's bytes sent (%b, %B); BytesIn and
	// BytesOut are the bytes read and written on the connection for
	// this request, headers included (%I, %O, %S, as mod_logio); TTFB
	// the time until the first byte of the answer was written, zero when
	// not measured (%^FB).
	BodyBytes, BytesIn, BytesOut int64
	TTFB                         time.Duration
	// RequestHeader and ResponseHeader are the headers received and sent
	// (%i, %o); ContentType is r->content_type, which %{Content-Type}o
	// prints without parameters when set. Trailers are %^ti and %^to.
	RequestHeader, ResponseHeader   http.Header
	ContentType                     string
	RequestTrailer, ResponseTrailer http.Header
	// Env and Notes are the request's environment and notes (%e, %n).
	Env, Notes map[string]string
	// ServerName is the virtual host's ServerName (%v); Hostname the name
	// UseCanonicalName gives (%V); Port the canonical port (%p).
	ServerName, Hostname string
	Port                 int
	// PID and TID are the process and thread ids (%P, %{tid}P).
	PID, TID int
	// Aborted: the connection broke before the answer was complete;
	// KeepAlive: it stays open for another request (%X).
	Aborted, KeepAlive bool
	// KeepAlives is Apache's count of answers on this connection that
	// kept it open, this one included (%k logs one less).
	KeepAlives int
	// LogID and ConnLogID are the request's and connection's log ids
	// (%L, %{c}L).
	LogID, ConnLogID string
	// SSL holds the connection's SSL variables (%{VAR}x, %{…}c); nil
	// on a plain connection.
	SSL map[string]string
	// Redirected is the request an internal redirect ended in, if any:
	// items read it unless they log the original request (%<s, %r, %U
	// by default).
	Redirected *Entry
}
