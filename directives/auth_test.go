package directives

import (
	"reflect"
	"strings"
	"testing"
)

// authModules loads every authentication and authorization module, as the
// httpd:2.4 image's httpd.conf does.
const authModules = `LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_host_module modules/mod_authz_host.so
LoadModule access_compat_module modules/mod_access_compat.so
`

// authModuleLines is how many lines authModules adds before a test's config.
var authModuleLines = strings.Count(authModules, "\n")

// authErrorTest is a config (after authModules unless bare) and the error
// Apache gives for it: the line within conf and the message.
type authErrorTest struct {
	name string
	conf string
	line int
	msg  string
	bare bool // no LoadModule lines added
}

// checkAuthErrors loads each config and compares the error with Apache's.
func checkAuthErrors(t *testing.T, tests []authErrorTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conf, line := authModules+tt.conf, tt.line+authModuleLines
			if tt.bare {
				conf, line = tt.conf, tt.line
			}
			_, err := loadConfig(t, map[string]string{"httpd.conf": conf}, Options{})
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("error %v, want none", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("loaded, want an error at line %d: %q", tt.line, tt.msg)
			}
			gotLine, msg := errorOf(t, err)
			if gotLine != line || msg != tt.msg {
				t.Errorf("error at line %d: %q; want line %d: %q", gotLine-authModuleLines, msg, tt.line, tt.msg)
			}
		})
	}
}

// loadAuth loads conf after authModules and returns the config.
func loadAuth(t *testing.T, conf string) *Config {
	t.Helper()
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": authModules + conf}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// The messages were checked against Apache 2.4's apache2 -t, through
// AuthName "<expr>".
func TestStringExprErrors(t *testing.T) {
	tests := []struct{ expr, msg string }{
		{`%{REMOTE_USER}\9`, `syntax error, unexpected T_ERROR, expecting $end: Bad escape sequence`},
		{`%{REMOTE_USER}x\9`, `syntax error, unexpected T_ERROR, expecting $end: Bad escape sequence`},
		{`a\9`, `Bad escape sequence`},
		{`x\08`, `Bad escape sequence`},
		{`x\0777`, `Bad escape sequence`},
		{`\400`, `Escape sequence out of bound`},
		{`%{x`, `syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable`},
		{`%{x:`, `Unterminated string or variable`},
		{`%{x:y`, `Unterminated string or variable`},
		{`%{x:y}`, `Function 'x' does not exist`},
		{`%{env:}`, `syntax error, unexpected T_VAR_END, expecting T_ERROR or T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN`},
		{`%{-}`, `syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '-'`},
		{`%{}`, `syntax error, unexpected T_VAR_END, expecting T_ID`},
		{`%{:x}`, `syntax error, unexpected ':', expecting T_ID`},
		{`%{env:a\9}`, `Bad escape sequence`},
		{`%{SSL_FOO}`, `Variable 'SSL_FOO' does not exist`},
		{`%{env:%{REMOTE_USER}\9}`, `syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN or T_VAR_END: Bad escape sequence`},
		{`%{env:x$1`, `syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN or T_VAR_END: Unterminated string or variable`},
		{`%{env:%{x}}`, `Variable 'x' does not exist`},
		{`%{REMOTE_USER}%{`, `syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable`},
		{`%{env:a%{`, `syntax error, unexpected T_ERROR, expecting T_ID: Unterminated string or variable`},
		{`ab\`, `flex scanner jammed`},
		{`%{env:'a}`, `flex scanner jammed`},
	}
	for _, tt := range tests {
		_, err := parseStringExpr(&Cmd{load: &loader{cfg: &Config{}}}, tt.expr)
		if err == nil || err.Error() != tt.msg {
			t.Errorf("%s: error %v, want %q", tt.expr, err, tt.msg)
		}
	}
}

func TestStringExprParts(t *testing.T) {
	lit := func(s string) ExprPart { return ExprPart{Kind: ExprLiteral, Text: s} }
	tests := []struct {
		expr   string
		parts  []ExprPart
		static bool
	}{
		{"Registry Realm", []ExprPart{lit("Registry Realm")}, true},
		{"", nil, true},
		{`a\tb\101\\`, []ExprPart{lit("a\tbA\\")}, true},
		{`a%b$c}d'"`, []ExprPart{lit(`a%b$c}d'"`)}, true},
		{"Hi %{remote_user}!", []ExprPart{lit("Hi "), {Kind: ExprVar, Text: "REMOTE_USER"}, lit("!")}, false},
		{"%{ENV:%{HTTP_HOST}x}", []ExprPart{{Kind: ExprFunc, Text: "env",
			Arg: []ExprPart{{Kind: ExprVar, Text: "HTTP_HOST"}, lit("x")}}}, false},
		{"$1x", []ExprPart{{Kind: ExprBackref, N: 1}, lit("x")}, false},
	}
	for _, tt := range tests {
		e, err := parseStringExpr(&Cmd{load: &loader{cfg: &Config{}}}, tt.expr)
		if err != nil {
			t.Errorf("%s: %v", tt.expr, err)
			continue
		}
		if !reflect.DeepEqual(e.Parts, tt.parts) {
			t.Errorf("%s: parts %+v, want %+v", tt.expr, e.Parts, tt.parts)
		}
		if _, ok := e.Static(); ok != tt.static {
			t.Errorf("%s: static %v, want %v", tt.expr, ok, tt.static)
		}
	}
}

// With mod_ssl loaded its SSL_* variables and SSL function exist, as its
// expression lookup hook adds them.
func TestStringExprSSLVariables(t *testing.T) {
	cfg := loadAuth(t, "LoadModule ssl_module modules/mod_ssl.so\n<Location />\nAuthName %{SSL_CLIENT_S_DN_CN}\n</Location>\n")
	got := cfg.Main.Sections[0].Dir.Auth.Name.Parts
	if want := []ExprPart{{Kind: ExprVar, Text: "SSL_CLIENT_S_DN_CN"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("parts %+v, want %+v", got, want)
	}
}
