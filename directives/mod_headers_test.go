package directives

import (
	"reflect"
	"strings"
	"testing"
)

const headersModule = "LoadModule headers_module modules/mod_headers.so\n"

// loadHeaders loads conf after loading mod_headers.
func loadHeaders(t *testing.T, conf string) (*Config, error) {
	t.Helper()
	return loadConfig(t, map[string]string{"httpd.conf": headersModule + conf}, Options{})
}

// Every verdict and message here was checked against httpd 2.4 (apache2 -t)
// with the same line.
func TestHeaderErrors(t *testing.T) {
	const actions = "first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset', 'echo', 'note', 'edit', or 'edit*'."
	const missingEnv = "error: missing environment variable name. envclause should be in the form env=envar "
	tests := []struct{ line, msg string }{
		{"Header", actions},
		{"Header always", actions},
		{"Header always always set X y", actions},
		{"Header foo X y", actions},
		{"RequestHeader always set X y", actions},
		{"Header set", "Header requires three arguments"},
		{"Header set X", "Header requires three arguments"},
		{"Header note X", "Header requires three arguments"},
		{"Header unset X y z", "header unset takes two arguments"},
		{`Header unset X ""`, "Unknown parameter: "},
		{"Header unset X env=", missingEnv},
		{"Header unset X env=!", missingEnv},
		{"RequestHeader set X y env=!", missingEnv},
		{"Header set X y bogus", "Unknown parameter: bogus"},
		{`Header set X a ""`, "Unknown parameter: "},
		{"Header edit X", "Header edit requires a match and a substitution"},
		{"Header edit X a", "Header edit requires a match and a substitution"},
		{"Header edit X ( b", "Header edit regex could not be compiled"},
		{"Header set X a b c d", "Header has too many arguments"},
		{"Header edit X a b c d", "Header has too many arguments"},
		{"RequestHeader edit X a b c d", "RequestHeader has too many arguments"},
		{"Header set X a b c", "Too many arguments to directive"},
		{"RequestHeader echo X", "Header echo only valid on Header directives"},
		{"RequestHeader echo X y z", "Header echo takes two arguments"},
		{"Header echo X env=y z", "Header echo takes two arguments"},
		{"Header echo X y", "Unknown parameter: y"},
		{"Header echo (", "Header echo regex could not be compiled"},
		{"Header set X %z", "Unrecognized header format %z"},
		{`Header set X "%{a}"`, "Unrecognized header format %"},
		{`Header set X "%{a"`, "Unrecognized header format %"},
		{`Header set X "%{x}q"`, "Unrecognized header format %q"},
		// gohttpd refuses ap_expr rather than ignore it.
		{`Header set X y "expr=%{REQUEST_URI} =~ /x/"`, "Header conditions of the form expr=… (ap_expr) are not implemented by gohttpd"},
		{`Header set X "expr=%{REQUEST_URI}"`, "Header values of the form expr=… (ap_expr) are not implemented by gohttpd"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			_, err := loadHeaders(t, tt.line+"\n")
			if err == nil {
				t.Fatalf("loaded, want %q", tt.msg)
			}
			if line, msg := errorOf(t, err); line != 2 || msg != tt.msg {
				t.Errorf("error at line %d: %q; want line 2: %q", line, msg, tt.msg)
			}
		})
	}
}

// These lines are accepted by httpd 2.4 too (apache2 -t).
func TestHeaderAccepted(t *testing.T) {
	for _, line := range []string{
		`Header set "" x`,
		"Header ALWAYS SET X y",
		"Header unset X env=y",
		"Header set X y env=!a",
		"Header append X y ENV=foo",
		"Header set X y early",
		`Header set X "%{a}ez%"`,
		`Header set X "%{A}}e"`,
		`Header echo ""`,
		`Header edit X "" b`,
		"Header edit* X y z",
		"Header note X y",
		"Header setifempty X y",
		"Header merge X y",
		"<Location />\nHeader set X y early\n</Location>",
		"<Directory />\nHeader set X y\n</Directory>",
		"<Files x>\nRequestHeader unset X\n</Files>",
	} {
		if _, err := loadHeaders(t, line+"\n"); err != nil {
			t.Errorf("%s: %v", line, err)
		}
	}
}

func TestHeaderModel(t *testing.T) {
	cfg, err := loadHeaders(t, `
Header always set "Docker-Distribution-Api-Version" "registry/2.0"
Header onsuccess set "Docker-Distribution-Api-Version" "registry/2.0"
RequestHeader set X-Forwarded-Proto "https"
Header add Timing "%D %t\tat %{HOST}e, %{SSL_PROTOCOL}s 100%%" env=!quiet
Header edit* Location: ^http://(.*)$ https://$1 early
Header echo ^X-Req-
RequestHeader unset Cookie env=strip
Header always note X-Backend backend
`)
	if err != nil {
		t.Fatal(err)
	}
	h := cfg.Main.Dir.Headers
	if len(h.Always) != 2 || len(h.OnSuccess) != 4 || len(h.Request) != 2 {
		t.Fatalf("lists: %d always, %d onsuccess, %d request", len(h.Always), len(h.OnSuccess), len(h.Request))
	}
	text := func(s string) HeaderFormatItem { return HeaderFormatItem{Kind: HeaderText, Text: s} }
	want := HeaderAction{When: Always, Action: HeaderSet, Name: "Docker-Distribution-Api-Version",
		Value: HeaderFormat{text("registry/2.0")}}
	if !reflect.DeepEqual(h.Always[0], want) {
		t.Errorf("Header always set: %+v", h.Always[0])
	}
	if a := h.OnSuccess[0]; a.When != OnSuccess || a.Action != HeaderSet {
		t.Errorf("Header onsuccess set: %+v", a)
	}
	if a := h.Request[0]; a.When != OnRequest || a.Name != "X-Forwarded-Proto" || !reflect.DeepEqual(a.Value, HeaderFormat{text("https")}) {
		t.Errorf("RequestHeader set: %+v", a)
	}
	timing := h.OnSuccess[1]
	wantFormat := HeaderFormat{
		{Kind: HeaderDuration}, text(" "), {Kind: HeaderTime}, text("\tat "), {Kind: HeaderEnv, Text: "HOST"},
		text(", "), {Kind: HeaderSSLVar, Text: "SSL_PROTOCOL"}, text(" 100"), text("%"),
	}
	if timing.Action != HeaderAdd || !reflect.DeepEqual(timing.Value, wantFormat) ||
		timing.Condition != (HeaderCondition{Env: "quiet", NotEnv: true}) {
		t.Errorf("Header add Timing: %+v", timing)
	}
	edit := h.OnSuccess[2]
	if edit.Action != HeaderEditAll || edit.Name != "Location" || edit.Regex.String() != "^http://(.*)$" ||
		!reflect.DeepEqual(edit.Value, HeaderFormat{text("https://$1")}) || !edit.Condition.Early {
		t.Errorf("Header edit*: %+v", edit)
	}
	echo := h.OnSuccess[3]
	if echo.Action != HeaderEcho || !echo.Regex.MatchString("X-Req-Id") || echo.Value != nil {
		t.Errorf("Header echo: %+v", echo)
	}
	if a := h.Request[1]; a.Action != HeaderUnset || a.Condition.Env != "strip" || a.Condition.NotEnv {
		t.Errorf("RequestHeader unset: %+v", a)
	}
	if a := h.Always[1]; a.Action != HeaderNote || !reflect.DeepEqual(a.Value, HeaderFormat{text("backend")}) {
		t.Errorf("Header always note: %+v", a)
	}
}

func TestHeaderMergeKeepsParentFirst(t *testing.T) {
	cfg, err := loadHeaders(t, `
Header set A main
<VirtualHost *:80>
  Header set B vhost
  <Location /x>
    Header set C location
    RequestHeader set D location
  </Location>
</VirtualHost>
`)
	if err != nil {
		t.Fatal(err)
	}
	vh := cfg.VirtualHosts[0]
	loc := vh.Sections[len(vh.Sections)-1].Dir
	merged := loc.Headers.merge(&vh.Dir.Headers)
	var names []string
	for _, a := range merged.OnSuccess {
		names = append(names, a.Name)
	}
	if got := strings.Join(names, " "); got != "A B C" {
		t.Errorf("merged Header order %q, want parent's first: A B C", got)
	}
	if len(merged.Request) != 1 || merged.Request[0].Name != "D" {
		t.Errorf("merged RequestHeader: %+v", merged.Request)
	}
	if len(vh.Dir.Headers.OnSuccess) != 2 || len(cfg.Main.Dir.Headers.OnSuccess) != 1 {
		t.Errorf("merging changed its inputs")
	}
}

func TestParseHeaderFormat(t *testing.T) {
	text := func(s string) HeaderFormatItem { return HeaderFormatItem{Kind: HeaderText, Text: s} }
	tests := []struct {
		in   string
		want HeaderFormat
	}{
		{"", HeaderFormat{}},
		{"plain", HeaderFormat{text("plain")}},
		{`a\nb\\c\qd\`, HeaderFormat{text("a\nb\\c\\qd\\")}},
		{"%", HeaderFormat{text("%")}},
		{"x%%y", HeaderFormat{text("x"), text("%"), text("y")}},
		{"%{A}}e", HeaderFormat{{Kind: HeaderEnv, Text: "A"}}},
		{"%l%i%b", HeaderFormat{{Kind: HeaderLoadAvg}, {Kind: HeaderIdle}, {Kind: HeaderBusy}}},
		{`\%D`, HeaderFormat{text(`\`), {Kind: HeaderDuration}}},
	}
	for _, tt := range tests {
		got, err := parseHeaderFormat(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseHeaderFormat(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}
