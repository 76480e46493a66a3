package accesslog

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// format builds a Format the way the server does: through the model.
func format(t *testing.T, text string) *Format {
	t.Helper()
	dir := t.TempDir()
	conf := "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\n" +
		"LoadModule ssl_module modules/mod_ssl.so\nLogFormat \"" + text + "\" f\n"
	if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: dir, File: "httpd.conf"})
	if err != nil {
		t.Fatal(err)
	}
	return New(cfg.Main.Log.Formats["f"])
}

func TestItems(t *testing.T) {
	t.Parallel()
	zone := time.FixedZone("EST", -5*3600)
	at := time.Date(2024, 3, 7, 9, 5, 3, 123456789, zone)
	e := &Entry{
		Received: at, Done: at.Add(2500 * time.Millisecond), Status: 302,
		RequestHeader:  http.Header{"Cookie": {"a=1; Foo = bar ; x="}},
		ResponseHeader: http.Header{"Set-Cookie": {"a=1", "b=2"}, "Content-Type": {"text/plain"}},
		ContentType:    "text/html; charset=utf-8",
		KeepAlives:     3, KeepAlive: true,
	}
	// An internal redirect: items read the final request unless they
	// (or their default) ask for the original; conditions test the final
	// status.
	redirected := &Entry{Status: 302, URI: "/first", Redirected: &Entry{Status: 200, URI: "/final"}}
	for _, c := range []struct{ format, want string }{
		{`%t`, "[07/Mar/2024:09:05:03 -0500]"},
		{`%{end}t`, "[07/Mar/2024:09:05:05 -0500]"},
		{`%{%d/%b/%Y %T %z %Z %e %k %l %I %p %j %u %w %C %y %G %V %U %W %s}t`, "07/Mar/2024 09:05:03 -0500 EST  7  9  9 09 AM 067 4 4 20 24 2024 10 09 10 1709820303"},
		{`%{%-d %_m %Q}t`, "7  3 %Q"},
		{`%{msec_frac}t %{usec_frac}t %{begin:msec}t %{endsec}t`, "123 123456 1709820303123 1709820303"},
		{`%D %T %{ms}T %{us}T %{x}T`, "2500000 2 2500 2500000 x"},
		{`%{foo}C %{a}C %{x}C`, "bar 1 -"},
		{`%{Set-Cookie}o %{Content-Type}o`, "a=1, b=2 text/html"},
		{`%k %X %{pid}P %{bogus}P`, "2 + 0 bogus"},
		{`%b %B %I %O %S %^FB`, "- 0 0 0 0 -"},
		{`%{version}c %{SSL_CIPHER}x %{errcode}c`, "- - -"},
	} {
		if got := format(t, c.format).Line(e); got != c.want {
			t.Errorf("%s: got %q, want %q", c.format, got, c.want)
		}
	}
	for _, c := range []struct{ format, want string }{
		{`%s %>s %<s %U %>U`, "302 200 302 /first /final"},
		{`%302s %!302s %200,302>s`, "- 302 200"},
	} {
		if got := format(t, c.format).Line(redirected); got != c.want {
			t.Errorf("%s: got %q, want %q", c.format, got, c.want)
		}
	}
}

func TestEscape(t *testing.T) {
	t.Parallel()
	in := "a\"b\\c\x01\b\n\r\t\v\x7f\xff ok"
	want := `a\"b\\c\x01\b\n\r\t\v\x7f\xff ok`
	if got := escape(in); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

// TestNoPassword checks that a password in the request target is
// replaced, and that a user name is logged without its password.
func TestNoPassword(t *testing.T) {
	t.Parallel()
	e := &Entry{Method: "GET", Protocol: "HTTP/1.1", User: "ann", HasUser: true,
		RequestLine: "GET https://ann:s3cret@example.com:443/v2/?x HTTP/1.1"}
	got := format(t, `%u \"%r\"`).Line(e)
	if want := `ann "GET https://ann:XXXXXXXX@example.com/v2/?x HTTP/1.1"`; got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}
