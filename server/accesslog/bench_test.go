package accesslog

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// benchFormats are Apache's common and combined formats and one with many
// items: times, durations, headers, logio bytes, connection state.
var benchFormats = []struct{ name, text string }{
	{"common", `%h %l %u %t \"%r\" %>s %b`},
	{"combined", `%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"`},
	{"many", `%a:%{remote}p %A:%p %v %u %{%Y-%m-%d %H:%M:%S}t.%{msec_frac}t \"%m %U%q %H\" %>s %B %I %O %D %T ` +
		`%{ms}T \"%{User-Agent}i\" \"%{Content-Type}o\" %{Docker-Distribution-Api-Version}o %X %k %L %f %R`},
}

// benchFormat builds a Format the way the server does: through the model.
func benchFormat(tb testing.TB, text string) *Format {
	tb.Helper()
	dir := tb.TempDir()
	conf := "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\nLogFormat \"" + text + "\" f\n"
	if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: dir, File: "httpd.conf"})
	if err != nil {
		tb.Fatal(err)
	}
	return New(cfg.Main.Log.Formats["f"])
}

// registryEntry is a signed-in HEAD of a manifest, proxied.
func registryEntry() *Entry {
	now := time.Now()
	return &Entry{
		RemoteAddr: "172.17.0.1", RemotePort: 51234, LocalAddr: "172.17.0.2", LocalPort: 5043,
		User: "testuser", HasUser: true, Received: now, Done: now.Add(1234 * time.Microsecond),
		RequestLine: "HEAD /v2/library/ubuntu/manifests/latest HTTP/1.1", Method: "HEAD", Protocol: "HTTP/1.1",
		URI: "/v2/library/ubuntu/manifests/latest", Filename: "proxy:http://registry:5000/v2/library/ubuntu/manifests/latest",
		Handler: "proxy-server", Status: 200, BodyBytes: 1234, BytesIn: 312, BytesOut: 1680,
		RequestHeader: http.Header{"User-Agent": {"docker/27.0.3 go/go1.21.11 git-commit/662f78c os/linux arch/amd64"},
			"Authorization": {"Basic dGVzdHVzZXI6dGVzdHBhc3N3b3Jk"}},
		ResponseHeader: http.Header{"Content-Type": {"application/vnd.docker.distribution.manifest.v2+json"},
			"Docker-Distribution-Api-Version": {"registry/2.0"}},
		ContentType: "application/vnd.docker.distribution.manifest.v2+json",
		ServerName:  "myregistrydomain.com", Hostname: "myregistrydomain.com", Port: 5043,
		KeepAlive: true, KeepAlives: 3, LogID: "Zx1a2b3c",
	}
}

// BenchmarkLine formats a registry request's log line into a reused
// buffer, as a server writing its log does.
func BenchmarkLine(b *testing.B) {
	for _, tc := range benchFormats {
		b.Run(tc.name, func(b *testing.B) {
			f := benchFormat(b, tc.text)
			e := registryEntry()
			line := string(f.AppendLine(nil, e))
			if !strings.HasPrefix(line, "172.17.0.1") || !strings.Contains(line, " 200 ") {
				b.Fatalf("line %q", line)
			}
			buf := make([]byte, 0, 512)
			b.ReportAllocs()
			for b.Loop() {
				buf = f.AppendLine(buf[:0], e)
			}
		})
	}
}
