package directives

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const proxyModules = "LoadModule proxy_module modules/mod_proxy.so\nLoadModule proxy_http_module modules/mod_proxy_http.so\n"

// loadProxy loads conf after loading mod_proxy and mod_proxy_http (two
// lines, so conf's first line is line 3).
func loadProxy(t *testing.T, conf string) (*Config, error) {
	t.Helper()
	return loadConfig(t, map[string]string{"httpd.conf": proxyModules + conf}, Options{})
}

func mustLoadProxy(t *testing.T, conf string) *Config {
	t.Helper()
	cfg, err := loadProxy(t, conf)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Every verdict and message here was checked against httpd 2.4 (apache2 -t)
// with the same config; line counts the config's lines from 1.
func TestProxyErrors(t *testing.T) {
	const keyValue = "Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'."
	const needsPath = "ProxyPass|ProxyPassMatch needs a path when not defined in a location"
	const inLocation = "ProxyPass|ProxyPassMatch can not have a path when defined in a location."
	tests := []struct {
		conf string
		line int
		msg  string
	}{
		{"ProxyPass", 1, needsPath},
		{"ProxyPass /a", 1, needsPath},
		{"<Location /a>\nProxyPass\n</Location>", 2, needsPath},
		{"ProxyPass /a http://b foo", 1, keyValue},
		{"ProxyPass /a ! foo", 1, keyValue},
		{"<Location /a>\nProxyPass http://c foo\n</Location>", 2, keyValue},
		{"<Location /a>\nProxyPass /x http://c\n</Location>", 2, inLocation},
		{"<Proxy http://b>\nProxyPass /x http://c\n</Proxy>", 2, inLocation},
		{"<Location /a>\nProxyPass /x\n</Location>", 2, "ProxyPass URL must be absolute!: /x"},
		{"<Directory /a>\nProxyPass http://c\n</Directory>", 2, "ProxyPass cannot occur within <Directory> section"},
		{"<Files a>\nProxyPass /a http://c\n</Files>", 2, "ProxyPass cannot occur within <Files> section"},
		{"<Location /a>\n<Limit GET>\nProxyPass http://c\n</Limit>\n</Location>", 3,
			"ProxyPass cannot occur within <Limit> or <LimitExcept> section"},
		{"<Location /a>\n<LimitExcept GET>\nProxyPassReverse http://c\n</LimitExcept>\n</Location>", 3,
			"ProxyPassReverse cannot occur within <Limit> or <LimitExcept> section"},
		{"<LocationMatch ^/a[>\nProxyPass http://c\n</LocationMatch>", 1, "Regex could not be compiled"},
		{"ProxyPass /a http://b retry=-1", 1, "ProxyPass Retry must be a positive value"},
		{"ProxyPass /a http://b timeout=0", 1, "ProxyPass Timeout must be at least one second"},
		{"ProxyPass /a http://b bogus=1", 1, "ProxyPass unknown Worker parameter"},
		{"ProxyPass /a http://b/ =x", 1, "ProxyPass unknown Worker parameter"},
		{"ProxyPass /a http://b/ retry=1 retry=-1 timeout=0", 1, "ProxyPass Retry must be a positive value"},
		{"ProxyPass /a http://b mapping=foo", 1, "unknown mapping"},
		{"ProxyPass /a b", 1, "ProxyPass URL must be absolute!: b"},
		{"ProxyPass /a http:/b", 1, "ProxyPass URL must be absolute!: http:/b"},
		{"ProxyPass /a http://", 1, "ProxyPass URL must be absolute!: http://"},
		{"ProxyPass /a //b/x", 1, "ProxyPass URL must be absolute!: //b/x"},
		{`ProxyPass /a ""`, 1, "ProxyPass URL must be absolute!: "},
		{"ProxyPass /a unix:/x", 1, "ProxyPass URL must be absolute!: unix:/x"},
		{"ProxyPass /a unix:/x|b", 1, `ProxyPass|ProxyPassMatch uses an invalid "unix:" URL`},
		{"ProxyPass /a http://b:x", 1, "ProxyPass Unable to parse URL: http://b:x"},
		{"ProxyPass /a http://[::1", 1, "ProxyPass Unable to parse URL: http://[::1"},
		{"ProxyPass /a 1a:b", 1, "ProxyPass Unable to parse URL: 1a:b"},
		{"ProxyPassMatch ~ /a http://b", 1, "ProxyPassMatch invalid syntax ('~' usage)."},
		{"ProxyPassMatch ( http://b", 1, "Regular expression could not be compiled."},
		{"ProxyPass ~ ( http://b", 1, "Regular expression could not be compiled."},
		{"ProxyPass /a http://b/ acquire=0", 1, "ProxyPass Acquire must be at least one millisecond"},
		{"ProxyPass /a http://b/ acquire=5x", 1, "ProxyPass Acquire timeout has wrong format"},
		{"ProxyPass /a http://b/ ping=", 1, "ProxyPass Ping/Pong timeout must be at least one millisecond"},
		{"ProxyPass /a http://b/ ping=-1", 1, "ProxyPass Ping/Pong timeout has wrong format"},
		{"ProxyPass /a http://b/ connectiontimeout=x", 1, "ProxyPass Connectiontimeout has wrong format"},
		{"ProxyPass /a http://b/ loadfactor=0.5", 1, "ProxyPass LoadFactor must be a number between 1..100"},
		{"ProxyPass /a http://b/ status=Z", 1, "ProxyPass Unknown status parameter option"},
		{"ProxyPass /a http://b/ status=+", 1, "ProxyPass Unknown status parameter option"},
		{"ProxyPass /a http://b/ addressttl=1.5", 1, "ProxyPass AddressTTL must be -1 or a number of seconds not exceeding (2147483647)"},
		{"ProxyPass /a http://b/ route=" + strings.Repeat("r", 64), 1, "ProxyPass Route length must be < 64 characters"},
		{"ProxyPass /a http://b/ upgrade=" + strings.Repeat("u", 16), 1, "ProxyPass upgrade protocol length must be < 16 characters"},
		{"ProxyPass /a http://b/ flushwait=2000", 1, "ProxyPass flushwait must be <= 1000, or 0 for system default of 10 millseconds."},
		{"ProxyPass /a http://b/ lbset=100", 1, "ProxyPass lbset must be between 0 and 99"},
		{"ProxyPass /a http://b/ keepalive=maybe", 1, "ProxyPass KeepAlive must be On|Off"},
		{"ProxyPass /a http://b/ responsefieldsize=-1", 1, "ProxyPass ResponseFieldSize must be greater than 0 bytes, or 0 for system default."},
		{"ProxyPassReverse", 1, "ProxyPassReverse takes one, two or three arguments, a virtual path and a URL for reverse proxy behaviour"},
		{"ProxyPassReverse /a", 1, "ProxyPassReverse needs a path when not defined in a location"},
		{"ProxyPassReverse /a interpolate", 1, "ProxyPassReverse needs a path when not defined in a location"},
		{"<Location /a>\nProxyPassReverse http://b x\n</Location>", 2, "ProxyPassReverse can not have a path when defined in a location"},
		{"ProxyPassReverseCookiePath /a", 1, "ProxyPassReverseCookiePath takes two or three arguments, Path rewrite rule for proxying cookies"},
		{"ProxyErrorOverride 404", 1, "ProxyErrorOverride first parameter must be one of: off | on"},
		{"ProxyErrorOverride On 404 500 x", 1, "ProxyErrorOverride: status codes to intercept must be numeric"},
		{"ProxyErrorOverride On 404 302", 1, "ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600"},
		{"ProxyErrorOverride Off 404", 1, "ProxyErrorOverride: status codes must follow a value of 'on'"},
		{"ProxyTimeout 0", 1, "Proxy Timeout must be at least 1 second."},
		{"ProxyTimeout x", 1, "Proxy Timeout must be at least 1 second."},
		{"ProxyIOBufferSize 100", 1, "ProxyIOBufferSize must be >= 512 bytes, or 0 for system default."},
		{"ProxyReceiveBufferSize 511", 1, "ProxyReceiveBufferSize must be >= 512 bytes, or 0 for system default."},
		{"ProxyVia maybe", 1, "ProxyVia must be one of: off | on | full | block"},
		{"ProxyBadHeader x", 1, "ProxyBadHeader must be one of: IsError | Ignore | StartBody"},
		{"ProxyStatus x", 1, "ProxyStatus must be one of: off | on | full"},
		{"ProxyRequests maybe", 1, "ProxyRequests must be On or Off"},
		{"<Location /a>\nProxyRequests on\n</Location>", 2, "ProxyRequests not allowed in <Location> context"},
		{"BalancerGrowth 2000", 1, "BalancerGrowth must be between 0 and 1000"},
		{"ProxyRemote * p:8080", 1, "ProxyRemote: Bad syntax for a remote proxy server"},
		{"ProxyRemote * http://", 1, "ProxyRemote: Bad syntax for a remote proxy server"},
		{"ProxyRemote * http://p:x", 1, "ProxyRemote: Bad syntax for a remote proxy server (bad port number)"},
		{"ProxyRemote * http://p:70000", 1, "ProxyRemote: Bad syntax for a remote proxy server (bad port number)"},
		{"ProxyRemoteMatch ( http://p", 1, "Regular expression for ProxyRemoteMatch could not be compiled."},
		{"ProxyDomain x", 1, "ProxyDomain: domain name must start with a dot."},
		{"<Proxy http://b foo>\n</Proxy>", 1, "Invalid Proxy parameter. Parameter must be in the form 'key=value'"},
		{"<Proxy * timeout=5>\n</Proxy>", 1, "<Proxy> arguments are not supported for wildchar url."},
		{"<Proxy /local x=1>\n</Proxy>", 1, "<Proxy> arguments are not supported for non url."},
		{"<ProxyMatch a b>\n</ProxyMatch>", 1, "Multiple <ProxyMatch> arguments not (yet) supported."},
		{"<ProxyMatch (>\n</ProxyMatch>", 1, "Regex could not be compiled"},
		{"<Proxy http://b timeout=0>\n</Proxy>", 1, "<Proxy Timeout must be at least one second timeout=0; http://b"},
		{"<Proxy http://b bogus=1>\n</Proxy>", 1, "<Proxy unknown Worker parameter bogus=1; http://b"},
		{"<Location /a>\n<Proxy *>\n</Proxy>\n</Location>", 2, "<Proxy not allowed in <Location> context"},
		{"<Proxy *>\nProxySet timeout=5\n</Proxy>", 2, "ProxySet URL must be absolute!: *"},
		{"<Proxy http://b>\nProxySet timeout=5 x\n</Proxy>", 2, "Invalid ProxySet parameter. Parameter must be in the form 'key=value'"},
		{"<Proxy http://b>\nProxySet timeout=0\n</Proxy>", 2, "ProxySet: Timeout must be at least one second timeout=0; http://b"},
		{"ProxySet http://b timeout=5", 1, "ProxySet can not find 'http://b' Worker."},
		{"ProxySet", 1, "ProxySet can not find '' Worker."},
		{"ProxyPass /b http://b/\n<VirtualHost *:80>\nProxySet http://b/ retry=1\n</VirtualHost>", 3, "ProxySet can not find 'http://b/' Worker."},
		// gohttpd refuses balancers, which httpd accepts without
		// mod_proxy_balancer and fails at request time.
		{"ProxyPass /a balancer://x", 1, "ProxyPass balancers (balancer://…, BalancerMember) need mod_proxy_balancer, which gohttpd does not implement"},
	}
	for _, tt := range tests {
		t.Run(tt.conf, func(t *testing.T) {
			_, err := loadProxy(t, tt.conf+"\n")
			if err == nil {
				t.Fatalf("loaded, want %q", tt.msg)
			}
			if line, msg := errorOf(t, err); line != tt.line+2 || msg != tt.msg {
				t.Errorf("error at line %d: %q; want line %d: %q", line-2, msg, tt.line, tt.msg)
			}
		})
	}
}

// These configs are accepted by httpd 2.4 too (apache2 -t).
func TestProxyAccepted(t *testing.T) {
	for _, conf := range []string{
		"ProxyPass /a !\nProxyPass /a ! retry=-1",
		"ProxyPass /a http://b retry=abc",
		"ProxyPass /a http://b:99999",
		"ProxyPass /a unix:/x|http://b",
		`ProxyPass "" http://b`,
		"ProxyPass /a http://b nocanon NOQUERY interpolate mapping=servlet",
		"ProxyPass /a http://b/ ping=500ms status=+H-D loadfactor=1 addressttl=5mi upgrade=any",
		"<Proxy>\n</Proxy>",
		"<Proxy >\n</Proxy>",
		"<Proxy http://b timeout=5>\n</Proxy>",
		"<Location /a>\nProxyPass http://c\nProxyPassReverse http://b INTERPOLATE\n</Location>",
		"<LocationMatch ^/a(.*)>\nProxyPass http://c$1\n</LocationMatch>",
		"<Proxy http://b>\nProxyPass http://c\n</Proxy>",
		"ProxyPass / http://b/\nProxySet http://b/x timeout=5",
		"ProxyPassReverse /a http://b foo",
		"<Directory /a>\nProxyPassReverseCookiePath /a /b\n</Directory>",
		"ProxyErrorOverride On 404abc",
		"ProxyErrorOverride on\nProxyErrorOverride 404",
		"ProxyTimeout 5s\nProxyIOBufferSize 0\nProxyMaxForwards x",
		"ProxyRemote * http://p:8080\nProxyRemote * http://p:-1",
		"ProxyBlock * a",
		"ProxySourceAddress 10.0.0.1",
		"<Location /a>\nProxyPassInterpolateEnv on\nProxyPreserveHost on\nProxyAddHeaders off\nProxy100Continue off\n</Location>",
	} {
		if _, err := loadProxy(t, conf+"\n"); err != nil {
			t.Errorf("%q: %v", conf, err)
		}
	}
}

// The registry recipe's proxy lines, as examples/registry/httpd.conf has
// them.
func TestProxyRegistryRecipe(t *testing.T) {
	cfg := mustLoadProxy(t, `
<VirtualHost *:5043>
  ProxyRequests     off
  ProxyPreserveHost on
  ProxyPass /error/ !
  ProxyPass        /v2 http://registry:5000/v2
  ProxyPassReverse /v2 http://registry:5000/v2
</VirtualHost>
`)
	vh := cfg.VirtualHosts[0]
	p := vh.Proxy
	if p.Requests == nil || *p.Requests {
		t.Errorf("ProxyRequests: %v", p.Requests)
	}
	if pre := vh.Dir.Proxy.PreserveHost; pre == nil || !*pre {
		t.Errorf("ProxyPreserveHost: %v", pre)
	}
	if len(p.Passes) != 2 {
		t.Fatalf("passes: %+v", p.Passes)
	}
	if r := p.Passes[0]; r.Path != "/error/" || !r.Exclude || r.URL != "" || r.Regex != nil {
		t.Errorf("exclusion: %+v", r)
	}
	r := p.Passes[1]
	want := ProxyURL{Scheme: "http", Host: "registry", Port: 5000, Path: "/v2"}
	if r.Path != "/v2" || r.Exclude || r.URL != "http://registry:5000/v2" || r.Backend != want || r.Line != 8 {
		t.Errorf("pass: %+v", r)
	}
	if len(p.Workers) != 1 || p.Workers[0].Name != "http://registry:5000/v2" || p.Workers[0].ProxyURL != want {
		t.Errorf("workers: %+v", p.Workers)
	}
	if w := p.FindWorker("http://registry:5000/v2/_catalog"); w != p.Workers[0] {
		t.Errorf("FindWorker: %+v", w)
	}
	rev := vh.Dir.Proxy.Reverse
	if len(rev) != 1 || rev[0] != (ProxyReverseRule{Path: "/v2", URL: "http://registry:5000/v2"}) {
		t.Errorf("reverse: %+v", rev)
	}
	if !reflect.DeepEqual(cfg.Main.Proxy.Passes, []ProxyPassRule(nil)) {
		t.Errorf("main server got the virtual host's rules: %+v", cfg.Main.Proxy.Passes)
	}
}

func TestProxyWorkers(t *testing.T) {
	cfg := mustLoadProxy(t, `
ProxyTimeout 7
ProxyPass /a http://B:80/x/ timeout=5 retry=0 keepalive=on
ProxyPass /b http://b/x/y retry=9
ProxyPass /c http://u:p@C:8080/z?q ping=500ms status=+H-d addressttl=5mi enablereuse=on
ProxyPass /d unix:run/app.sock|http://app/
ProxyPassMatch ^/e/(.*)$ http://e:$1/f
ProxyPass /g http://g/
`)
	p := cfg.Main.Proxy
	var names []string
	for _, w := range p.Workers {
		names = append(names, w.displayName())
	}
	root := cfg.ServerRoot
	want := []string{"http://b/x/", "http://u:p@c:8080/z?q", "unix:" + root + "/logs/run/app.sock|http://app/", "http://e$1/f", "http://g/"}
	if !reflect.DeepEqual(names, want) {
		t.Fatalf("workers %q, want %q", names, want)
	}
	a := p.Workers[0].Params
	if a.Timeout != 5*time.Second || a.Retry == nil || *a.Retry != 0 || a.KeepAlive == nil || !*a.KeepAlive {
		t.Errorf("first worker's params: %+v", a)
	}
	if g := p.Workers[4].Params; g.Timeout != 7*time.Second {
		t.Errorf("a worker takes ProxyTimeout as it is when defined: %v", g.Timeout)
	}
	// /b shares /a's worker: Apache ignores its parameters and says so.
	if len(cfg.Warnings) != 1 || cfg.Warnings[0].Msg != "AH01146: Ignoring parameter 'retry=9' for worker 'http://b/x/' because of worker sharing" {
		t.Errorf("warnings: %+v", cfg.Warnings)
	}
	if b := p.Passes[1]; b.Backend.Path != "/x/y" || len(b.Params) != 1 {
		t.Errorf("shared rule keeps its own URL and params: %+v", b)
	}
	c := p.Workers[1]
	if c.User != "u" || c.Pass != "p" || c.Port != 8080 || c.Query != "q" || c.Params.Ping != 500*time.Millisecond ||
		!reflect.DeepEqual(c.Params.Status, map[byte]bool{'H': true, 'D': false}) || *c.Params.AddressTTL != 300 || !c.ReusesConnections() {
		t.Errorf("worker c: %+v", c)
	}
	if d := p.Passes[3]; d.URL != "http://app/" || d.Backend.UDSPath != root+"/logs/run/app.sock" {
		t.Errorf("unix socket rule: %+v", d)
	}
	e := p.Workers[3]
	if !e.Match || e.AddressReusable || e.ReusesConnections() || e.Port != 80 || p.Passes[4].Regex == nil {
		t.Errorf("match worker: %+v", e)
	}
	for url, w := range map[string]*ProxyWorker{
		"http://b/x/z": p.Workers[0], "HTTP://B/x/": p.Workers[0], "http://b/y": nil,
		"http://e:8080/f/g": nil, "http://e123/f/g": p.Workers[3], "http://g/h": p.Workers[4],
	} {
		if got := p.FindWorker(url); got != w {
			t.Errorf("FindWorker(%q) = %v, want %v", url, got, w)
		}
	}
}

func TestProxyLocationAndMerge(t *testing.T) {
	cfg := mustLoadProxy(t, `
ProxyPass /main http://main/
ProxyPassReverseCookieDomain internal.example public.example
ProxyErrorOverride On 500
<VirtualHost *:80>
  ProxyPassInherit off
  BalancerInherit off
  ProxyPass /vh http://vh/
  ProxyErrorOverride On 404
  <Location /app>
    ProxyPass http://app/ retry=0
    ProxyPassReverse http://app/
    ProxyPreserveHost on
  </Location>
  <LocationMatch "^/re/(.*)">
    ProxyPass http://re/$1
  </LocationMatch>
</VirtualHost>
`)
	vh := cfg.VirtualHosts[0]
	var paths []string
	for _, r := range vh.Proxy.Passes {
		paths = append(paths, r.Path)
	}
	// httpd 2.4 keeps the main server's rules in a virtual host even with
	// ProxyPassInherit off (checked by proxying through it); only the
	// workers stay behind, and only when BalancerInherit is off too.
	if got := strings.Join(paths, " "); got != "/main /vh" {
		t.Errorf("virtual host rules %q", got)
	}
	var workers []string
	for _, w := range vh.Proxy.Workers {
		workers = append(workers, w.Name)
	}
	if got := strings.Join(workers, " "); got != "http://vh/ http://app/ http://re/$1" {
		t.Errorf("virtual host workers %q", got)
	}
	app := vh.Sections[0].Dir.Proxy
	if app.Pass == nil || app.Pass.Path != "/app" || app.Pass.URL != "http://app/" || app.Pass.Regex != nil {
		t.Errorf("<Location> rule: %+v", app.Pass)
	}
	if re := vh.Sections[1].Dir.Proxy.Pass; re == nil || re.Regex == nil || re.Path != "^/re/(.*)" {
		t.Errorf("<LocationMatch> rule with wildcards is a regex: %+v", re)
	}
	merged := app.merge(&vh.Dir.Proxy)
	if merged.Pass != app.Pass || *merged.PreserveHost != true || len(merged.Reverse) != 1 ||
		merged.Reverse[0] != (ProxyReverseRule{Path: "/app", URL: "http://app/"}) {
		t.Errorf("merged location: %+v", merged)
	}
	if !reflect.DeepEqual(vh.Dir.Proxy.ErrorOverrideCodes, []int{404, 500}) || len(vh.Dir.Proxy.CookieDomains) != 1 {
		t.Errorf("virtual host dir config: %+v", vh.Dir.Proxy)
	}
	if on := cfg.Main.Dir.Proxy.ErrorOverride; on == nil || !*on {
		t.Errorf("main ErrorOverride: %v", on)
	}
}

func TestProxySectionsAndSet(t *testing.T) {
	cfg := mustLoadProxy(t, headersModule+`
<Proxy "http://backend/" retry=3>
  ProxySet timeout=9
  ProxyPassReverse http://backend/
</Proxy>
<ProxyMatch http://(a|b)/>
  ProxySet connectiontimeout=2
</ProxyMatch>
<Proxy proxy:*>
  Header set X y
</Proxy>
ProxyPass /x http://backend/x
ProxySet http://backend/ lbset=4
`)
	s := cfg.Main.Sections
	if len(s) != 3 || s[0].Kind != ProxySection || s[0].Path != "http://backend/" || s[0].Regex != nil ||
		s[1].Kind != ProxySection || s[1].Regex == nil || s[2].Path != "*" || len(s[2].Dir.Headers.OnSuccess) != 1 {
		t.Fatalf("sections: %+v", s)
	}
	if r := s[0].Dir.Proxy.Reverse; len(r) != 1 || r[0].Path != "http://backend/" {
		t.Errorf("reverse rule in <Proxy> takes its path: %+v", r)
	}
	p := cfg.Main.Proxy
	if len(p.Workers) != 2 {
		t.Fatalf("workers: %+v", p.Workers)
	}
	backend, match := p.Workers[0], p.Workers[1]
	if backend.Name != "http://backend/" || backend.Params.Timeout != 9*time.Second || *backend.Params.Retry != 3*time.Second ||
		backend.Params.LBSet != 4 {
		t.Errorf("backend worker: %+v", backend.Params)
	}
	if match.Name != "http://(a|b)/" || !match.Match || match.Params.ConnectionTimeout != 2*time.Second {
		t.Errorf("ProxyMatch worker: %+v", match)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("ProxyPass shared the worker without parameters, no warning: %+v", cfg.Warnings)
	}
}

func TestProxyServerSettings(t *testing.T) {
	cfg := mustLoadProxy(t, `
ProxyTimeout 30
ProxyVia full
ProxyIOBufferSize 0
ProxyMaxForwards 5
ProxyRemote * http://Proxy.Example:3128 user:pw
ProxyRemoteMatch ^ftp:.* http://p
NoProxy .Example.com. 10.1 192.168.0.7 foo_bar 10.0.0.1/8
ProxyBlock evil.example EVIL.example
<VirtualHost *:80>
  ProxyTimeout 5
  ProxyBadHeader StartBody
  ProxyPassInherit off
  BalancerInherit off
</VirtualHost>
`)
	m := cfg.Main.Proxy
	if m.Timeout != 30*time.Second || m.Via != ProxyViaFull || m.EffectiveIOBufferSize() != DefaultProxyIOBufferSize ||
		m.EffectiveMaxForwards() != 5 {
		t.Errorf("main settings: %+v", m)
	}
	want := ProxyRemote{Match: "*", Protocol: "http", Host: "proxy.example", Port: 3128, Credentials: "Basic dXNlcjpwdw=="}
	if len(m.Remotes) != 2 || m.Remotes[0] != want || m.Remotes[1].Regex == nil || m.Remotes[1].Port != 80 {
		t.Errorf("remotes: %+v", m.Remotes)
	}
	var kinds []string
	for _, e := range m.NoProxy {
		n := e.Name
		if e.Net != nil {
			n = e.Net.String()
		}
		kinds = append(kinds, n+"="+itoa(int(e.Kind)))
	}
	if got := strings.Join(kinds, " "); got != ".example.com=1 10.1.0.0/16=0 192.168.0.7/32=0 foo_bar=3 10.0.0.0/8=0" {
		t.Errorf("NoProxy: %s", got)
	}
	if len(cfg.Warnings) != 3 || !strings.HasPrefix(cfg.Warnings[0].Msg, "AH00900: Warning: NetMask not supplied with IP-Addr; guessing: 10.1.0.0/16") ||
		cfg.Warnings[2].Msg != "AH00902:          Set to 10.0.0.0/8" {
		t.Errorf("warnings: %+v", cfg.Warnings)
	}
	if !reflect.DeepEqual(m.Blocks, []string{"evil.example"}) {
		t.Errorf("ProxyBlock: %q", m.Blocks)
	}
	vh := cfg.VirtualHosts[0].Proxy
	if vh.Timeout != 5*time.Second || vh.Via != ProxyViaFull || vh.BadHeader != BadHeaderStartBody ||
		len(vh.Remotes) != 0 || len(vh.NoProxy) != 5 || len(vh.Blocks) != 1 {
		t.Errorf("virtual host after merging: %+v", vh)
	}
}

func TestParseAPRURI(t *testing.T) {
	tests := []struct {
		in, name string // name is "" where APR fails
	}{
		{"http://u:p@B:8080/x?q#f", "http://u:p@B:8080/x?q#f"},
		{"http://[::1]:8080/", "http://[::1]:8080/"},
		{"http://b:80/", "http://b/"},
		{"http://b:/x", "http://b/x"},
		{"http://b?x", "http://b?x"},
		{"http://@b/", "http://@b/"},
		{"h+x.y-z://b/", "h+x.y-z://b/"},
		{"//b/x", "//b/x"},
		{"a:b", "a:b"},
		{"rel/x:y", "rel/x:y"},
		{"1a:b", ""},
		{"http://b:x", ""},
		{"http://[::1", ""},
	}
	for _, tt := range tests {
		u, ok := parseAPRURI(tt.in)
		if tt.name == "" {
			if ok {
				t.Errorf("parseAPRURI(%q) succeeded, APR fails", tt.in)
			}
			continue
		}
		if !ok || u.unparse() != tt.name {
			t.Errorf("parseAPRURI(%q) = %v; unparsed %q, want %q", tt.in, ok, u.unparse(), tt.name)
		}
	}
	if u, _ := parseAPRURI("http://b:99999/"); u.port != 99999%65536 {
		t.Errorf("port is cast to 16 bits as in APR: %d", u.port)
	}
}

// httpd 2.4 prints the worker-sharing warning for the main server only: a
// virtual host's log level is unset while the config is read.
func TestProxySharingWarningOnlyInMainServer(t *testing.T) {
	cfg := mustLoadProxy(t, `
<VirtualHost *:80>
  ProxyPass /a http://c/
  ProxyPass /b http://c/ retry=2
</VirtualHost>
`)
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings: %+v", cfg.Warnings)
	}
	if w := cfg.VirtualHosts[0].Proxy.Workers; len(w) != 1 || w[0].Params.Retry != nil {
		t.Errorf("the shared worker took the ignored parameter: %+v", w)
	}
}
