package directives

import (
	"path/filepath"
	"reflect"
	"testing"
)

// The messages were checked against Apache 2.4's apache2 -t, except those
// of what gohttpd does not implement.
func TestAuthnErrors(t *testing.T) {
	loc := func(body string) string { return "<Location />\n" + body + "</Location>\n" }
	fakeUsage := "AuthBasicFake takes 1-2 arguments, Fake basic authentication using the given expressions for username and password, 'off' to disable. Password defaults to 'password' if missing."
	checkAuthErrors(t, []authErrorTest{
		{name: "AuthType without argument", conf: loc("AuthType\n"), line: 2,
			msg: `AuthType takes one argument, an HTTP authorization type (e.g., "Basic")`},
		{name: "AuthType with two", conf: loc("AuthType a b\n"), line: 2,
			msg: `AuthType takes one argument, an HTTP authorization type (e.g., "Basic")`},
		{name: "AuthType expression", conf: loc(`AuthType "%{x}"` + "\n"), line: 2,
			msg: "Cannot parse expression '%{x}' in AuthType: Variable 'x' does not exist"},
		{name: "AuthName without argument", conf: loc("AuthName\n"), line: 2,
			msg: `AuthName takes one argument, the authentication realm (e.g. "Members Only")`},
		{name: "AuthName expression", conf: loc(`AuthName "%{}"` + "\n"), line: 2,
			msg: "Cannot parse expression '%{}' in AuthName: syntax error, unexpected T_VAR_END, expecting T_ID"},
		{name: "AuthType at server level", conf: "AuthType Basic\n", line: 1, msg: "AuthType not allowed here"},
		{name: "unknown authn provider", conf: loc("AuthBasicProvider file foo\n"), line: 2, msg: "Unknown Authn provider: foo"},
		{name: "authn provider names are case-sensitive", conf: loc("AuthBasicProvider File\n"), line: 2,
			msg: "Unknown Authn provider: File"},
		{name: "file provider without mod_authn_file", bare: true,
			conf: "LoadModule auth_basic_module modules/mod_auth_basic.so\n" + loc("AuthBasicProvider file\n"), line: 3,
			msg: "Unknown Authn provider: file"},
		{name: "provider of a module gohttpd lacks", conf: "LoadModule authn_dbm_module modules/mod_authn_dbm.so\n" + loc("AuthBasicProvider dbm\n"),
			line: 3, msg: "the 'dbm' Authn provider of authn_dbm_module is not implemented by gohttpd"},
		{name: "AuthBasicProvider without argument", conf: loc("AuthBasicProvider\n"), line: 2,
			msg: "AuthBasicProvider requires at least one argument, specify the auth providers for a directory or location"},
		{name: "digest algorithm", conf: loc("AuthBasicUseDigestAlgorithm sha\n"), line: 2,
			msg: "Invalid algorithm in AuthBasicUseDigestAlgorithm: sha"},
		{name: "AuthBasicAuthoritative value", conf: loc("AuthBasicAuthoritative foo\n"), line: 2,
			msg: "AuthBasicAuthoritative must be On or Off"},
		{name: "AuthBasicFake without argument", conf: loc("AuthBasicFake\n"), line: 2, msg: fakeUsage},
		{name: "AuthBasicFake with three", conf: loc("AuthBasicFake a b c\n"), line: 2, msg: fakeUsage},
		{name: "AuthBasicFake user expression", conf: loc(`AuthBasicFake "%{x}"` + "\n"), line: 2,
			msg: "Could not parse fake username expression '%{x}': Variable 'x' does not exist"},
		{name: "AuthBasicFake password expression", conf: loc(`AuthBasicFake u "%{x}"` + "\n"), line: 2,
			msg: "Could not parse fake password expression associated to user 'u': Variable 'x' does not exist"},
		{name: "AuthnProviderAlias in a Location", conf: loc("<AuthnProviderAlias file x>\n</AuthnProviderAlias>\n"), line: 2,
			msg: "<AuthnProviderAlias not allowed in <Location> context"},
		{name: "AuthnProviderAlias with one name", conf: "<AuthnProviderAlias file>\n</AuthnProviderAlias>\n", line: 1,
			msg: "<AuthnProviderAlias> directive requires additional arguments"},
		{name: "AuthnProviderAlias is not implemented", conf: "<AuthnProviderAlias file x>\n</AuthnProviderAlias>\n", line: 1,
			msg: "<AuthnProviderAlias> is not implemented by gohttpd"},
		{name: "missing password files are fine", conf: loc("AuthUserFile /nonexistent/file\nAuthGroupFile rel/groups\n")},
	})
}

// The recipe's authentication settings, and how a section below inherits
// them.
func TestAuthModel(t *testing.T) {
	cfg := loadAuth(t, `<Location /v2>
  AuthName "Registry Authentication"
  AuthType basic
  AuthUserFile "/usr/local/apache2/conf/httpd.htpasswd"
  AuthGroupFile conf/httpd.groups
  AuthBasicProvider file
  AuthBasicProvider file
  AuthBasicAuthoritative Off
  AuthBasicUseDigestAlgorithm md5
  AuthBasicFake %{REMOTE_USER}
</Location>
<Location /v2/x>
  AuthName "Inner"
  AuthBasicFake off
</Location>
`)
	a := cfg.Main.Sections[0].Dir.Auth
	if s, _ := a.Name.Static(); s != "Registry Authentication" {
		t.Errorf("name %q", s)
	}
	if s, _ := a.Type.Static(); s != "basic" {
		t.Errorf("type %q", s)
	}
	if a.UserFile != "/usr/local/apache2/conf/httpd.htpasswd" {
		t.Errorf("user file %q", a.UserFile)
	}
	if a.GroupFile != filepath.Join(cfg.ServerRoot, "conf/httpd.groups") {
		t.Errorf("group file %q, want it under the ServerRoot", a.GroupFile)
	}
	if !reflect.DeepEqual(a.BasicProviders, []string{"file", "file"}) {
		t.Errorf("providers %q", a.BasicProviders)
	}
	if a.BasicAuthoritative == nil || *a.BasicAuthoritative || a.BasicUseDigestAlgorithm != "md5" {
		t.Errorf("authoritative %v digest %q", a.BasicAuthoritative, a.BasicUseDigestAlgorithm)
	}
	if a.BasicFake == nil || a.BasicFake.Off || a.BasicFake.Password.Text != "password" ||
		a.BasicFake.User.Parts[0].Text != "REMOTE_USER" {
		t.Errorf("fake %+v", a.BasicFake)
	}
	inner := cfg.Main.Sections[1].Dir.Merge(cfg.Main.Sections[0].Dir).Auth
	if s, _ := inner.Name.Static(); s != "Inner" || inner.Type != a.Type || inner.UserFile != a.UserFile ||
		!inner.BasicFake.Off || !reflect.DeepEqual(inner.BasicProviders, a.BasicProviders) {
		t.Errorf("inner %+v", inner)
	}
	if unset := (&AuthConfig{}).merge(&a); !reflect.DeepEqual(unset, a) {
		t.Errorf("an empty section changed the config: %+v", unset)
	}
}
