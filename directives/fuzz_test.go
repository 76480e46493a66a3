package directives

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/parser"
)

// FuzzLoad shows that no config text panics Load and that every error it
// gives names a line (or is one of the few whole-config errors).
func FuzzLoad(f *testing.F) {
	recipe, err := os.ReadFile("../examples/registry/httpd.conf")
	if err != nil {
		f.Fatal(err)
	}
	prelude := "LoadModule headers_module modules/mod_headers.so\nLoadModule ssl_module modules/mod_ssl.so\n" +
		"LoadModule proxy_module modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\n" +
		"LoadModule authz_core_module modules/mod_authz_core.so\nLoadModule authz_host_module modules/mod_authz_host.so\n" +
		"LoadModule authz_user_module modules/mod_authz_user.so\nLoadModule access_compat_module modules/mod_access_compat.so\n" +
		"LoadModule log_config_module modules/mod_log_config.so\nLoadModule authn_core_module modules/mod_authn_core.so\n"
	for _, s := range []string{
		string(recipe),
		prelude + "Header always edit* X \"^(a)\" \"$1%{Y}e\"\nRequestHeader unset Z early\n",
		prelude + "<Location /a>\nRequire ip 10.1. 192.168.0.0/16 ::1\nRequire not host .example.com\n</Location>\n",
		prelude + "ProxyPass /a http://h:1/ retry=0 timeout=5 keepalive=On\nProxyPassMatch ^/b(.*) http://h/$1\n",
		prelude + "SSLProtocol all -SSLv3\nSSLCipherSuite HIGH:!aNULL:@STRENGTH\n",
		prelude + "LogFormat \"%h %{X}i %>s %{%Y}t\" x\nCustomLog \"|cat\" x env=!nolog\n",
		prelude + "<Location /a>\nOrder allow,deny\nAllow from 10.0.0.0/8\nSatisfy any\n<LimitExcept GET>\nRequire valid-user\n</LimitExcept>\n</Location>\n",
		prelude + "Listen [::1]:8080 https\n<VirtualHost [::1]:8080 *:*>\nServerName a:1\nServerAlias *.b\n</VirtualHost>\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, conf string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "httpd.conf"), []byte(conf), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Load(Options{ServerRoot: dir, File: "httpd.conf", Getenv: func(string) (string, bool) { return "", false }, Resolver: localResolver})
		if err == nil {
			return
		}
		var de *Error
		var pe *parser.Error
		var le *LogDirError
		switch {
		case errors.As(err, &de), errors.As(err, &pe), errors.As(err, &le):
		case strings.HasPrefix(err.Error(), "Could not open configuration file"):
		default:
			t.Fatalf("error without a line: %v", err)
		}
	})
}
