// Package headers is mod_headers: it applies a directory's Header and
// RequestHeader actions to a request's headers and to the two tables
// Apache keeps for a response, and merges those tables into the headers
// sent, in Apache's order.
//
// Apache keeps a response's headers in two tables: headers_out, which
// holds what the handler produced and what Header [onsuccess] adds, and
// err_headers_out, which holds what Header always adds and survives an
// error. When Apache itself answers with an error (a 401 from
// authentication, a 503 when a backend refuses), it drops headers_out,
// so only the always table reaches the client; when the handler's own
// answer goes out (a proxied 200, 401 or 502 alike), both tables are
// sent, always first. So "Header always set X a" with "Header set X a"
// gives X twice on proxied answers and once on Apache's 401.
//
// A request goes through it in Apache's phases:
//
//	h.Early(req, resp)   // after reading the request: early actions
//	h.Fixup(req, resp)   // fixups: RequestHeader actions
//	// the handler fills resp.Headers and resp.ContentType
//	h.Output(req, resp)  // output filter: always, then onsuccess actions
//	wire := resp.Merge(status)
//
// and when Apache answers with an error of its own instead (refused by
// authentication, a failing handler, a backend that cannot be reached),
// which starts a fresh filter chain without the onsuccess filter:
//
//	resp.SendError()
//	h.Error(req, resp)
//	wire := resp.Merge(status)
package headers

import "github.com/gohttpd/gohttpd/directives"

// Headers is one directory's mod_headers config, ready to apply.
type Headers struct {
	request, onSuccess, always []directives.HeaderAction
}

// New builds mod_headers for a directory's merged config. It keeps the
// lists as they are: each action is checked against its phase when
// applied, which is a comparison, not parsing.
func New(cfg *directives.HeadersConfig) *Headers {
	return &Headers{request: cfg.Request, onSuccess: cfg.OnSuccess, always: cfg.Always}
}

// Response is a response's headers as Apache keeps them until they are
// sent.
type Response struct {
	// Headers is r->headers_out: what the handler (or a backend) answered
	// and what Header [onsuccess] changes. A handler passing on a
	// backend's answer puts all its headers here.
	Headers Table
	// ErrHeaders is r->err_headers_out: what Header always changes, kept
	// for error answers too.
	ErrHeaders Table
	// ContentType is r->content_type: a handler sets it with the
	// Content-Type it answers (a proxy: the backend's), and setting or
	// editing Content-Type with Header changes it. When not empty it
	// replaces every Content-Type line on the wire.
	ContentType string
}

// Early runs the early actions, as Apache right after reading a request:
// RequestHeader ones on the request, then the always and onsuccess ones
// on their tables. Only a server's own (not a section's) config has them
// applied at that point: pass that config's Headers.
func (h *Headers) Early(req *Request, resp *Response) {
	run(h.request, true, target{&req.Header, req, resp})
	run(h.always, true, target{&resp.ErrHeaders, req, resp})
	run(h.onSuccess, true, target{&resp.Headers, req, resp})
}

// Fixup runs the RequestHeader actions on the request's headers, in the
// fixups phase (after authorization, before the handler).
func (h *Headers) Fixup(req *Request, resp *Response) {
	run(h.request, false, target{&req.Header, req, resp})
}

// Output is the filter Apache puts in front of a handler's answer: the
// always actions on ErrHeaders, then the onsuccess ones on Headers. It
// runs once, when the handler's answer is about to go out, whatever its
// status; not on an error answer Apache makes itself (see Error).
func (h *Headers) Output(req *Request, resp *Response) {
	run(h.always, false, target{&resp.ErrHeaders, req, resp})
	run(h.onSuccess, false, target{&resp.Headers, req, resp})
}

// Error is the filter Apache puts in front of an error answer it makes
// itself: the always actions on ErrHeaders. Call it after SendError,
// even when the handler had run: Apache sends its error page through a
// fresh chain, so Output does not run for it.
func (h *Headers) Error(req *Request, resp *Response) {
	run(h.always, false, target{&resp.ErrHeaders, req, resp})
}

func run(actions []directives.HeaderAction, early bool, t target) {
	for i := range actions {
		if runs(&actions[i], early, t.req.Env) {
			t.apply(&actions[i])
		}
	}
}

// ErrorContentType is the content type of the error pages Apache writes.
const ErrorContentType = "text/html; charset=iso-8859-1"

// SendError prepares the response for an error answer Apache makes
// itself, as its ap_send_error_response: the handler's headers are
// dropped, what was kept for errors becomes the answer's headers, and the
// error table starts empty again; the content type is the error page's.
// A Location the error needs (a redirect) is the caller's to set after.
func (r *Response) SendError() {
	r.Headers, r.ErrHeaders = r.ErrHeaders, nil
	r.ContentType = ErrorContentType
}

// Merge gives the headers sent with status, in Apache's order, as its
// HTTP header filter: the error table's lines, then the others; a 204 or
// 304 answer loses Content-Length, Transfer-Encoding and its content
// type; ContentType, when set, replaces the Content-Type lines. The
// server adds Date, Server and the connection's headers (Apache sends
// Date and Server first).
func (r *Response) Merge(status int) Table {
	return r.MergeInto(make(Table, 0, len(r.ErrHeaders)+len(r.Headers)+1), status)
}

// MergeInto is Merge appending to t, so a server can reuse one table for
// the headers of every answer on a connection.
func (r *Response) MergeInto(t Table, status int) Table {
	t = append(append(t, r.ErrHeaders...), r.Headers...)
	ct := r.ContentType
	if status == 204 || status == 304 {
		t.Unset("Transfer-Encoding")
		t.Unset("Content-Length")
		ct = ""
	}
	if ct != "" {
		t.Set("Content-Type", ct)
	}
	return t
}
