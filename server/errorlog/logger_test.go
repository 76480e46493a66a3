package errorlog

import (
	"bytes"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// load reads config text into the model, as the server gets it.
func load(t *testing.T, conf string) *directives.Config {
	t.Helper()
	dir := t.TempDir()
	conf = "LoadModule auth_basic_module modules/mod_auth_basic.so\nLoadModule authz_core_module modules/mod_authz_core.so\n" + conf
	if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: dir, File: "httpd.conf"})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

var fixed = time.Date(2026, 11, 8, 15, 27, 2, 123456000, time.UTC)

func TestLogLevelPerModule(t *testing.T) {
	t.Parallel()
	cfg := load(t, "LogLevel warn auth_basic:info\n<Location /x>\nLogLevel authz_core:debug\n</Location>\n<Location /y>\nLogLevel crit\n</Location>\n")
	l := New(&bytes.Buffer{}, Options{Level: cfg.Main.Core.LogLevel})
	var dirX, dirY *directives.LogLevel
	for _, s := range cfg.Main.Sections {
		switch s.Path {
		case "/x":
			dirX = s.Dir.Core.LogLevel
		case "/y":
			dirY = s.Dir.Core.LogLevel
		}
	}
	for _, c := range []struct {
		module string
		level  directives.LogPriority
		dir    *directives.LogLevel
		want   bool
	}{
		{"auth_basic", directives.LogInfo, nil, true},
		{"auth_basic", directives.LogDebug, nil, false},
		{"authz_core", directives.LogWarn, nil, true},
		{"authz_core", directives.LogInfo, nil, false},
		{"authz_core", directives.LogDebug, dirX, true},
		{"auth_basic", directives.LogInfo, dirX, true},
		{"auth_basic", directives.LogError, dirY, false},
		{"auth_basic", directives.LogNotice, dirY, true}, // notices always reach a file
		{"proxy", directives.LogCrit, dirY, true},
	} {
		if got := l.Enabled(c.module, c.level, c.dir); got != c.want {
			t.Errorf("%s:%s (dir %v): %v, want %v", c.module, c.level, c.dir, got, c.want)
		}
	}
}

func TestDefaultLineShape(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := New(&buf, Options{Level: directives.LogLevel{Set: true, Level: directives.LogDebug}, Now: func() time.Time { return fixed }, PID: 7})
	e := UserNotFound("bo\nb", "/v2/")
	e.Client, e.Request, e.File, e.Line = "127.0.0.1:5555", true, "auth.go", 12
	e.Level = directives.LogDebug
	l.Log(e)
	got := pidField.ReplaceAllString(buf.String(), "[pid 7]")
	want := "[Sun Nov 08 15:27:02.123456 2026] [auth_basic:debug] [pid 7] auth.go(12): [client 127.0.0.1:5555] AH01618: user bo\\nb not found: /v2/\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestErrorLogFormatItems checks items, empty fields and the request and
// connection lines; Apache 2.4.71 writes this format's lines in this
// shape (checked by hand: "[%m:%l]" then a dropped field, the referer
// field dropped back to its separator, the time after it kept).
func TestErrorLogFormatItems(t *testing.T) {
	t.Parallel()
	cfg := load(t, `LogLevel info
ErrorLogFormat "[%{cz}t] %-{X-Missing}i %{X-Test}i [%m:%l] %7F %{Nope}n [%a] %M% , ref %{Referer}i %{%Y/%j}t"
ErrorLogFormat request "req %L %{X-Test}i"
ErrorLogFormat request "%+{Nope}i never"
ErrorLogFormat connection "conn %{c}L %A %k"
`)
	core := cfg.Main.Core
	var buf bytes.Buffer
	l := New(&buf, Options{Format: core.ErrorLogFormat, Request: core.ErrorLogRequest, Connection: core.ErrorLogConnection,
		Level: core.LogLevel, Now: func() time.Time { return fixed }, PID: 1})
	e := ClientDenied("", "/a b")
	e.Client, e.Local, e.Request, e.LogID, e.ConnLogID, e.Keepalives = "10.0.0.1:1", "10.0.0.2:443", true, "RID", "CID", 3
	e.Header = http.Header{"X-Test": {"va\"l"}}
	e.FirstForRequest, e.FirstForConnection = true, true
	l.Log(e)
	want := "conn CID 10.0.0.2:443 3\n" +
		"req RID va\"l\n" +
		"[2026-11-08 15:27:02 +0000] - va\"l [authz_core:error] [10.0.0.1:1] AH01630: client denied by server configuration: uri /a b, ref 2026/312\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestStatusText(t *testing.T) {
	t.Parallel()
	if got := statusText(&os.PathError{Op: "open", Path: "x", Err: errnoNotFound}); got != "(2)No such file or directory" {
		t.Errorf("ENOENT: %q", got)
	}
	if got := statusText(errors.New("plain")); got != "plain" {
		t.Errorf("plain: %q", got)
	}
}

func TestLongLineCut(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := New(&buf, Options{})
	l.Log(Entry{Module: "core", Level: directives.LogError, Message: strings.Repeat("x", 10000)})
	if n := buf.Len(); n != maxLine+1 || !strings.HasSuffix(buf.String(), "x\n") {
		t.Errorf("line of %d bytes, want %d ending in a newline", n, maxLine+1)
	}
}
