package directives

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// errorCase is a config that must fail at line with a message starting
// with msg.
type errorCase struct {
	name string
	conf string
	line int
	msg  string
}

// runErrorCases loads each case with the modules in prelude (its lines
// come first, so each case's line counts from after them) and checks the
// error.
func runErrorCases(t *testing.T, prelude string, tests []errorCase) {
	t.Helper()
	offset := strings.Count(prelude, "\n")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(t, map[string]string{"httpd.conf": prelude + tt.conf}, Options{})
			if err == nil {
				t.Fatalf("loaded, want an error at line %d: %q", tt.line, tt.msg)
			}
			line, msg := errorOf(t, err)
			if line != tt.line+offset || !strings.HasPrefix(msg, tt.msg) {
				t.Errorf("error at line %d: %q; want line %d: %q…", line-offset, msg, tt.line, tt.msg)
			}
		})
	}
}

// Every message here was checked against apache2 -t (2.4) with the same
// directive.
func TestCoreSettingErrors(t *testing.T) {
	runErrorCases(t, "", []errorCase{
		{"ServerAlias in the main server", "ServerAlias foo\n", 1, "ServerAlias only used in <VirtualHost>"},
		{"ServerName with a wildcard", "ServerName *.x\n", 1, `Invalid ServerName "*.x" use ServerAlias to set multiple server names.`},
		{"ServerName of an IPv6 address", "ServerName [::1]:80\n", 1, `Invalid ServerName "[::1]:80" use ServerAlias to set multiple server names.`},
		{"ServerName with a bad port", "ServerName http://a:99999\n", 1,
			`The port number "http://a:99999" is outside the appropriate range (i.e., 1..65535).`},
		{"ServerName with a word for port", "ServerName a:b\n", 1, `The port number "a:b" is outside the appropriate range`},
		{"ServerName in a Location", "<Location />\nServerName a\n</Location>\n", 2, "ServerName not allowed in <Location> context"},
		{"DocumentRoot missing", "DocumentRoot /nonexistent\n", 1, "DocumentRoot '/nonexistent' is not a directory, or is not readable"},
		{"Options mixing, + first", "Options +Indexes FollowSymLinks\n", 1, "Either all Options must start with + or -, or no Option may."},
		{"Options mixing, + second", "Options Indexes +FollowSymLinks\n", 1, "Either all Options must start with + or -, or no Option may."},
		{"Options None not first", "Options Indexes None\n", 1, "'Options None' must be the first Option given."},
		{"Options All not first", "Options Indexes All\n", 1, "'Options All' must be the first option given."},
		{"Options +None", "Options +None\n", 1, "You may not use 'Options +None' or 'Options -None'."},
		{"Options -All", "Options -All\n", 1, "You may not use 'Options +All' or 'Options -All'."},
		{"Options unknown", "Options Bogus\n", 1, "Illegal option Bogus"},
		{"Options unknown with +", "Options +Bogus\n", 1, "Illegal option Bogus"},
		{"AllowOverride outside a directory", "AllowOverride All\n", 1, "AllowOverride not allowed here"},
		{"AllowOverride unknown", "<Directory />\nAllowOverride Bogus\n</Directory>\n", 2, "Illegal override option Bogus"},
		{"AllowOverride Nonfatal alone", "<Directory />\nAllowOverride Nonfatal\n</Directory>\n", 2,
			"=Override, =Unknown or =All expected after Nonfatal"},
		{"AllowOverride Options= unknown", "<Directory />\nAllowOverride Nonfatal=x Limit=y Options=Bogus\n</Directory>\n", 2,
			"Illegal option Bogus"},
		{"AllowOverrideList None with others", "<Directory />\nAllowOverrideList None Options\n</Directory>\n", 2,
			"'None' not allowed with other directives in AllowOverrideList"},
		{"LimitRequestBody word", "LimitRequestBody abc\n", 1, "LimitRequestBody requires a non-negative integer."},
		{"LimitRequestBody negative", "LimitRequestBody -1\n", 1, "LimitRequestBody requires a non-negative integer."},
		{"LimitRequestBody overflow", "LimitRequestBody 99999999999999999999\n", 1, "LimitRequestBody argument is not parsable."},
		{"LimitRequestBody suffix", "LimitRequestBody 12k\n", 1, "LimitRequestBody requires a non-negative integer."},
		{"LimitXMLRequestBody negative", "LimitXMLRequestBody -1\n", 1, "LimitXMLRequestBody requires a non-negative integer."},
		{"LimitXMLRequestBody huge", "LimitXMLRequestBody 99999999999999999999\n", 1,
			"LimitXMLRequestBody must not exceed 3074457345618258601"},
		{"LimitRequestLine negative", "LimitRequestLine -1\n", 1, `LimitRequestLine "-1" must be a non-negative integer`},
		{"LimitRequestFieldSize negative", "LimitRequestFieldSize -5\n", 1, `LimitRequestFieldsize "-5" must be a non-negative integer`},
		{"LimitRequestFields negative", "LimitRequestFields -5\n", 1,
			`LimitRequestFields "-5" must be a non-negative integer (0 = no limit)`},
		{"ServerTokens unknown", "ServerTokens bogus\n", 1,
			"ServerTokens takes 1 argument: 'Prod(uctOnly)', 'Major', 'Minor', 'Min(imal)', 'OS', or 'Full'"},
		{"ServerTokens in a VirtualHost", "<VirtualHost *:80>\nServerTokens Prod\n</VirtualHost>\n", 2,
			"ServerTokens cannot occur within <VirtualHost> section"},
		{"ServerSignature unknown", "ServerSignature bogus\n", 1, "ServerSignature: use one of: off | on | email"},
		{"TraceEnable unknown", "TraceEnable bogus\n", 1, "TraceEnable must be one of 'on', 'off', or 'extended'"},
		{"AllowEncodedSlashes unknown", "AllowEncodedSlashes bogus\n", 1, "AllowEncodedSlashes must be On, Off, or NoDecode"},
		{"HostnameLookups unknown", "HostnameLookups bogus\n", 1, "parameter must be 'on', 'off', or 'double'"},
		{"UseCanonicalName unknown", "UseCanonicalName bogus\n", 1, "parameter must be 'on', 'off', or 'dns'"},
		{"UseCanonicalPhysicalPort unknown", "UseCanonicalPhysicalPort bogus\n", 1, "parameter must be 'on' or 'off'"},
		{"AcceptPathInfo unknown", "AcceptPathInfo bogus\n", 1, "AcceptPathInfo must be set to on, off or default"},
		{"EnableSendfile unknown", "EnableSendfile bogus\n", 1, "parameter must be 'on' or 'off'"},
		{"EnableMMAP unknown", "EnableMMAP bogus\n", 1, "parameter must be 'on' or 'off'"},
		{"FileETag unknown", "FileETag bogus\n", 1, "Unknown keyword 'bogus' for FileETag directive"},
		{"FileETag +All", "FileETag +All\n", 1, "FileETag keyword 'All' cannot be used with '+' or '-'"},
		{"FileETag -None", "FileETag -None\n", 1, "FileETag keyword 'None' cannot be used with '+' or '-'"},
		{"MaxRanges 0", "MaxRanges 0\n", 1, "MaxRanges requires 'none', 'default', 'unlimited' or a positive integer"},
		{"MaxRangeOverlaps negative", "MaxRangeOverlaps -1\n", 1,
			"MaxRangeOverlaps requires 'none', 'default', 'unlimited' or a positive integer"},
		{"MaxRangeReversals word", "MaxRangeReversals abc\n", 1,
			"MaxRangeReversals requires 'none', 'default', 'unlimited' or a positive integer"},
		{"Port", "Port 80\n", 1, "Port was replaced with Listen in Apache 2.0"},
		{"Protocols in a Location", "<Location />\nProtocols h2\n</Location>\n", 2, "Protocols not allowed in <Location> context"},
		{"ProtocolsHonorOrder unknown", "ProtocolsHonorOrder bogus\n", 1, "ProtocolsHonorOrder must be 'on' or 'off'"},
		{"HttpProtocolOptions unknown", "HttpProtocolOptions bogus\n", 1,
			"HttpProtocolOptions accepts 'Unsafe' or 'Strict' (default), 'RegisteredMethods' or 'LenientMethods' (default), and 'Require1.0' or 'Allow0.9' (default)"},
		{"HttpProtocolOptions contradiction", "HttpProtocolOptions Strict Unsafe\n", 1,
			"HttpProtocolOptions 'Strict' and 'Unsafe' are mutually exclusive"},
		{"HttpProtocolOptions contradiction over two lines", "HttpProtocolOptions Allow0.9\nHttpProtocolOptions Require1.0\n", 2,
			"HttpProtocolOptions 'Allow0.9' and 'Require1.0' are mutually exclusive"},
		{"RegexDefaultOptions unknown", "RegexDefaultOptions bogus\n", 1, "RegexDefaultOptions: option 'bogus' unknown"},
		{"LimitInternalRecursion 0", "LimitInternalRecursion 0\n", 1, "The recursion limit must be greater than zero."},
		{"CGIVar unknown variable", "CGIVar FOO x\n", 1, `Unrecognized CGI variable: "FOO"`},
		{"CGIVar unknown rule", "CGIVar REQUEST_URI x\n", 1, "Valid rules for REQUEST_URI are 'current-uri' and 'original-uri'"},
		{"CGIPassAuth outside a directory", "CGIPassAuth on\n", 1, "CGIPassAuth not allowed here"},
		{"ReadBufferSize negative", "ReadBufferSize -1\n", 1, "parameter must be a number between 0 and (4294967295U)): -1"},
		{"FlushMaxPipelined too small", "FlushMaxPipelined -2\n", 1, "parameter must be a number between -1 and (2147483647): -2"},
		{"FlushMaxThreshold word", "FlushMaxThreshold abc\n", 1, "parameter must be a number between 0 and (4294967295U)): abc"},
		{"AcceptFilter in a VirtualHost", "<VirtualHost *:80>\nAcceptFilter http none\n</VirtualHost>\n", 2,
			"AcceptFilter cannot occur within <VirtualHost> section"},
		{"RegisterHttpMethod in a VirtualHost", "<VirtualHost *:80>\nRegisterHttpMethod FOO\n</VirtualHost>\n", 2,
			"RegisterHttpMethod cannot occur within <VirtualHost> section"},
		{"RLimitMEM without arguments", "RLimitMEM\n", 1,
			"RLimitMEM takes 1-2 arguments, Soft/hard limits for max memory usage per process"},
		{"ErrorLogFormat without %M", "ErrorLogFormat \"x\"\n", 1, "main ErrorLogFormat must contain message format string '%M'"},
		{"ErrorLogFormat with + in the main format", "ErrorLogFormat \"%M %+{x}i\"\n", 1,
			"The '+' flag cannot be used in the main error log format"},
		{"ErrorLogFormat request with %M", "ErrorLogFormat request \"%M\"\n", 1,
			"%M cannot be used in once-per-request or once-per-connection formats"},
		{"ErrorLogFormat request with a level", "ErrorLogFormat request \"%7t\"\n", 1,
			"The loglevel cannot be used as a condition in once-per-request or once-per-connection formats"},
		{"ErrorLogFormat unknown kind", "ErrorLogFormat foo \"%t\"\n", 1, "ErrorLogFormat type must be one of request, connection"},
		{"ErrorLogFormat unknown item", "ErrorLogFormat \"%Q %M\"\n", 1, "Unrecognized error log format directive %Q"},
		{"ErrorLogFormat unclosed brace", "ErrorLogFormat \"%{x\"\n", 1, "Ran off end of error log format parsing args to some directive"},
		{"ErrorLogFormat level out of range", "ErrorLogFormat \"%16t %M\"\n", 1, "The specified loglevel modifier is out of range"},
		{"ErrorLogFormat empty second argument", "ErrorLogFormat connection \"\"\n", 1,
			"main ErrorLogFormat must contain message format string '%M'"},
		{"LogLevel of a module not loaded", "LogLevel ssl:info\n", 1, "Cannot find module ssl"},
		{"LogLevel bad level for a module", "LogLevel core:foo\n", 1,
			"core:foo: Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8"},
		{"LogLevel bad level", "LogLevel foo\n", 1,
			"Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8"},
		{"LogLevel module without level", "LogLevel core:\n", 1, "Module specifier 'core' must be followed by a log level keyword"},
		{"ErrorDocument status in a gap", "ErrorDocument 209 x\n", 1, "Unsupported HTTP response code 209"},
		{"ErrorDocument status too big", "ErrorDocument 999 x\n", 1, "Unsupported HTTP response code 999"},
		{"ErrorDocument word status", "ErrorDocument abc x\n", 1, "Unsupported HTTP response code abc"},
		{"ErrorDocument unterminated variable", "ErrorDocument 404 \"%{REQUEST_URI\"\n", 1,
			"Cannot parse expression in ErrorDocument: syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"},
		{"ErrorDocument unknown variable", "ErrorDocument 404 \"x %{HTTP_X_FOO}\"\n", 1,
			"Cannot parse expression in ErrorDocument: Variable 'HTTP_X_FOO' does not exist"},
		{"ErrorDocument unknown function", "ErrorDocument 404 \"x %{foo:bar}\"\n", 1,
			"Cannot parse expression in ErrorDocument: Function 'foo' does not exist"},
		{"SetHandler unterminated variable", "SetHandler \"%{x\"\n", 1,
			"Can't parse expression : syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable"},
		{"Mutex unknown mechanism", "Mutex foo\n", 1,
			"Invalid Mutex argument foo (Mutex mechanisms are: 'none', 'default', 'flock:/path/to/file', 'fcntl:/path/to/file', 'file:/path/to/file', 'pthread', 'sysvsem', 'posixsem', 'sem')"},
		{"Mutex missing directory", "Mutex file:/nonexist default\n", 1, "Invalid Mutex directory in argument file:/nonexist"},
		{"Mutex none", "Mutex none\n", 1, "None is not allowed for mutex type default"},
		{"Mutex type of an MPM not loaded", "Mutex default mpm-accept\n", 1, "Mutex type mpm-accept is not valid"},
		{"Mutex type of mod_ssl not loaded", "Mutex default ssl-cache\n", 1, "Mutex type ssl-cache is not valid"},
	})
}

func TestServerNameAndAliases(t *testing.T) {
	cfg := mustLoad(t, `ServerName https://www.example.com:8443
<VirtualHost *:80>
ServerName a.example.com
ServerAlias b.example.com *.example.org c.example.com
</VirtualHost>
<VirtualHost *:81>
</VirtualHost>
`)
	m := cfg.Main.Core
	if m.ServerName != "www.example.com" || m.ServerScheme != "https" || m.ServerPort != 8443 {
		t.Errorf("main ServerName = %q %q %d", m.ServerScheme, m.ServerName, m.ServerPort)
	}
	v := cfg.VirtualHosts[0].Core
	if v.ServerName != "a.example.com" || v.ServerPort != 0 || v.ServerScheme != "" {
		t.Errorf("vhost ServerName = %q %q %d; its own name sets no port", v.ServerScheme, v.ServerName, v.ServerPort)
	}
	if !slices.Equal(v.Aliases, []string{"b.example.com", "c.example.com"}) || !slices.Equal(v.WildAliases, []string{"*.example.org"}) {
		t.Errorf("aliases = %q, wild %q", v.Aliases, v.WildAliases)
	}
	if w := cfg.VirtualHosts[1].Core; w.ServerName != "" || w.ServerPort != 8443 {
		t.Errorf("vhost without ServerName: %q:%d, want no name and the main port", w.ServerName, w.ServerPort)
	}
}

// mustLoad loads conf as httpd.conf and fails the test on error.
func mustLoad(t *testing.T, conf string) *Config {
	t.Helper()
	return mustLoadFiles(t, nil, conf)
}

// mustLoadFiles is mustLoad with more files in the ServerRoot.
func mustLoadFiles(t *testing.T, files map[string]string, conf string) *Config {
	t.Helper()
	all := map[string]string{"httpd.conf": conf}
	for k, v := range files {
		all[k] = v
	}
	cfg, err := loadConfig(t, all, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// HTTP core's keep-alive directives are http_module's table; the core
// module's record must list httpSettings for them.
func TestHTTPCoreSettings(t *testing.T) {
	if _, ok := commandByName["keepalive"]; !ok {
		t.Fatal("http_module does not list httpSettings")
	}
	runErrorCases(t, "", []errorCase{
		{"KeepAliveTimeout word", "KeepAliveTimeout abc\n", 1, "KeepAliveTimeout has wrong format"},
		{"KeepAliveTimeout bad unit", "KeepAliveTimeout 5x\n", 1, "KeepAliveTimeout has wrong format"},
		{"KeepAliveTimeout negative", "KeepAliveTimeout -1\n", 1, "KeepAliveTimeout has wrong format"},
		{"KeepAlive maybe", "KeepAlive maybe\n", 1, "KeepAlive must be On or Off"},
		{"KeepAlive in a Location", "<Location />\nKeepAlive on\n</Location>\n", 2, "KeepAlive not allowed in <Location> context"},
	})
	cfg := mustLoad(t, "KeepAliveTimeout 500ms\nMaxKeepAliveRequests abc\nKeepAlive off\n"+
		"<VirtualHost *:80>\nKeepAliveTimeout 2mi\n</VirtualHost>\n<VirtualHost *:81>\nKeepAliveTimeout 0\n</VirtualHost>\n")
	m := &cfg.Main.Core
	if m.EffectiveKeepAliveTimeout() != 500*time.Millisecond || m.EffectiveKeepAlive() || *m.MaxKeepAliveRequests != 0 {
		t.Errorf("main keep-alive %v %v %d (MaxKeepAliveRequests abc is 0, as atoi reads it)",
			m.EffectiveKeepAliveTimeout(), m.EffectiveKeepAlive(), *m.MaxKeepAliveRequests)
	}
	if v := &cfg.VirtualHosts[0].Core; v.EffectiveKeepAliveTimeout() != 2*time.Minute || v.EffectiveKeepAlive() {
		t.Errorf("vhost keep-alive %v %v", v.EffectiveKeepAliveTimeout(), v.EffectiveKeepAlive())
	}
	if v := &cfg.VirtualHosts[1].Core; v.EffectiveKeepAliveTimeout() != 500*time.Millisecond {
		t.Errorf("vhost KeepAliveTimeout 0 = %v, want the main server's", v.EffectiveKeepAliveTimeout())
	}
}

func TestServerSettingsMerge(t *testing.T) {
	cfg := mustLoad(t, `Timeout 30
LimitRequestLine 4000
ServerTokens Prod
TraceEnable off
Protocols h2 http/1.1
HttpProtocolOptions Unsafe Allow0.9
ServerAdmin admin@example.com
ErrorLog logs/main_error
LogLevel info so_module:debug
<VirtualHost *:80>
Timeout 0
HttpProtocolOptions Strict
LogLevel core:trace2
</VirtualHost>
<VirtualHost *:81>
LogLevel error
ErrorLog /dev/stderr
</VirtualHost>
`)
	m := &cfg.Main.Core
	if m.EffectiveTimeout() != 30*time.Second || m.EffectiveKeepAliveTimeout() != DefaultKeepAliveTimeout {
		t.Errorf("main timeouts %v %v", m.EffectiveTimeout(), m.EffectiveKeepAliveTimeout())
	}
	v := &cfg.VirtualHosts[0].Core
	if v.EffectiveTimeout() != 30*time.Second {
		t.Errorf("vhost Timeout 0 = %v, want the main server's 30s", v.EffectiveTimeout())
	}
	if *v.LimitRequestLine != 4000 {
		t.Errorf("vhost LimitRequestLine %v", *v.LimitRequestLine)
	}
	if v.ServerTokens != TokensProductOnly || v.TraceEnable != TraceOff || !slices.Equal(v.Protocols, []string{"h2", "http/1.1"}) {
		t.Errorf("vhost tokens %v trace %v protocols %q", v.ServerTokens, v.TraceEnable, v.Protocols)
	}
	if o := v.HTTPProtocolOptions; o.Unsafe() || !o.Allow09() {
		t.Errorf("vhost HttpProtocolOptions %b: want its own Strict and the main Allow0.9", o)
	}
	if v.ServerAdmin != "admin@example.com" || v.ErrorLog != "logs/main_error" {
		t.Errorf("vhost admin %q, error log %q", v.ServerAdmin, v.ErrorLog)
	}
	if v.LogLevel.For("core_module") != LogTrace2 || v.LogLevel.For("so_module") != LogDebug || v.LogLevel.For("x") != LogInfo {
		t.Errorf("vhost LogLevel %+v", v.LogLevel)
	}
	w := &cfg.VirtualHosts[1].Core
	if w.LogLevel.For("so_module") != LogError || w.ErrorLog != "/dev/stderr" {
		t.Errorf("a vhost's own LogLevel drops the main module levels: %+v; error log %q", w.LogLevel, w.ErrorLog)
	}
}

func TestLogLevelResetsModuleLevels(t *testing.T) {
	cfg := mustLoad(t, "LogLevel core:debug warn so:info\n<Location /a>\nLogLevel mod_so.c:trace1\n</Location>\n")
	l := cfg.Main.Core.LogLevel
	if l.For("core_module") != LogWarn || l.For("so_module") != LogInfo {
		t.Errorf("LogLevel %+v: a level resets the module levels before it", l)
	}
	loc := cfg.Main.Sections[0].Dir.Core.LogLevel
	if loc == nil || loc.Set || loc.Modules["so_module"] != LogTrace1 {
		t.Fatalf("Location LogLevel %+v", loc)
	}
	merged := loc.merge(l)
	if merged.For("so_module") != LogTrace1 || merged.For("http_module") != LogWarn {
		t.Errorf("merged %+v", merged)
	}
}

func TestDirSettings(t *testing.T) {
	cfg := mustLoad(t, `Options -Indexes +ExecCGI
AddDefaultCharset On
FileETag MTime
AllowEncodedSlashes NoDecode
LimitRequestBody 1000
ErrorDocument 404 /missing.html
ErrorDocument 500 "Oops, sorry"
ErrorDocument 502 http://example.com/down
ErrorDocument 401 http://example.com/login
<Directory /srv>
Options Indexes FollowSymLinks
AllowOverride AuthConfig Options=Indexes,MultiViews Nonfatal=Unknown
FileETag +INode -MTime
ErrorDocument 404 default
SetHandler server-status
ForceType Text/HTML
</Directory>
<Location /sub>
Options +Includes
LimitRequestBody 0
</Location>
`)
	d := cfg.Main.Dir.Core
	if got := d.Options.InEffect(); got != OptFollowSymLinks|OptExecCGI {
		t.Errorf("server Options = %b, want the default FollowSymLinks with ExecCGI", got)
	}
	if *d.AddDefaultCharset != "iso-8859-1" || !d.AllowEncodedSlashes || d.DecodeEncodedSlashes {
		t.Errorf("charset %q, encoded slashes %v %v", *d.AddDefaultCharset, d.AllowEncodedSlashes, d.DecodeEncodedSlashes)
	}
	docs := d.ErrorDocuments
	if docs[404].Kind != ErrorDocumentLocal || docs[500].Kind != ErrorDocumentText || docs[502].Kind != ErrorDocumentURL {
		t.Errorf("ErrorDocuments %+v", docs)
	}
	if s, _ := docs[500].Value.Static(); s != "Oops, sorry" {
		t.Errorf("ErrorDocument 500 text %q", s)
	}
	if _, ok := docs[401]; ok || len(cfg.Warnings) == 0 || !strings.Contains(cfg.Warnings[len(cfg.Warnings)-1].Msg, "AH00113") {
		t.Errorf("a URL for 401 is ignored with AH00113; warnings %v", cfg.Warnings)
	}

	dir := cfg.Main.Sections[0].Dir.Core.merge(&d)
	if got := dir.Options.InEffect(); got != OptIndexes|OptFollowSymLinks {
		t.Errorf("directory Options = %b", got)
	}
	a := dir.AllowOverride
	if a.Groups != OrAuthCfg|OrOptions || a.OptionsAllowed() != OptIndexes|OptMultiViews || !a.NonFatalUnknown || a.NonFatalOverride {
		t.Errorf("AllowOverride %+v", a)
	}
	if got := dir.FileETag.InEffect(); got != ETagINode {
		t.Errorf("FileETag = %b, want INode", got)
	}
	if !dir.ErrorDocuments[404].Default || dir.ErrorDocuments[500].Kind != ErrorDocumentText {
		t.Errorf("merged ErrorDocuments %+v", dir.ErrorDocuments)
	}
	if s, _ := dir.SetHandler.Static(); s != "server-status" || dir.ForceType != "text/html" {
		t.Errorf("SetHandler %q ForceType %q", s, dir.ForceType)
	}
	loc := cfg.Main.Sections[1].Dir.Core.merge(&dir)
	if got := loc.Options.InEffect(); got != OptIndexes|OptFollowSymLinks|OptIncludes|OptIncludesExec {
		t.Errorf("location Options = %b", got)
	}
	if loc.EffectiveLimitRequestBody() != 0 || d.EffectiveLimitRequestBody() != 1000 || (&CoreDirConfig{}).EffectiveLimitRequestBody() != 1<<30 {
		t.Errorf("LimitRequestBody %d %d", loc.EffectiveLimitRequestBody(), d.EffectiveLimitRequestBody())
	}
	if loc.AllowEncodedSlashes {
		t.Errorf("AllowEncodedSlashes is the inner section's, which is off")
	}
}

func TestOptionsMerge(t *testing.T) {
	tests := []struct {
		name          string
		parent, child string
		want          OptionFlags
	}{
		{"explicit child replaces", "Indexes", "ExecCGI", OptExecCGI},
		{"relative child changes", "Indexes FollowSymLinks", "-Indexes +MultiViews", OptFollowSymLinks | OptMultiViews},
		{"relative on relative", "+Indexes", "-FollowSymLinks", OptIndexes},
		{"None then +", "None", "+Indexes", OptIndexes},
		{"Includes then IncludesNOEXEC drops exec", "Includes", "+IncludesNOEXEC", OptIncludes},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := mustLoad(t, "<Directory /a>\nOptions "+tt.parent+"\n</Directory>\n<Directory /a/b>\nOptions "+tt.child+"\n</Directory>\n")
			root := cfg.Main.Dir.Core
			a := cfg.Main.Sections[0].Dir.Core.merge(&root)
			b := cfg.Main.Sections[1].Dir.Core.merge(&a)
			if got := b.Options.InEffect(); got != tt.want {
				t.Errorf("Options %q inside %q = %b, want %b", tt.child, tt.parent, got, tt.want)
			}
		})
	}
}

func TestAllowOverrideWarnings(t *testing.T) {
	cfg := mustLoad(t, "<Location />\nAllowOverride All\nAllowOverrideList Bogus Options Listen\n</Location>\n")
	var msgs []string
	for _, w := range cfg.Warnings {
		msgs = append(msgs, w.Msg)
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"AH00114: Useless use of AllowOverride in line 2 of ", "AH00115: Useless use of AllowOverrideList at ",
		"AH00116: Discarding unrecognized directive `Bogus' in AllowOverrideList", "AH02304: Discarding directive `Listen' not allowed"} {
		if !strings.Contains(joined, want) {
			t.Errorf("warnings lack %q:\n%s", want, joined)
		}
	}
	if l := cfg.Main.Sections[0].Dir.Core.AllowOverrideList; !slices.Equal(l, []string{"Options"}) {
		t.Errorf("AllowOverrideList = %q", l)
	}
}

func TestErrorLogFormatItems(t *testing.T) {
	cfg := mustLoad(t, "ErrorLogFormat \"[%{u}t] [%-m:%l] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i\"\n"+
		"ErrorLogFormat request \"[%{uc}t] %+{X-Id}i\"\n")
	items := cfg.Main.Core.ErrorLogFormat
	if len(items) < 5 || items[0].Literal != "[" || items[1].Directive != 't' || items[1].Arg != "u" {
		t.Fatalf("items %+v", items)
	}
	var m *ErrorLogItem
	for i := range items {
		if items[i].Directive == 'm' && items[i].HyphenIfEmpty {
			m = &items[i]
		}
		if items[i].Directive == 'F' && items[i].MinLevel != 7 {
			t.Errorf("%%7F level %d", items[i].MinLevel)
		}
	}
	if m == nil {
		t.Errorf("no %%-m item in %+v", items)
	}
	last := items[len(items)-1]
	if last.Directive != 'i' || last.Arg != "Referer" {
		t.Errorf("last item %+v", last)
	}
	if req := cfg.Main.Core.ErrorLogRequest; len(req) != 1 || !req[0][len(req[0])-1].Required {
		t.Errorf("request format %+v", req)
	}
}

func TestProcessDirectivesOfTheCore(t *testing.T) {
	cfg := mustLoadFiles(t, map[string]string{"logs/.keep": ""}, `PidFile logs/httpd.pid
MaxConnectionsPerChild 1000
ExtendedStatus On
Mutex file:logs default
Mutex sem omitpid
MaxMemFree 2048
`)
	p := cfg.Process
	if p.PidFile != "logs/httpd.pid" || *p.MaxConnectionsPerChild != 1000 || !*p.ExtendedStatus || *p.MaxMemFree != 2048 {
		t.Errorf("process %+v", p)
	}
	if m := p.Mutexes["default"]; m.Mechanism != "posixsem" || !m.OmitPID {
		t.Errorf("default mutex %+v: the last Mutex wins", m)
	}
}

func TestCAtoi(t *testing.T) {
	for in, want := range map[string]int{"42": 42, " 7x": 7, "abc": 0, "-3": -3, "99999999999999999999": -1, "+5": 5} {
		if got := cAtoi(in); got != want {
			t.Errorf("cAtoi(%q) = %d, want %d", in, got, want)
		}
	}
}

// A virtual host keeps the main server's AllowEncodedSlashes only while
// it sets no per-directory core directive itself, as Apache's lazily
// made config for it.
func TestAllowEncodedSlashesInVirtualHosts(t *testing.T) {
	cfg := mustLoad(t, `AllowEncodedSlashes On
<VirtualHost *:80>
ServerName a
</VirtualHost>
<VirtualHost *:81>
ServerSignature On
</VirtualHost>
<VirtualHost *:82>
AllowEncodedSlashes Off
</VirtualHost>
`)
	for i, want := range []bool{true, false, false} {
		if got := cfg.VirtualHosts[i].Dir.Core.AllowEncodedSlashes; got != want {
			t.Errorf("vhost %d AllowEncodedSlashes = %v, want %v", i, got, want)
		}
	}
}

// A virtual host has the port and request limits the main server had
// when the <VirtualHost> began, as Apache's ap_init_virtual_host copies.
func TestInitVirtual(t *testing.T) {
	main := &CoreServerConfig{ServerPort: 80}
	var vh CoreServerConfig
	vh.initVirtual(main)
	main.ServerPort, main.LimitRequestLine = 8080, ptr(100)
	vh.mergeServer(main)
	if vh.ServerPort != 80 || *vh.LimitRequestLine != DefaultLimitRequestLine {
		t.Errorf("port %d, LimitRequestLine %d", vh.ServerPort, *vh.LimitRequestLine)
	}
}

func TestRegexDefaultOptions(t *testing.T) {
	cfg := mustLoad(t, "RegexDefaultOptions +ICASE -DOTALL\n")
	if got := cfg.Main.Core.RegexDefaultOptions; !slices.Equal(got, []string{"DOLLAR_ENDONLY", "ICASE"}) {
		t.Errorf("flags %q", got)
	}
	cfg = mustLoad(t, "RegexDefaultOptions +ICASE none -DOTALL\n")
	if got := cfg.Main.Core.RegexDefaultOptions; len(got) != 0 || got == nil {
		t.Errorf("flags after none %q", got)
	}
}
