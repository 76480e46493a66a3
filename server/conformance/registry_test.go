package conformance

import (
	"bufio"
	"fmt"
	"path"
	"strings"
)

// emptyDigest is the digest of the empty blob, which a registry answers
// HEAD for with Content-Length: 0.
const emptyDigest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// registryAnswer answers req as the registry would answer the flows the
// recipe carries (upload start, chunked PATCH, PUT, mount, range GET,
// HEAD of a blob), plus a few paths that exercise the proxy: /redirect,
// /chunked, /close and /status/NNN anywhere in the path. self is the
// backend's own address, which its Location headers name as a registry
// behind a proxy does. It returns false to close the connection.
func registryAnswer(req *received, self string, w *bufio.Writer) bool {
	method, target, _ := strings.Cut(req.Line, " ")
	target, _, _ = strings.Cut(target, " ")
	p, query, _ := strings.Cut(target, "?")
	repo := repoOf(p)
	// A registry always names its API version; X-Backend* give the
	// headers config something to unset.
	h := []string{"Docker-Distribution-Api-Version: registry/2.0", "X-Backend: foo-bar-foo", "X-Backend-Two: 2"}
	switch {
	case strings.Contains(p, "/status/"):
		var code int
		fmt.Sscanf(p[strings.Index(p, "/status/")+8:], "%d", &code)
		return write(w, method, code, h, "application/json", `{"errors":[{"code":"UNKNOWN"}]}`)
	case strings.HasSuffix(p, "/redirect"):
		h = append(h, "Location: http://"+self+"/v2/elsewhere?x=1",
			"Content-Location: http://"+self+"/v2/content", "URI: http://"+self+"/v2/uri")
		return write(w, method, 302, h, "", "")
	case strings.HasSuffix(p, "/chunked"):
		fmt.Fprintf(w, "HTTP/1.1 200 OK\r\n%s\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", strings.Join(h, "\r\n"))
		if method != "HEAD" {
			w.WriteString("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
		}
		return true
	case strings.HasSuffix(p, "/close"):
		fmt.Fprintf(w, "HTTP/1.1 200 OK\r\n%s\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n", strings.Join(h, "\r\n"))
		if method != "HEAD" {
			w.WriteString("until the connection closes\n")
		}
		return false
	case method == "POST" && strings.HasSuffix(p, "/blobs/uploads/") && strings.Contains(query, "mount="):
		h = append(h, "Location: /v2/"+repo+"/blobs/"+emptyDigest, "Docker-Content-Digest: "+emptyDigest)
		return write(w, method, 201, h, "", "")
	case method == "POST" && strings.HasSuffix(p, "/blobs/uploads/"):
		h = append(h, "Location: http://"+self+"/v2/"+repo+"/blobs/uploads/u1?_state=s0",
			"Docker-Upload-UUID: u1", "Range: 0-0")
		return write(w, method, 202, h, "", "")
	case method == "PATCH" && strings.Contains(p, "/blobs/uploads/"):
		h = append(h, "Location: http://"+self+"/v2/"+repo+"/blobs/uploads/u1?_state=s1",
			"Docker-Upload-UUID: u1", fmt.Sprintf("Range: 0-%d", req.Size-1))
		return write(w, method, 202, h, "", "")
	case method == "PUT" && strings.Contains(p, "/blobs/uploads/"):
		h = append(h, "Location: http://"+self+"/v2/"+repo+"/blobs/"+emptyDigest, "Docker-Content-Digest: "+emptyDigest)
		return write(w, method, 201, h, "", "")
	case strings.Contains(p, "/blobs/sha256:"):
		return blobAnswer(req, method, h, w)
	case p == "/v2/" || p == "/v2":
		return write(w, method, 200, h, "application/json; charset=utf-8", "{}")
	}
	return write(w, method, 200, h, "text/plain", "backend\n")
}

// blobAnswer answers a blob GET or HEAD: the empty blob, or a 100-byte
// blob whose Range requests get 206.
func blobAnswer(req *received, method string, h []string, w *bufio.Writer) bool {
	if strings.HasSuffix(req.Line, emptyDigest+" HTTP/1.1") {
		h = append(h, "Docker-Content-Digest: "+emptyDigest)
		return write(w, method, 200, h, "application/octet-stream", "")
	}
	body := strings.Repeat("0123456789", 10)
	if r := req.get("Range"); r == "bytes=0-9" {
		h = append(h, "Content-Range: bytes 0-9/100")
		return writeStatus(w, method, "206 Partial Content", h, "application/octet-stream", body[:10])
	}
	return write(w, method, 200, h, "application/octet-stream", body)
}

// repoOf is the repository name in a /v2/<name>/blobs/… path.
func repoOf(p string) string {
	p = strings.TrimPrefix(path.Clean(p), "/v2/")
	if i := strings.Index(p, "/blobs/"); i >= 0 {
		return p[:i]
	}
	return p
}

var reasons = map[int]string{200: "OK", 201: "Created", 202: "Accepted", 302: "Found", 401: "Unauthorized", 404: "Not Found", 500: "Internal Server Error"}

// write answers with a Content-Length body (only its length on HEAD).
func write(w *bufio.Writer, method string, code int, h []string, ctype, body string) bool {
	return writeStatus(w, method, fmt.Sprintf("%d %s", code, reasons[code]), h, ctype, body)
}

func writeStatus(w *bufio.Writer, method, status string, h []string, ctype, body string) bool {
	if ctype != "" {
		h = append(h, "Content-Type: "+ctype)
	}
	h = append(h, fmt.Sprintf("Content-Length: %d", len(body)))
	fmt.Fprintf(w, "HTTP/1.1 %s\r\n%s\r\n\r\n", status, strings.Join(h, "\r\n"))
	if method != "HEAD" {
		w.WriteString(body)
	}
	return true
}
