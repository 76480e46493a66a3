package accesslog

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// FuzzLogFormat reads any LogFormat through the model and logs two
// requests with it: one with plain values, one where everything a client
// chooses is the fuzzed value. Request input must never add a line break
// or a control character to a line, nor an unescaped quote where the
// format's own text has no backslash to confuse the count.
func FuzzLogFormat(f *testing.F) {
	root := f.TempDir()
	conf := "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\n" +
		"LoadModule ssl_module modules/mod_ssl.so\n"
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		directives.CommonLogFormat, `%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\"`,
		`%{%d/%b/%Y %T}t %{X-Forwarded-For}i %U%q %m %H %f %R %v %V %{c}h %{foo}C %{e}e %{n}n`,
		`%400,501{User-agent}i %!200,304,302{Referer}i %<s %>U %{Set-Cookie}o %{Content-Type}o %^ti %^to`,
		`%{%n%t}t \n\t\\ %% %{sec}t %{msec_frac}t %{remote}p %{hextid}P %k %X %I %O %S %^FB %D %T`,
		`%{SSL_PROTOCOL}x %{version}c %L %{c}L %a %{c}a %A %B`, "%", "%{", "%{x", "%>", "%9",
	} {
		f.Add(s, "a\"b\\c\n\r\t\x00\x7f\xff d")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		if strings.ContainsAny(text, "\n\x00") {
			return // a config line can hold neither
		}
		format, err := loadFormat(root, text)
		var ce *directives.CommandLineError
		var de *directives.Error
		switch {
		case errors.As(err, &ce), errors.As(err, &de):
			return // refused as httpd -c refuses it
		case err != nil:
			t.Fatalf("format %q: an error that does not say where: %v", text, err)
		}
		plain := format.Line(entry("v"))
		line := format.Line(entry(value))
		if !hasControl(plain) && hasControl(line) {
			t.Fatalf("format %q with %q logs a control character: %q (plain: %q)", text, value, line, plain)
		}
		// Apache writes an empty user as "" (mod_log_config's
		// log_remote_user): a pair of quotes, never one.
		d := quotes(line) - quotes(plain)
		if !strings.Contains(text, `\`) && d != 0 && !(value == "" && d > 0 && d%2 == 0) {
			t.Fatalf("format %q with %q logs %d unescaped quotes, %d with plain values: %q", text, value, quotes(line), quotes(plain), line)
		}
	})
}

// loadFormat reads text as a LogFormat the way the server gets it:
// through the model, as a directive after the config file.
func loadFormat(root, text string) (*Format, error) {
	quoted := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(text) + `"`
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf",
		After: []string{"LogFormat " + quoted + " f"}, Getenv: func(string) (string, bool) { return "", false }})
	if err != nil {
		return nil, err
	}
	return New(cfg.Main.Log.Formats["f"]), nil
}

// entry is a request whose every field a client chooses is v: the
// request line and its parts, headers, trailers, user, host names, and
// what modules copy from the request into notes and the environment.
func entry(v string) *Entry {
	at := time.Date(2024, 3, 7, 9, 5, 3, 0, time.UTC)
	h := http.Header{"User-Agent": {v}, "Referer": {v}, "X-Forwarded-For": {v}, "Cookie": {"foo=" + v},
		"Set-Cookie": {v, v}, "Content-Type": {v}, "X": {v}}
	return &Entry{
		RemoteAddr: "192.0.2.1", RemotePort: 40000, LocalAddr: "127.0.0.1", LocalPort: 443,
		RemoteHost: v, User: v, HasUser: true, Received: at, Done: at.Add(time.Second),
		RequestLine: v + " " + v + " HTTP/1.1", Method: v, Protocol: v, URI: v, Query: v, HasQuery: true,
		Filename: "proxy:http://registry:5000" + v, Handler: "proxy-server", Status: 200,
		RequestHeader: h, ResponseHeader: h, ContentType: v, RequestTrailer: h, ResponseTrailer: h,
		Env: map[string]string{"e": v}, Notes: map[string]string{"n": v}, ServerName: v, Hostname: v,
		Port: 443, PID: 1, TID: 2, KeepAlives: 1, LogID: "id", ConnLogID: "cid",
		SSL:        map[string]string{"SSL_PROTOCOL": "TLSv1.3", "SSL_CIPHER": "TLS_AES_128_GCM_SHA256"},
		Redirected: &Entry{Status: 200, URI: v, Method: v, RequestLine: v},
	}
}

// hasControl reports whether s holds an ASCII control character.
func hasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f })
}

// quotes counts the double quotes in s that no backslash escapes.
func quotes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			n++
		}
	}
	return n
}

// FuzzEscape checks that escape's output is printable ASCII with every
// quote and backslash escaped, and that reading its C escapes back gives
// the value logged.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"a\"b\\c\x01\b\n\r\t\v\x7f\xff ok", "", "plain", `\x41`, "\u00e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := escape(s)
		if hasControl(e) || strings.ContainsFunc(e, func(r rune) bool { return r > 0x7e }) {
			t.Fatalf("escape(%q) = %q", s, e)
		}
		back, err := unescapeC(e)
		if err != nil || back != s {
			t.Fatalf("escape(%q) = %q reads back as %q (%v)", s, e, back, err)
		}
	})
}

// unescapeC reads the escapes ap_escape_logitem writes.
func unescapeC(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			if s[i] == '"' {
				return "", errors.New("unescaped quote at " + strconv.Itoa(i))
			}
			b.WriteByte(s[i])
			continue
		}
		if i+1 == len(s) {
			return "", errors.New("lone backslash at the end")
		}
		i++
		switch c := s[i]; c {
		case 'b':
			b.WriteByte('\b')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"':
			b.WriteByte(c)
		case 'x':
			if i+2 >= len(s) {
				return "", errors.New("short \\x escape")
			}
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return "", err
			}
			b.WriteByte(byte(n))
			i += 2
		default:
			return "", errors.New("unknown escape \\" + string(c))
		}
	}
	return b.String(), nil
}
