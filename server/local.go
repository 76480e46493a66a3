package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/http1"
)

// knownMethods are the methods Apache's core registers; any other is
// M_INVALID, which its default handler answers with 501.
var knownMethods = map[string]bool{
	"GET": true, "HEAD": true, "PUT": true, "POST": true, "DELETE": true, "CONNECT": true,
	"OPTIONS": true, "TRACE": true, "PATCH": true, "PROPFIND": true, "PROPPATCH": true,
	"MKCOL": true, "COPY": true, "MOVE": true, "LOCK": true, "UNLOCK": true,
	"VERSION-CONTROL": true, "CHECKOUT": true, "UNCHECKOUT": true, "CHECKIN": true,
	"UPDATE": true, "LABEL": true, "REPORT": true, "MKWORKSPACE": true, "MKACTIVITY": true,
	"BASELINE-CONTROL": true, "MERGE": true,
}

// local is the handler of a request no ProxyPass took: Apache's core
// default handler, which serves files under the DocumentRoot and answers
// TRACE and OPTIONS itself.
func (x *exchange) local(p *dirPipeline) {
	if h := x.dir.Core.SetHandler; h != nil {
		switch {
		case strings.EqualFold(h.Text, "none"):
		case strings.EqualFold(h.Text, statusHandler):
			// mod_status answers GET (and so HEAD) and declines the rest
			// to the core's handler, which also takes the request when
			// mod_status is not loaded.
			if m := x.r.Method; x.gen.status.enabled && (m == http.MethodGet || m == http.MethodHead) {
				x.serveStatus(p)
				return
			}
		default:
			x.fail(http.StatusInternalServerError, "core", fmt.Sprintf("SetHandler %s is not implemented by gohttpd", h.Text))
			return
		}
	}
	// The core's handlers read and drop the body first
	// (ap_discard_request_body), so LimitRequestBody answers 413 here.
	if x.body != nil {
		if _, err := io.Copy(io.Discard, x.body); err != nil {
			var be *http1.BodyError
			if errors.As(err, &be) {
				x.conn.mustClose = true
				x.fail(be.Status, "core", be.Log)
				return
			}
		}
	}
	m := x.r.Method
	allow := "GET,POST,OPTIONS,HEAD"
	if x.site.conf.Core.TraceEnable != directives.TraceOff {
		allow += ",TRACE"
	}
	switch {
	case !knownMethods[m]:
		x.resp.ErrHeaders.Set("Allow", allow)
		x.fail(http.StatusNotImplemented, "core", "AH00135: Invalid method in request "+x.requestLine())
	case m == http.MethodOptions:
		x.resp.Headers.Set("Allow", allow)
		x.resp.Headers.Set("Content-Length", "0")
		x.answer(p, http.StatusOK, nil, 0)
	case m == http.MethodGet || m == http.MethodHead || m == http.MethodPost:
		x.serveFile(p)
	default:
		x.resp.ErrHeaders.Set("Allow", allow)
		x.fail(http.StatusMethodNotAllowed, "core", "")
	}
}

// serveFile sends the file the request maps to under the DocumentRoot,
// as the core's default handler: a missing file, a directory or a path
// past a file (path info) is 404.
func (x *exchange) serveFile(p *dirPipeline) {
	if x.pathInfo != "" {
		x.fail(http.StatusNotFound, "core", "AH00128: File does not exist: "+x.filename+x.pathInfo)
		return
	}
	f, err := os.Open(x.srv.opts.Files.Path(x.filename))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			x.fail(http.StatusNotFound, "core", "AH00128: File does not exist: "+x.filename)
		} else {
			x.fail(http.StatusForbidden, "core", "AH00132: file permissions deny server access: "+x.filename)
		}
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		x.fail(http.StatusNotFound, "core", "AH00129: Attempt to serve directory: "+x.filename)
		return
	}
	mod := fi.ModTime()
	h := &x.resp.Headers
	h.Set("Last-Modified", mod.UTC().Format(http.TimeFormat))
	h.Set("ETag", fmt.Sprintf(`"%x-%x"`, fi.Size(), mod.UnixMicro()))
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
	x.answer(p, http.StatusOK, f, fi.Size())
}

// storagePath splits the path under root as Apache's directory walk
// leaves r->filename and r->path_info: the filename ends at the first
// segment that does not exist or is not a directory, the rest is path
// info.
func storagePath(files *directives.Files, root, path string) (filename, pathInfo string) {
	filename = root
	for rest := path; rest != ""; {
		seg, tail := rest, ""
		if i := strings.IndexByte(rest[1:], '/'); i >= 0 {
			seg, tail = rest[:i+1], rest[i+1:]
		}
		if seg == "/" { // a trailing slash of a directory
			return filename + seg, tail
		}
		filename += seg
		fi, err := files.Stat(filename)
		if err != nil || !fi.IsDir() {
			return filename, tail
		}
		rest = tail
	}
	return filename, ""
}

// maxTraceBody bounds the body an extended TRACE echoes, as Apache's.
const maxTraceBody = 64 << 10

// trace is the core's TRACE answer (ap_send_http_trace): refused with
// 405 under TraceEnable off; otherwise the request echoed back, its body
// too under TraceEnable extended, where a plain TraceEnable refuses a
// body with 413. It runs before the handler phase, so mod_headers'
// output filter does not touch the echo (error answers get their
// "always" headers as every error does).
func (x *exchange) trace() {
	mode := x.site.conf.Core.TraceEnable
	if mode == directives.TraceOff {
		x.resp.ErrHeaders.Set("Allow", "") // Apache's list is empty before any handler ran
		x.fail(http.StatusMethodNotAllowed, "core", "")
		return
	}
	var body []byte
	if x.body != nil {
		if mode != directives.TraceExtended || x.body.Length() > maxTraceBody {
			x.fail(http.StatusRequestEntityTooLarge, "core", "")
			return
		}
		var status int
		if body, status = x.traceBody(); status != 0 {
			x.fail(status, "core", "")
			return
		}
	}
	var b strings.Builder
	b.WriteString(x.requestLine() + "\r\n")
	for _, f := range x.hreq.Header {
		b.WriteString(f.Name + ": " + f.Value + "\r\n")
	}
	b.WriteString("\r\n")
	b.Write(body)
	x.resp.ContentType = "message/http"
	x.status = http.StatusOK
	x.writeHead(http.StatusOK, x.resp.Merge(http.StatusOK))
	if x.r.Method != http.MethodHead {
		_, _ = io.WriteString(x.w, b.String())
	}
}

// traceBody reads the body an extended TRACE echoes: a chunked one is
// cut off, and refused, a little past maxTraceBody as Apache's buffer
// is.
func (x *exchange) traceBody() ([]byte, int) {
	limit := int64(maxTraceBody)
	if x.body.Chunked() {
		limit = maxTraceBody + 8192 - 32 // Apache's buffer room for chunk headers
	}
	body, err := io.ReadAll(io.LimitReader(x.body, limit+1))
	var be *http1.BodyError
	switch {
	case errors.As(err, &be):
		x.conn.mustClose = true
		return nil, be.Status
	case err != nil:
		return nil, http.StatusBadRequest
	case int64(len(body)) > limit:
		_, _ = io.Copy(io.Discard, x.body)
		return nil, http.StatusRequestEntityTooLarge
	}
	return body, 0
}

// answer sends the handler's own answer through mod_headers' output
// filter.
func (x *exchange) answer(p *dirPipeline, status int, body io.Reader, size int64) {
	x.status = status
	p.headers.Output(&x.hreq, &x.resp)
	x.writeHead(status, x.resp.Merge(status))
	if body == nil || x.r.Method == http.MethodHead {
		return
	}
	if size >= 0 {
		body = io.LimitReader(body, size)
	}
	_, _ = io.Copy(x.w, body)
}

// requestLine is the request's first line as Apache logs it.
func (x *exchange) requestLine() string {
	if x.theRequest != "" {
		return x.theRequest
	}
	if x.head != nil {
		return x.head.Line
	}
	return x.r.Method + " " + x.r.RequestURI + " " + x.r.Proto
}

// loggedLine is %r: the request line, empty (logged "-") when the client
// sent none.
func (x *exchange) loggedLine() string {
	if x.noRequest {
		return ""
	}
	return x.requestLine()
}
