package server

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// answer is what a client sees of one answer, as the differential tests
// compare it.
type answer struct {
	status                          int
	authenticate, contentType, body string
	apiVersions                     int
	allow                           string
	closes                          bool
}

func answerOf(resp *http.Response) answer {
	body, _ := io.ReadAll(resp.Body)
	return answer{
		status:       resp.StatusCode,
		authenticate: resp.Header.Get("WWW-Authenticate"),
		contentType:  resp.Header.Get("Content-Type"),
		body:         string(body),
		apiVersions:  len(resp.Header.Values("Docker-Distribution-Api-Version")),
		allow:        resp.Header.Get("Allow"),
		closes:       resp.Close,
	}
}

// exchangeRaw sends request over a fresh connection to addr and tells
// what the client saw.
func exchangeRaw(t *testing.T, addr string, tlsOn bool, sni, request string) answer {
	t.Helper()
	return answerOf(dialRaw(t, addr, tlsOn, sni, request))
}

// startApache serves conf (as startWorld takes it) with real Apache,
// adapted as Debian needs: its built-in log_config is not loaded, logs
// go to files, and it listens on its own port. It returns the address
// and the ServerRoot.
func startApache(t *testing.T, conf string, files map[string]string, backend string) (addr, dir string) {
	t.Helper()
	apachetest.Require(t)
	root := apachetest.NewRoot(t)
	writeCert(t, root.Dir)
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(root.Dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out []string
	for _, line := range strings.Split(conf, "\n") {
		switch {
		case strings.HasPrefix(line, "LoadModule log_config_module"):
			continue
		case strings.HasPrefix(line, "Listen "):
			line = "Listen " + root.Addr
		case strings.HasPrefix(line, "ErrorLog "):
			line = "ErrorLog ROOT/logs/error_log"
		case strings.HasPrefix(line, "CustomLog "):
			line = "CustomLog ROOT/logs/access_log common"
		}
		out = append(out, line)
	}
	conf = strings.Join(out, "\n")
	conf = strings.ReplaceAll(conf, "<VirtualHost *:5043>", "<VirtualHost *:"+root.Addr[strings.LastIndex(root.Addr, ":")+1:]+">")
	conf = strings.ReplaceAll(conf, "ROOT", root.Dir)
	conf = strings.ReplaceAll(conf, "BACKEND", backend)
	conf = "ServerRoot " + root.Dir + "\nPidFile " + root.Dir + "/logs/httpd.pid\n" + conf
	if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Start(t)
	return root.Addr, root.Dir
}

// requestErrors are the error log's lines about requests, with what
// differs from run to run (time, pid, thread, client port) cut out.
func requestErrors(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		if !strings.Contains(line, "[client ") {
			continue
		}
		line = line[strings.Index(line, "] ")+2:] // the time
		line = pidTid.ReplaceAllString(line, "")
		line = clientPort.ReplaceAllString(line, "[client $1]")
		out = append(out, line)
	}
	return out
}

var (
	pidTid     = regexp.MustCompile(`\[pid \d+(:tid \d+)?\] `)
	clientPort = regexp.MustCompile(`\[client ([0-9.]+):\d+\]`)
)

// TestRecipeAsApache sends the same requests to Apache and gohttpd
// serving the recipe and compares what the client sees.
func TestRecipeAsApache(t *testing.T) {
	t.Parallel()
	files := recipeFiles(t)
	w := startWorld(t, recipeConf, files)
	apache, apacheRoot := startApache(t, recipeConf, files, strings.TrimPrefix(w.backend.URL, "http://"))
	const host = "Host: myregistrydomain.com:5043\r\n"
	requests := []struct {
		name    string
		tls     bool
		sni     string
		request string
	}{
		{"anonymous ping", true, "myregistrydomain.com", "GET /v2/ HTTP/1.1\r\n" + host + "\r\n"},
		{"reader ping", true, "myregistrydomain.com", "GET /v2/ HTTP/1.1\r\n" + host + basic("testuser", "testpassword") + "\r\n"},
		{"wrong password", true, "myregistrydomain.com", "GET /v2/ HTTP/1.1\r\n" + host + basic("testuser", "x") + "\r\n"},
		{"unknown user", true, "myregistrydomain.com", "HEAD /v2/ HTTP/1.1\r\n" + host + basic("nobody", "x") + "\r\n"},
		{"reader push", true, "myregistrydomain.com", "PUT /v2/a/manifests/b HTTP/1.1\r\n" + host + basic("testuser", "testpassword") + "Content-Length: 0\r\n\r\n"},
		{"pusher push", true, "myregistrydomain.com", "PATCH /v2/a/blobs/uploads/x HTTP/1.1\r\n" + host + basic("testuserpush", "testpasswordpush") + "Content-Length: 0\r\n\r\n"},
		{"options", true, "myregistrydomain.com", "OPTIONS /v2/ HTTP/1.1\r\n" + host + "\r\n"},
		{"made-up method", true, "myregistrydomain.com", "FROB /v2/ HTTP/1.1\r\n" + host + "\r\n"},
		{"root", true, "myregistrydomain.com", "GET / HTTP/1.1\r\n" + host + "\r\n"},
		{"v2foo", true, "myregistrydomain.com", "GET /v2foo HTTP/1.1\r\n" + host + "\r\n"},
		{"error dir", true, "myregistrydomain.com", "GET /error/ HTTP/1.1\r\n" + host + "\r\n"},
		{"double slash", true, "myregistrydomain.com", "GET //v2/ HTTP/1.1\r\n" + host + "\r\n"},
		{"encoded v2", true, "myregistrydomain.com", "GET /%76%32/ HTTP/1.1\r\n" + host + "\r\n"},
		{"encoded slash", true, "myregistrydomain.com", "GET /v2%2F HTTP/1.1\r\n" + host + "\r\n"},
		{"no Host over SNI", true, "myregistrydomain.com", "GET /v2/ HTTP/1.0\r\n\r\n"},
		{"no SNI, no Host", true, "", "GET /v2/ HTTP/1.0\r\n\r\n"},
		{"plain HTTP on the TLS port", false, "", "GET /v2/ HTTP/1.1\r\n" + host + "\r\n"},
	}
	for _, rq := range requests {
		t.Run(rq.name, func(t *testing.T) {
			want := exchangeRaw(t, apache, rq.tls, rq.sni, rq.request)
			got := exchangeRaw(t, w.addrs[5043], rq.tls, rq.sni, rq.request)
			if got != want {
				t.Errorf("gohttpd answered\n%+v\nApache\n%+v", got, want)
			}
		})
	}
	// Both logged the same errors about those requests, in the same words.
	apacheLog, err := os.ReadFile(filepath.Join(apacheRoot, "logs", "error_log"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join(requestErrors(strings.ReplaceAll(string(apacheLog), apacheRoot, "ROOT")), "\n")
	got := strings.Join(requestErrors(strings.ReplaceAll(w.stdout.String(), w.dir, "ROOT")), "\n")
	if got != want {
		t.Errorf("gohttpd's error log:\n%s\nApache's:\n%s", got, want)
	}
}
