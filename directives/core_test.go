package directives

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/parser"
)

// errorOf returns the line and message of a load error of either kind.
func errorOf(t *testing.T, err error) (int, string) {
	t.Helper()
	var de *Error
	var pe *parser.Error
	switch {
	case errors.As(err, &de):
		return de.Line, de.Msg
	case errors.As(err, &pe):
		return pe.Line, pe.Msg
	case err == nil:
		return 0, ""
	}
	t.Fatalf("error without a line: %v", err)
	return 0, ""
}

func TestCoreErrors(t *testing.T) {
	tests := []struct {
		name  string
		conf  string
		line  int
		msg   string
		files map[string]string
	}{
		{"unknown directive", "Listen 80\nBogus x\n", 2,
			"Invalid command 'Bogus', perhaps misspelled or defined by a module not included in the server configuration", nil},
		{"directive of a module not loaded", "Header set X y\n", 1,
			"Invalid command 'Header', perhaps misspelled or defined by a module not included in the server configuration", nil},
		{"Listen without a port", "Listen example.com\n", 1, "Port must be specified", nil},
		{"Listen with a bad port", "Listen 70000\n", 1, "Invalid address or port", nil},
		{"Listen with too many arguments", "Listen 80 http x\n", 1, "Listen requires 1 or 2 arguments.", nil},
		{"Listen twice", "Listen 80\nListen 80\n", 2, "Cannot define multiple Listeners on the same IP:port", nil},
		{"Listen in a VirtualHost", "<VirtualHost *:80>\nListen 81\n</VirtualHost>\n", 2,
			"Listen cannot occur within <VirtualHost> section", nil},
		{"Listen in a Location", "<Location />\nListen 81\n</Location>\n", 2,
			"Listen not allowed in <Location> context", nil},
		{"VirtualHost nested", "<VirtualHost *:80>\n<VirtualHost *:81>\n</VirtualHost>\n</VirtualHost>\n", 2,
			"<VirtualHost> cannot occur within <VirtualHost> section", nil},
		{"section missing >", "<Location /a\n</Location>\n", 1, "<Location> directive missing closing '>'", nil},
		{"section without argument", "<Location>\n</Location>\n", 1, "<Location> directive requires additional arguments", nil},
		{"Location in a Location", "<Location /a>\n<Location /b>\n</Location>\n</Location>\n", 2,
			"<Location not allowed in <Location> context", nil},
		{"Limit with TRACE", "<Location /a>\n<Limit TRACE>\n</Limit>\n</Location>\n", 2,
			"TRACE cannot be controlled by <Limit>, see TraceEnable", nil},
		{"Limit at server level", "<Limit GET>\n</Limit>\n", 1, "<Limit not allowed here", nil},
		{"Limit inside a Limit of the same methods", "<Location /a>\n<Limit GET>\n<Limit GET>\n</Limit>\n</Limit>\n</Location>\n", 3,
			"<Limit> directive specifies methods already excluded", nil},
		{"LimitExcept inside a Limit of the same method", "<Location /a>\n<Limit GET>\n<LimitExcept GET>\n</LimitExcept>\n</Limit>\n</Location>\n", 3,
			"<LimitExcept> directive excludes all methods", nil},
		{"LoadModule of a built-in module", "LoadModule so_module modules/mod_so.so\n", 1,
			"module so_module is built-in and can't be loaded", nil},
		{"Define with a colon", "Define a:b\n", 1, "Variable name must not contain ':'", nil},
		{"ServerRoot that is no directory", "ServerRoot /nonexistent/dir\n", 1, "ServerRoot must be a valid directory", nil},
		{"missing Include", "Listen 80\nInclude conf/missing.conf\n", 2, "", nil},
		{"wildcard Include matching nothing", "Include conf.d/*.conf\n", 1,
			"Include/IncludeOptional: No matches for the wildcard '*.conf' in '", map[string]string{"conf.d/x.txt": ""}},
		{"error in an included file names the Include line", "Listen 80\nInclude a.conf\n", 2,
			"Syntax error on line 2 of ", map[string]string{"a.conf": "Listen 81\n</Location>\n"}},
		{"directive error in an included file names that file's line", "Listen 80\nInclude a.conf\n", 3,
			"Invalid command 'Bogus'", map[string]string{"a.conf": "\n\nBogus\n"}},
		{"directive of an unimplemented module", "LoadModule rewrite_module modules/mod_rewrite.so\nRewriteEngine on\n", 2,
			"RewriteEngine is a directive of rewrite_module, which gohttpd does not implement", nil},
		{"If is refused", "<If \"true\">\n</If>\n", 1, "<If> is not implemented by gohttpd", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"httpd.conf": tt.conf}
			for k, v := range tt.files {
				files[k] = v
			}
			_, err := loadConfig(t, files, Options{})
			if err == nil {
				t.Fatalf("loaded, want an error at line %d: %q", tt.line, tt.msg)
			}
			line, msg := errorOf(t, err)
			if line != tt.line || !strings.HasPrefix(msg, tt.msg) {
				t.Errorf("error at line %d: %q; want line %d: %q…", line, msg, tt.line, tt.msg)
			}
		})
	}
}

func TestReadTimeSemantics(t *testing.T) {
	conf := `
Listen ${PORT}
Define PORT 8081
Listen ${PORT}
Define WITHSPACE "127.0.0.1:8082 https"
Listen ${WITHSPACE}
<IfDefine !PORT>
  Bogus directive never read
</IfDefine>
<IfDefine FROMFLAG>
  Listen 8083
</IfDefine>
<IfModule headers_module>
  Listen 8084
</IfModule>
LoadModule headers_module modules/mod_headers.so
<IfModule mod_headers.c>
  Listen 8085
</IfModule>
<IfModule !ssl_module>
  Listen 8086
</IfModule>
<IfDirective Listen>
  Listen 8087
</IfDirective>
<IfSection VirtualHost>
  Listen 8088
</IfSection>
<IfFile conf.d>
  Listen 8089
</IfFile>
IncludeOptional conf.d/*.conf
IncludeOptional nothing/*.conf
IncludeOptional missing.conf
UnDefine PORT
<IfDefine PORT>
  Listen 8090
</IfDefine>
`
	files := map[string]string{
		"httpd.conf":      conf,
		"conf.d/b.conf":   "Listen 8092\n",
		"conf.d/a.conf":   "Listen 8091\n",
		"conf.d/.hidden":  "Bogus\n",
		"conf.d/c.notcnf": "Bogus\n",
	}
	cfg, err := loadConfig(t, files, Options{Defines: []string{"FROMFLAG"}, Getenv: func(k string) (string, bool) {
		if k == "PORT" {
			return "8080", true
		}
		return "", false
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range cfg.Listeners {
		got = append(got, l.Addr+":"+itoa(l.Port)+"/"+l.Protocol)
	}
	want := []string{":8080/http", ":8081/http", "127.0.0.1:8082/https", ":8083/http", ":8085/http",
		":8086/http", ":8087/http", ":8088/http", ":8089/http", ":8091/http", ":8092/http"}
	if !slices.Equal(got, want) {
		t.Errorf("listeners:\n got %q\nwant %q", got, want)
	}
	if !slices.Contains(cfg.Modules, "headers_module") {
		t.Errorf("modules %q lack headers_module", cfg.Modules)
	}
}

func TestUndefinedVariableWarnsAndStaysLiteral(t *testing.T) {
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": "Define X\n<IfDefine ${NOPE}>\n</IfDefine>\nListen 80\n"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range cfg.Warnings {
		found = found || w.Msg == "AH00111: Config variable ${NOPE} is not defined"
	}
	if !found {
		t.Errorf("warnings %v lack AH00111 for ${NOPE}", cfg.Warnings)
	}
}

func TestSectionsAndLimits(t *testing.T) {
	conf := `
<VirtualHost *:5043 [::1]:443 _default_>
  <Location /v2>
    <Limit GET HEAD>
    </Limit>
    <LimitExcept GET>
    </LimitExcept>
  </Location>
  <LocationMatch "^/v2/[a-z]+">
  </LocationMatch>
  <Directory /srv>
  </Directory>
  <Directory ~ "\.git">
  </Directory>
</VirtualHost>
`
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": conf}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.VirtualHosts) != 1 {
		t.Fatalf("%d virtual hosts, want 1", len(cfg.VirtualHosts))
	}
	vh := cfg.VirtualHosts[0]
	wantAddrs := []VirtualHostAddr{{"*", 5043}, {"::1", 443}, {"_default_", 0}}
	if !slices.Equal(vh.Addrs, wantAddrs) {
		t.Errorf("addrs %v, want %v", vh.Addrs, wantAddrs)
	}
	var kinds []string
	for _, s := range vh.Sections {
		kinds = append(kinds, s.Path+"|"+boolWord(s.Regex != nil))
	}
	want := []string{"/v2|plain", "^/v2/[a-z]+|regex", "/srv/|plain", `\.git|regex`}
	if !slices.Equal(kinds, want) {
		t.Errorf("sections %q, want %q", kinds, want)
	}
	if len(cfg.Main.Sections) != 0 {
		t.Errorf("main server has %d sections, want 0", len(cfg.Main.Sections))
	}
}

func TestCommandLineDirectives(t *testing.T) {
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": "<IfDefine BEFORE>\nListen 81\n</IfDefine>\n"},
		Options{Before: []string{"Define BEFORE"}, After: []string{"Listen 82"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Listeners) != 2 || cfg.Listeners[0].Port != 81 || cfg.Listeners[1].Port != 82 {
		t.Errorf("listeners %+v, want 81 then 82", cfg.Listeners)
	}
	_, err = loadConfig(t, map[string]string{"httpd.conf": ""}, Options{Before: []string{"</Location>"}})
	if err == nil || err.Error() != "Syntax error in -C/-c directive: </Location> without matching <Location> section" {
		t.Errorf("error %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func boolWord(regex bool) string {
	if regex {
		return "regex"
	}
	return "plain"
}

func TestOriginsNameTheLineInEffect(t *testing.T) {
	conf := "LoadModule authn_file_module modules/mod_authn_file.so\n" +
		"ServerAdmin a@example.com\n" +
		"<VirtualHost *:80>\n" +
		"  <Location /x>\n" +
		"    AuthUserFile /b\n" +
		"  </Location>\n" +
		"  <Location /x/y>\n" +
		"    Options None\n" +
		"  </Location>\n" +
		"</VirtualHost>\n"
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": conf}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	vh := cfg.VirtualHosts[0]
	if o, ok := cfg.Main.Origins.Last("serveradmin"); !ok || o.Line != 2 {
		t.Errorf("main ServerAdmin from %v, want line 2", o)
	}
	if _, own := vh.Origins.Last("ServerAdmin"); own {
		t.Errorf("the virtual host's own origins list the main server's ServerAdmin")
	}
	merged := vh.Sections[1].Dir.Merge(vh.Sections[0].Dir.Merge(vh.Dir))
	if o, ok := merged.Origins.Last("AuthUserFile"); !ok || o.Line != 5 || merged.Auth.UserFile != "/b" {
		t.Errorf("AuthUserFile %q from %v, want /b from line 5", merged.Auth.UserFile, o)
	}
	if o, ok := merged.Origins.Last("Options"); !ok || o.Line != 8 {
		t.Errorf("Options from %v, want line 8", o)
	}
}
