package directives

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/parser"
)

// ProxyServerConfig is mod_proxy's per-server config (Apache's
// proxy_server_conf): the ProxyPass rules given outside sections, the
// workers (backends and their connection parameters) and the server-wide
// proxy settings.
type ProxyServerConfig struct {
	// Requests is ProxyRequests (forward proxying); nil when not given: off.
	Requests *bool
	// Passes are the ProxyPass and ProxyPassMatch rules given outside
	// sections, in config order. At request time Apache tries the rule of
	// the request's <Location> (ProxyDirConfig.Pass) first, then these in
	// order; the first that matches decides, an exclusion ("!") included.
	// After merging, a virtual host's list is the main server's rules
	// followed by its own: Apache 2.4 appends them whatever
	// ProxyPassInherit says (checked with httpd 2.4: ProxyPassInherit Off
	// only stops the inheritance of workers and ProxyRemote).
	Passes []ProxyPassRule
	// Workers are the backends ProxyPass, <Proxy url params> and ProxySet
	// defined, in definition order (Apache's workers). At request time
	// Apache finds the worker of the final backend URL with FindWorker; a
	// URL no worker matches uses a default worker with the server's
	// settings (ProxyTimeout, ProxyIOBufferSize …).
	Workers []*ProxyWorker
	// Remotes are ProxyRemote and ProxyRemoteMatch, in order.
	Remotes []ProxyRemote
	// Blocks are the ProxyBlock words ("*" blocks everything): hosts,
	// domains or parts of names the proxy refuses to connect to. Apache
	// resolves each to addresses at start and refuses those too.
	Blocks []string
	// NoProxy are the NoProxy entries: hosts reached directly, never
	// through a ProxyRemote.
	NoProxy []NoProxyEntry
	// Domain is ProxyDomain (starting with '.'), or "".
	Domain string
	// Via is ProxyVia; ProxyViaUnset means off.
	Via ProxyVia
	// Timeout is ProxyTimeout; zero when not given, and then the core's
	// Timeout applies.
	Timeout time.Duration
	// BadHeader is ProxyBadHeader; BadHeaderUnset means IsError.
	BadHeader ProxyBadHeader
	// IOBufferSize is ProxyIOBufferSize in bytes (0 given means the
	// default, stored as DefaultProxyIOBufferSize); nil when not given.
	IOBufferSize *int64
	// ReceiveBufferSize is ProxyReceiveBufferSize in bytes, 0 for the
	// system's; nil when not given.
	ReceiveBufferSize *int
	// MaxForwards is ProxyMaxForwards; nil when not given: -1, which adds
	// no Max-Forwards header the client did not send.
	MaxForwards *int64
	// Status is ProxyStatus (what mod_status shows); ProxyStatusUnset is off.
	Status ProxyStatusOption
	// SourceAddress is ProxySourceAddress: the local address to connect
	// from, or "".
	SourceAddress string
	// PassInherit is ProxyPassInherit; nil when not given: on.
	PassInherit *bool
	// BalancerInherit is BalancerInherit; nil when not given: on.
	BalancerInherit *bool
	// BalancerGrowth is BalancerGrowth; nil when not given: 5.
	BalancerGrowth *int
	// BalancerPersist is BalancerPersist; a virtual host does not inherit it.
	BalancerPersist bool
}

// DefaultProxyIOBufferSize is the I/O buffer size when none is set (Apache's
// AP_IOBUFSIZE).
const DefaultProxyIOBufferSize = 8192

// EffectiveIOBufferSize is the I/O buffer size in effect.
func (s *ProxyServerConfig) EffectiveIOBufferSize() int64 {
	if s.IOBufferSize == nil {
		return DefaultProxyIOBufferSize
	}
	return *s.IOBufferSize
}

// EffectiveMaxForwards is the Max-Forwards setting in effect: -1 means
// Apache adds none the client did not send.
func (s *ProxyServerConfig) EffectiveMaxForwards() int64 {
	if s.MaxForwards == nil {
		return -1
	}
	return *s.MaxForwards
}

// mergeServer fills what a virtual host left unset from the main server, as
// Apache's merge_proxy_config: lists are the main server's then the host's,
// workers and remote proxies only while inheritance is on.
func (s *ProxyServerConfig) mergeServer(main *ProxyServerConfig) {
	ppInherit := proxyBoolOr(s.PassInherit, main.PassInherit, true)
	balInherit := proxyBoolOr(s.BalancerInherit, main.BalancerInherit, true)
	s.PassInherit = proxyOr(s.PassInherit, main.PassInherit)
	s.BalancerInherit = proxyOr(s.BalancerInherit, main.BalancerInherit)
	if ppInherit {
		s.Remotes = slices.Concat(main.Remotes, s.Remotes)
	}
	if ppInherit || balInherit {
		s.Workers = slices.Concat(main.Workers, s.Workers)
	}
	s.Passes = slices.Concat(main.Passes, s.Passes)
	s.Blocks = slices.Concat(main.Blocks, s.Blocks)
	s.NoProxy = slices.Concat(main.NoProxy, s.NoProxy)
	s.Requests = proxyOr(s.Requests, main.Requests)
	if s.Domain == "" {
		s.Domain = main.Domain
	}
	if s.Via == ProxyViaUnset {
		s.Via = main.Via
	}
	if s.Timeout == 0 {
		s.Timeout = main.Timeout
	}
	if s.BadHeader == BadHeaderUnset {
		s.BadHeader = main.BadHeader
	}
	if s.Status == ProxyStatusUnset {
		s.Status = main.Status
	}
	if s.SourceAddress == "" {
		s.SourceAddress = main.SourceAddress
	}
	s.IOBufferSize = proxyOr(s.IOBufferSize, main.IOBufferSize)
	s.ReceiveBufferSize = proxyOr(s.ReceiveBufferSize, main.ReceiveBufferSize)
	s.MaxForwards = proxyOr(s.MaxForwards, main.MaxForwards)
	s.BalancerGrowth = proxyOr(s.BalancerGrowth, main.BalancerGrowth)
}

// ProxyDirConfig is mod_proxy's per-directory config (Apache's
// proxy_dir_conf): what applies in a <Location> or <Proxy> section.
type ProxyDirConfig struct {
	// Pass is the ProxyPass or ProxyPassMatch given inside a <Location>
	// (or <Proxy>) section, whose path is the section's: Apache keeps one
	// per section, the last given, and tries it before the server's rules.
	Pass *ProxyPassRule
	// Reverse are the ProxyPassReverse rules, parent's first.
	Reverse []ProxyReverseRule
	// CookiePaths and CookieDomains are ProxyPassReverseCookiePath and
	// ProxyPassReverseCookieDomain, parent's first.
	CookiePaths   []ProxyCookieRule
	CookieDomains []ProxyCookieRule
	// ErrorOverride is ProxyErrorOverride On/Off; nil when not given: off.
	ErrorOverride *bool
	// ErrorOverrideCodes are the status codes ProxyErrorOverride On names,
	// sorted; empty means every error status (400-599).
	ErrorOverrideCodes []int
	// PreserveHost is ProxyPreserveHost; nil when not given: off.
	PreserveHost *bool
	// InterpolateEnv is ProxyPassInterpolateEnv; nil when not given: off.
	InterpolateEnv *bool
	// AddHeaders is ProxyAddHeaders (X-Forwarded-*); nil when not given: on.
	AddHeaders *bool
	// Continue100 is Proxy100Continue; nil when not given: on.
	Continue100 *bool
}

// merge returns what applies in d's section inside parent's, as Apache's
// merge_proxy_dir_config.
func (d *ProxyDirConfig) merge(parent *ProxyDirConfig) ProxyDirConfig {
	m := ProxyDirConfig{
		Pass:               d.Pass,
		Reverse:            slices.Concat(parent.Reverse, d.Reverse),
		CookiePaths:        slices.Concat(parent.CookiePaths, d.CookiePaths),
		CookieDomains:      slices.Concat(parent.CookieDomains, d.CookieDomains),
		ErrorOverrideCodes: slices.Concat(parent.ErrorOverrideCodes, d.ErrorOverrideCodes),
		ErrorOverride:      proxyOr(d.ErrorOverride, parent.ErrorOverride),
		PreserveHost:       proxyOr(d.PreserveHost, parent.PreserveHost),
		InterpolateEnv:     proxyOr(d.InterpolateEnv, parent.InterpolateEnv),
		AddHeaders:         proxyOr(d.AddHeaders, parent.AddHeaders),
		Continue100:        proxyOr(d.Continue100, parent.Continue100),
	}
	if m.Pass == nil {
		m.Pass = parent.Pass
	}
	slices.Sort(m.ErrorOverrideCodes)
	return m
}

// ProxyPassRule is one ProxyPass or ProxyPassMatch (Apache's proxy_alias).
type ProxyPassRule struct {
	// Path is the local path the rule maps: a URL-path prefix, or the
	// regex when Regex is set. Inside a <Location> it is the section's path.
	Path string
	// Regex is set for ProxyPassMatch, "ProxyPass ~", and a <Location>
	// rule whose path has wildcards (* ? [..]), which Apache then compiles
	// as a regex; the URL's $1… take its groups.
	Regex *regexp.Regexp
	// Exclude is set for "!": a matching request is not proxied.
	Exclude bool
	// URL is the backend URL as given, after any "unix:/path|" prefix (the
	// socket is the worker's); a prefix rule appends the rest of the
	// request's path to it. Empty when Exclude.
	URL string
	// Backend is URL parsed as Apache defines its worker (scheme and host
	// lower-cased, the scheme's port when none is given); a ProxyPassMatch
	// URL keeps its $N references in Host or Path.
	Backend ProxyURL
	// NoCanon, Interpolate and NoQuery are the keywords of that name.
	NoCanon, Interpolate, NoQuery bool
	// Mapping is the mapping= key: "", "encoded" (the rule is matched
	// against the path still %-encoded, before any other translation) or
	// "servlet" (encoded, and the path normalized as servlet containers do:
	// ";parameters" dropped, "." and ".." segments resolved).
	Mapping string
	// Params are the key=value parameters as given (a repeated key keeps
	// its first place and its last value). They were applied to the worker
	// this rule defined; a rule sharing an existing worker had them
	// ignored, with Apache's warning.
	Params []ProxyParam
	File   string
	Line   int
}

// ProxyParam is one key=value parameter of ProxyPass, ProxySet or <Proxy>.
type ProxyParam struct{ Key, Value string }

// ProxyURL is a backend URL parsed as mod_proxy parses it (apr_uri_parse).
type ProxyURL struct {
	Scheme string // lower-cased
	User   string // user and password given as user:password@
	Pass   string
	Host   string // lower-cased, without IPv6 brackets
	Port   int    // as given, else the scheme's default (0 when unknown)
	Path   string
	Query  string
	// UDSPath is the Unix socket of a "unix:/path|http://…" URL, relative
	// paths resolved in the runtime directory (ServerRoot/logs).
	UDSPath string
}

// ProxyReverseRule is one ProxyPassReverse: response headers naming URL
// (Location, Content-Location, URI, and Destination) are rewritten to Path.
type ProxyReverseRule struct {
	Path        string // the local path; inside a <Location>, the section's
	URL         string // the backend URL prefix
	Interpolate bool   // a third word was given: ${VAR} from the environment
}

// ProxyCookieRule is one ProxyPassReverseCookiePath or
// ProxyPassReverseCookieDomain: Set-Cookie's path= or domain= Internal is
// rewritten to Public.
type ProxyCookieRule struct {
	Internal, Public string
	Interpolate      bool // a third word was given
}

// ProxyWorker is a backend with its connection parameters (Apache's
// proxy_worker), defined by ProxyPass, or by <Proxy url params> or ProxySet
// inside <Proxy>.
type ProxyWorker struct {
	// Name is the backend URL normalized as Apache names the worker:
	// scheme and host lower-cased, the scheme's default port dropped.
	Name string
	ProxyURL
	// Match marks a worker of ProxyPassMatch or <ProxyMatch>: "$N" in its
	// Name matches any text when finding the worker of a URL.
	Match bool
	// AddressReusable is false when the host or port holds a $N reference,
	// so each request resolves and connects anew.
	AddressReusable bool
	Params          ProxyWorkerParams
	File            string // where it was defined
	Line            int
}

// ReusesConnections reports whether connections to the backend are kept for
// reuse, as Apache decides from enablereuse/disablereuse and the name.
func (w *ProxyWorker) ReusesConnections() bool {
	switch {
	case !w.AddressReusable:
		return false
	case w.Params.DisableReuse != nil:
		return !*w.Params.DisableReuse
	}
	return !(w.Match && strings.Contains(w.Name, "$"))
}

// ProxyWorkerParams are a worker's parameters (Apache's set_worker_param).
// Zero durations and nil pointers are unset: the server's settings or
// Apache's defaults apply.
type ProxyWorkerParams struct {
	LoadFactor        int            // loadfactor in hundredths (100-10000); 0: 100
	Retry             *time.Duration // retry; nil: 60s
	TTL               time.Duration  // ttl
	Min               int            // min
	Max               int            // max; 0: the MPM's threads per child
	SMax              *int           // smax; nil: max
	Acquire           time.Duration  // acquire
	Timeout           time.Duration  // timeout, or the server's ProxyTimeout when the worker was defined
	ConnectionTimeout time.Duration  // connectiontimeout
	Ping              time.Duration  // ping
	IOBufferSize      *int64         // iobuffersize, or the server's when defined
	ReceiveBufferSize *int           // receivebuffersize, or the server's when defined
	ResponseFieldSize *int64         // responsefieldsize; nil: 8192
	KeepAlive         *bool          // keepalive
	DisableReuse      *bool          // disablereuse, or the opposite of enablereuse
	AddressTTL        *int           // addressttl in seconds, -1 for ever
	Route, Redirect   string         // route, redirect
	// Status holds each status flag (letters of Apache's worker status,
	// upper-cased) the status= parameter set (true) or cleared (false).
	Status       map[byte]bool
	FlushPackets ProxyFlush    // flushpackets
	FlushWait    time.Duration // flushwait; 0: 10ms
	LBSet        int           // lbset
	Flusher      string        // flusher
	Upgrade      string        // upgrade ("ANY" given is "*")
	Secret       string        // secret
}

// ProxyRemote is one ProxyRemote or ProxyRemoteMatch: requests for Match go
// through the proxy at Protocol://Host:Port.
type ProxyRemote struct {
	// Match is a scheme (lower-cased), a URL prefix, or "*"; for
	// ProxyRemoteMatch the regex, compiled in Regex.
	Match    string
	Regex    *regexp.Regexp
	Protocol string
	Host     string // lower-cased; as Apache, anything up to the port is kept
	Port     int
	// Credentials is the Proxy-Authorization value ("Basic …") for the
	// third argument, or "".
	Credentials string
}

// NoProxyEntry is one NoProxy word, classified as Apache does at start.
type NoProxyEntry struct {
	Name string
	Kind NoProxyKind
	// Net is the network of a NoProxyIP entry.
	Net *net.IPNet
}

// NoProxyKind says how a NoProxy entry matches a host.
type NoProxyKind int

// The NoProxy entry kinds, in the order Apache tries them.
const (
	NoProxyIP     NoProxyKind = iota // an IPv4 address or network: matches the host's addresses
	NoProxyDomain                    // ".example.com": matches hosts in the domain
	NoProxyHost                      // a resolvable host name: matches that name
	NoProxyWord                      // anything else: matches hosts whose name contains it
)

// ProxyVia is ProxyVia's setting.
type ProxyVia int

// The ProxyVia settings; ProxyViaUnset is off.
const (
	ProxyViaUnset ProxyVia = iota
	ProxyViaOff
	ProxyViaOn
	ProxyViaFull
	ProxyViaBlock
)

// ProxyBadHeader is ProxyBadHeader's setting.
type ProxyBadHeader int

// The ProxyBadHeader settings; BadHeaderUnset is IsError.
const (
	BadHeaderUnset ProxyBadHeader = iota
	BadHeaderIsError
	BadHeaderIgnore
	BadHeaderStartBody
)

// ProxyStatusOption is ProxyStatus's setting.
type ProxyStatusOption int

// The ProxyStatus settings; ProxyStatusUnset is off.
const (
	ProxyStatusUnset ProxyStatusOption = iota
	ProxyStatusOff
	ProxyStatusOn
	ProxyStatusFull
)

// ProxyFlush is a worker's flushpackets setting.
type ProxyFlush int

// The flushpackets settings; FlushOff is the default.
const (
	FlushOff ProxyFlush = iota
	FlushOn
	FlushAuto
)

func init() {
	register(&Module{Name: "proxy_module", Source: "mod_proxy.c", Commands: proxyCommands})
	// mod_proxy_http has no directives of its own: it is the handler of
	// http:// and https:// backends.
	register(&Module{Name: "proxy_http_module", Source: "mod_proxy_http.c"})
}

const (
	proxyPassUsage     = "a virtual path and a URL"
	proxySectionUsage  = "Container for directives affecting resources located in the proxied location"
	proxyNotBalancable = "balancers (balancer://…, BalancerMember) need mod_proxy_balancer, which gohttpd does not implement"
)

// proxyCommands is mod_proxy's table, as Apache's proxy_cmds.
var proxyCommands = []*Command{
	{Name: "<Proxy", How: RawArgs, Where: RsrcConf, Run: proxySection(false), Usage: proxySectionUsage},
	{Name: "<ProxyMatch", How: RawArgs, Where: RsrcConf, Run: proxySection(true),
		Usage: proxySectionUsage + ", in regular expression syntax"},
	{Name: "ProxyRequests", How: Flag, Where: RsrcConf, Run: proxyServerFlag(func(s *ProxyServerConfig) **bool { return &s.Requests }),
		Usage: "on if the true proxy requests should be accepted"},
	{Name: "ProxyRemote", How: Take23, Where: RsrcConf, Run: proxyRemote(false),
		Usage: "a scheme, partial URL or '*' and a proxy server"},
	{Name: "ProxyRemoteMatch", How: Take23, Where: RsrcConf, Run: proxyRemote(true),
		Usage: "a regex pattern and a proxy server"},
	{Name: "ProxyPassInterpolateEnv", How: Flag, Where: RsrcConf | AccessConf,
		Run: proxyDirFlag(func(d *ProxyDirConfig) **bool { return &d.InterpolateEnv }), Usage: "Interpolate Env Vars in reverse Proxy"},
	{Name: "ProxyPass", How: RawArgs, Where: RsrcConf | AccessConf, Run: proxyPass(false), Usage: proxyPassUsage},
	{Name: "ProxyPassMatch", How: RawArgs, Where: RsrcConf | AccessConf, Run: proxyPass(true), Usage: proxyPassUsage},
	{Name: "ProxyPassReverse", How: Take123, Where: RsrcConf | AccessConf, Run: proxyPassReverse,
		Usage: "a virtual path and a URL for reverse proxy behaviour"},
	{Name: "ProxyPassReverseCookiePath", How: Take23, Where: RsrcConf | AccessConf,
		Run: proxyCookie(func(d *ProxyDirConfig) *[]ProxyCookieRule { return &d.CookiePaths }), Usage: "Path rewrite rule for proxying cookies"},
	{Name: "ProxyPassReverseCookieDomain", How: Take23, Where: RsrcConf | AccessConf,
		Run: proxyCookie(func(d *ProxyDirConfig) *[]ProxyCookieRule { return &d.CookieDomains }), Usage: "Domain rewrite rule for proxying cookies"},
	{Name: "ProxyBlock", How: Iterate, Where: RsrcConf, Run: proxyBlock,
		Usage: "A list of names, hosts or domains to which the proxy will not connect"},
	{Name: "ProxyReceiveBufferSize", How: Take1, Where: RsrcConf, Run: proxyReceiveBufferSize,
		Usage: "Receive buffer size for outgoing HTTP and FTP connections in bytes"},
	{Name: "ProxyIOBufferSize", How: Take1, Where: RsrcConf, Run: proxyIOBufferSize,
		Usage: "IO buffer size for outgoing HTTP and FTP connections in bytes"},
	{Name: "ProxyMaxForwards", How: Take1, Where: RsrcConf, Run: proxyMaxForwards,
		Usage: "The maximum number of proxies a request may be forwarded through."},
	{Name: "NoProxy", How: Iterate, Where: RsrcConf, Run: proxyNoProxy,
		Usage: "A list of domains, hosts, or subnets to which the proxy will connect directly"},
	{Name: "ProxyDomain", How: Take1, Where: RsrcConf, Run: proxyDomain,
		Usage: "The default intranet domain name (in absence of a domain in the URL)"},
	{Name: "ProxyVia", How: Take1, Where: RsrcConf, Run: proxyVia,
		Usage: "Configure Via: proxy header header to one of: on | off | block | full"},
	{Name: "ProxyErrorOverride", How: Iterate, Where: RsrcConf | AccessConf, Run: proxyErrorOverride,
		Usage: "use our error handling pages instead of the servers' we are proxying"},
	{Name: "ProxyPreserveHost", How: Flag, Where: RsrcConf | AccessConf,
		Run: proxyDirFlag(func(d *ProxyDirConfig) **bool { return &d.PreserveHost }), Usage: "on if we should preserve host header while proxying"},
	{Name: "ProxyTimeout", How: Take1, Where: RsrcConf, Run: proxyTimeout,
		Usage: "Set the timeout (in seconds) for a proxied connection. This overrides the server timeout"},
	{Name: "ProxyBadHeader", How: Take1, Where: RsrcConf, Run: proxyBadHeader,
		Usage: "How to handle bad header line in response: IsError | Ignore | StartBody"},
	{Name: "BalancerMember", How: RawArgs, Where: RsrcConf | AccessConf, Run: proxyBalancerMember,
		Usage: "A balancer name and scheme with list of params"},
	{Name: "BalancerGrowth", How: Take1, Where: RsrcConf, Run: proxyBalancerGrowth,
		Usage: "Number of additional Balancers that can be added post-config"},
	{Name: "BalancerPersist", How: Flag, Where: RsrcConf, Run: proxyBalancerPersist,
		Usage: "on if the balancer should persist changes on reboot/restart made via the Balancer Manager"},
	{Name: "BalancerInherit", How: Flag, Where: RsrcConf, Run: proxyServerFlag(func(s *ProxyServerConfig) **bool { return &s.BalancerInherit }),
		Usage: "on if this server should inherit Balancers and Workers defined in the main server (Setting to off recommended if using the Balancer Manager)"},
	{Name: "ProxyPassInherit", How: Flag, Where: RsrcConf, Run: proxyServerFlag(func(s *ProxyServerConfig) **bool { return &s.PassInherit }),
		Usage: "on if this server should inherit all ProxyPass directives defined in the main server (Setting to off recommended if using the Balancer Manager)"},
	{Name: "ProxyStatus", How: Take1, Where: RsrcConf, Run: proxyStatus,
		Usage: "Configure Status: proxy status to one of: on | off | full"},
	{Name: "ProxySet", How: RawArgs, Where: RsrcConf | AccessConf, Run: proxySet,
		Usage: "A balancer or worker name with list of params"},
	{Name: "ProxySourceAddress", How: Take1, Where: RsrcConf, Run: proxySourceAddress,
		Usage: "Configure local source IP used for request forward"},
	{Name: "ProxyAddHeaders", How: Flag, Where: RsrcConf | AccessConf,
		Run: proxyDirFlag(func(d *ProxyDirConfig) **bool { return &d.AddHeaders }), Usage: "on if X-Forwarded-* headers should be added or completed"},
	{Name: "Proxy100Continue", How: Flag, Where: RsrcConf | AccessConf,
		Run:   proxyDirFlag(func(d *ProxyDirConfig) **bool { return &d.Continue100 }),
		Usage: "on if 100-Continue should be forwarded to the origin server, off if the proxy should handle it by itself"},
}

// proxyNotIn is where ProxyPass and ProxyPassReverse may not be: Apache
// asks for NOT_IN_DIRECTORY|NOT_IN_FILES, and its ap_check_cmd_context
// refuses <Limit> for any of the NOT_IN_DIR_CONTEXT bits (checked with httpd
// 2.4: "ProxyPass cannot occur within <Limit> or <LimitExcept> section").
const proxyNotIn = NotInDirectory | NotInFiles | NotInLimit

// proxyCmdPath is Apache's cmd->path for mod_proxy: the path of the
// enclosing <Location> or <Proxy> section, and whether there is one.
func proxyCmdPath(c *Cmd) (string, bool) {
	if c.Section == nil {
		return "", false
	}
	return c.Section.Path, true
}

// proxyPass handles ProxyPass and ProxyPassMatch as Apache's add_pass: the
// words are read one by one, then the rule is stored in the section or the
// server, then its worker is found or defined and given the parameters.
func proxyPass(regex bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(proxyNotIn); err != nil {
			return err
		}
		path, inSection := proxyCmdPath(c)
		rule, raw, match, err := parseProxyPass(args[0], path, inSection, regex)
		if err != nil {
			return err
		}
		rule.File, rule.Line = c.Directive.File, c.Directive.Line
		if inSection && fnmatchTest(rule.Path) {
			match = true
		}
		if match {
			if rule.Regex, err = regexp.Compile(rule.Path); err != nil {
				return errors.New("Regular expression could not be compiled.")
			}
		}
		if !rule.Exclude {
			if err := proxyPassWorker(c, &rule, raw, match); err != nil {
				return err
			}
		}
		if inSection {
			c.Dir.Proxy.Pass = &rule
		} else {
			c.Server.Proxy.Passes = append(c.Server.Proxy.Passes, rule)
		}
		return nil
	}
}

// parseProxyPass reads ProxyPass's words: [~] path url [keywords]
// [key=value…], the path being the section's inside one. It returns the
// rule, the URL as written (with any "unix:" part) and whether the path is
// a regex.
func parseProxyPass(raw, path string, inSection, regex bool) (ProxyPassRule, string, bool, error) {
	rule := ProxyPassRule{Path: path}
	hasPath, hasURL, match := inSection, false, regex
	for raw != "" {
		var word string
		word, raw = parser.FirstWord(raw)
		switch {
		case !hasPath:
			if word == "~" {
				if regex {
					return rule, "", match, errors.New("ProxyPassMatch invalid syntax ('~' usage).")
				}
				match = true
				continue
			}
			rule.Path, hasPath = word, true
		case !hasURL:
			rule.URL, hasURL = word, true
		case strings.EqualFold(word, "nocanon"):
			rule.NoCanon = true
		case strings.EqualFold(word, "interpolate"):
			rule.Interpolate = true
		case strings.EqualFold(word, "noquery"):
			rule.NoQuery = true
		default:
			if err := rule.addParam(word, inSection); err != nil {
				return rule, "", match, err
			}
		}
	}
	if !hasURL {
		return rule, "", match, errors.New("ProxyPass|ProxyPassMatch needs a path when not defined in a location")
	}
	real, ok := proxyDeSocketfy(rule.URL)
	if !ok {
		return rule, "", match, errors.New(`ProxyPass|ProxyPassMatch uses an invalid "unix:" URL`)
	}
	written := rule.URL
	rule.Exclude = written == "!"
	rule.URL = real
	if rule.Exclude {
		rule.URL, rule.Params = "", nil
	}
	return rule, written, match, nil
}

// addParam adds a key=value word (or the mapping= key) to the rule.
func (rule *ProxyPassRule) addParam(word string, inSection bool) error {
	key, val, ok := strings.Cut(word, "=")
	if !ok {
		if inSection && strings.HasPrefix(rule.URL, "/") {
			return errors.New("ProxyPass|ProxyPassMatch can not have a path when defined in a location.")
		}
		return errors.New("Invalid ProxyPass|ProxyPassMatch parameter. Parameter must be in the form 'key=value'.")
	}
	if !strings.EqualFold(key, "mapping") {
		rule.Params = setProxyParam(rule.Params, key, val)
		return nil
	}
	switch strings.ToLower(val) {
	case "encoded", "servlet":
		rule.Mapping = strings.ToLower(val)
		return nil
	}
	return errors.New("unknown mapping")
}

// setProxyParam sets key in params as apr_table_setn does: a key already
// there (in any case) keeps its place and takes the new value.
func setProxyParam(params []ProxyParam, key, val string) []ProxyParam {
	i := slices.IndexFunc(params, func(p ProxyParam) bool { return strings.EqualFold(p.Key, key) })
	if i < 0 {
		return append(params, ProxyParam{key, val})
	}
	params[i].Value = val
	return params
}

// proxyPassWorker finds the worker of a ProxyPass URL or defines it with
// the rule's parameters; a shared worker keeps its own, as in Apache.
func proxyPassWorker(c *Cmd, rule *ProxyPassRule, written string, match bool) error {
	conf := &c.Server.Proxy
	if proxyIsBalancer(rule.URL) {
		return errors.New("ProxyPass " + proxyNotBalancable)
	}
	kind := workerPrefix
	if match {
		kind = workerMatch
	}
	w := conf.findWorker(rule.URL, kind)
	if w != nil {
		rule.Backend = w.ProxyURL
		if own, err := newProxyWorker(c, written, kind); err == nil {
			rule.Backend = own.ProxyURL
		}
		// Apache logs this for the main server only: while it reads, a
		// virtual host's log level is unset and its messages are dropped.
		for _, p := range rule.Params {
			if !c.Server.Virtual {
				c.Warn("AH01146: Ignoring parameter '%s=%s' for worker '%s' because of worker sharing", p.Key, p.Value, w.displayName())
			}
		}
		return nil
	}
	w, err := defineProxyWorker(c, written, kind)
	if err != nil {
		return errors.New("ProxyPass " + err.Error())
	}
	// As PROXY_COPY_CONF_PARAMS: the server's settings at this point.
	w.Params.Timeout = conf.Timeout
	w.Params.IOBufferSize = conf.IOBufferSize
	w.Params.ReceiveBufferSize = conf.ReceiveBufferSize
	for _, p := range rule.Params {
		if err := w.Params.set(c, p.Key, p.Value); err != nil {
			return errors.New("ProxyPass " + err.Error())
		}
	}
	rule.Backend = w.ProxyURL
	return nil
}

// proxyPassReverse handles ProxyPassReverse as Apache's add_pass_reverse:
// "path url [interpolate]", or inside a section "url [interpolate]".
func proxyPassReverse(c *Cmd, args []string) error {
	if err := c.Check(proxyNotIn); err != nil {
		return err
	}
	path, inSection := proxyCmdPath(c)
	var rule ProxyReverseRule
	switch {
	case !inSection:
		if len(args) < 2 || strings.EqualFold(args[1], "interpolate") {
			return errors.New("ProxyPassReverse needs a path when not defined in a location")
		}
		rule = ProxyReverseRule{Path: args[0], URL: args[1], Interpolate: len(args) > 2}
	default:
		if len(args) > 1 && !strings.EqualFold(args[1], "interpolate") {
			return errors.New("ProxyPassReverse can not have a path when defined in a location")
		}
		rule = ProxyReverseRule{Path: path, URL: args[0], Interpolate: len(args) > 1}
	}
	c.Dir.Proxy.Reverse = append(c.Dir.Proxy.Reverse, rule)
	return nil
}

// proxyCookie handles ProxyPassReverseCookiePath and …CookieDomain: any
// third word turns interpolation on, as in Apache.
func proxyCookie(list func(*ProxyDirConfig) *[]ProxyCookieRule) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		l := list(&c.Dir.Proxy)
		*l = append(*l, ProxyCookieRule{Internal: args[0], Public: args[1], Interpolate: len(args) > 2})
		return nil
	}
}

// proxyServerFlag and proxyDirFlag set an On/Off field of the server's or
// the section's config.
func proxyServerFlag(field func(*ProxyServerConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		on := args[0] == "on"
		*field(&c.Server.Proxy) = &on
		return nil
	}
}

func proxyDirFlag(field func(*ProxyDirConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		on := args[0] == "on"
		*field(&c.Dir.Proxy) = &on
		return nil
	}
}

// proxySection handles <Proxy> and <ProxyMatch> as Apache's proxysection:
// the body fills a section of its own, matched against the backend URL;
// key=value words after a URL define or tune that URL's worker.
func proxySection(match bool) func(c *Cmd, _ []string) error {
	return func(c *Cmd, _ []string) error {
		if err := c.Check(NotInDirContext); err != nil {
			return err
		}
		raw, ok := c.Directive.SectionArgs()
		if !ok {
			return errors.New(c.Command.Name + "> directive missing closing '>'")
		}
		path, rest := parser.FirstWord(raw)
		if len(path) >= 6 && strings.EqualFold(path[:6], "proxy:") {
			path = path[6:]
		}
		s := &Section{Kind: ProxySection, Path: path, File: c.Directive.File, Line: c.Directive.Line, Dir: &DirConfig{}}
		if match {
			re, err := regexp.Compile(path)
			if err != nil {
				return errors.New("Regex could not be compiled")
			}
			s.Regex = re
		}
		if err := c.Walk(c.Directive.Children, c.Server, s.Dir, s, c.Limit, OrAll|AccessConf|ProxyConf); err != nil {
			return err
		}
		c.Server.Sections = append(c.Server.Sections, s)
		if rest == "" {
			return nil
		}
		return proxySectionWorker(c, path, rest, match)
	}
}

// proxySectionWorker applies the parameters of <Proxy url key=value…> to
// the worker of url, defining it if need be.
func proxySectionWorker(c *Cmd, path, rest string, match bool) error {
	name := c.Command.Name
	switch {
	case match:
		return errors.New("Multiple <ProxyMatch> arguments not (yet) supported.")
	case fnmatchTest(path):
		return errors.New(name + "> arguments are not supported for wildchar url.")
	case !strings.Contains(path, ":"):
		return errors.New(name + "> arguments are not supported for non url.")
	case proxyIsBalancer(path):
		return errors.New(name + " " + proxyNotBalancable)
	}
	real, ok := proxyDeSocketfy(path)
	if !ok {
		return errors.New(`<Proxy/ProxyMatch > uses an invalid "unix:" URL`)
	}
	w := c.Server.Proxy.findWorker(real, workerPrefix)
	if w == nil {
		var err error
		if w, err = defineProxyWorker(c, path, workerPrefix); err != nil {
			return errors.New(name + " " + err.Error())
		}
	}
	for rest != "" {
		var word string
		word, rest = parser.FirstWord(rest)
		key, val, ok := strings.Cut(word, "=")
		if !ok {
			return errors.New("Invalid Proxy parameter. Parameter must be in the form 'key=value'")
		}
		if err := w.Params.set(c, key, val); err != nil {
			return fmt.Errorf("%s %v %s=%s; %s", name, err, key, val, path)
		}
	}
	return nil
}

// proxySet handles ProxySet as Apache's set_proxy_param: inside <Proxy> the
// worker is the section's (defined if need be), elsewhere the first word
// names an existing one.
func proxySet(c *Cmd, args []string) error {
	rest := args[0]
	var name string
	kind, inSection := workerAny, false
	if p := c.Directive.Parent; p != nil && len(p.Name) >= 6 && strings.EqualFold(p.Name[:6], "<Proxy") {
		name, _ = parser.FirstWord(p.Args)
		name, _, _ = strings.Cut(name, ">")
		kind, inSection = workerPrefix, true
		if len(p.Name) >= 11 && strings.EqualFold(p.Name[6:11], "Match") {
			kind = workerMatch
		}
	} else {
		name, rest = parser.FirstWord(rest)
	}
	if proxyIsBalancer(name) {
		return errors.New("ProxySet " + proxyNotBalancable)
	}
	real, ok := proxyDeSocketfy(name)
	if !ok {
		return errors.New(`ProxySet uses an invalid "unix:" URL`)
	}
	w := c.Server.Proxy.findWorker(real, kind)
	if w == nil {
		if !inSection {
			return errors.New("ProxySet can not find '" + name + "' Worker.")
		}
		var err error
		if w, err = defineProxyWorker(c, name, kind); err != nil {
			return errors.New("ProxySet " + err.Error())
		}
	}
	for rest != "" {
		var word string
		word, rest = parser.FirstWord(rest)
		key, val, ok := strings.Cut(word, "=")
		if !ok {
			return errors.New("Invalid ProxySet parameter. Parameter must be in the form 'key=value'")
		}
		if err := w.Params.set(c, key, val); err != nil {
			return fmt.Errorf("ProxySet: %v %s=%s; %s", err, key, val, name)
		}
	}
	return nil
}

func proxyBalancerMember(c *Cmd, _ []string) error {
	return errors.New("BalancerMember: " + proxyNotBalancable)
}

func proxyBalancerGrowth(c *Cmd, args []string) error {
	n := cAtoi(args[0])
	if n < 0 || n > 1000 {
		return errors.New("BalancerGrowth must be between 0 and 1000")
	}
	c.Server.Proxy.BalancerGrowth = &n
	return nil
}

func proxyBalancerPersist(c *Cmd, args []string) error {
	c.Server.Proxy.BalancerPersist = args[0] == "on"
	return nil
}

func proxyReceiveBufferSize(c *Cmd, args []string) error {
	n := cAtoi(args[0])
	if n < 512 && n != 0 {
		return errors.New("ProxyReceiveBufferSize must be >= 512 bytes, or 0 for system default.")
	}
	c.Server.Proxy.ReceiveBufferSize = &n
	return nil
}

func proxyIOBufferSize(c *Cmd, args []string) error {
	n := cAtol(args[0])
	if n < 512 && n != 0 {
		return errors.New("ProxyIOBufferSize must be >= 512 bytes, or 0 for system default.")
	}
	if n == 0 {
		n = DefaultProxyIOBufferSize
	}
	c.Server.Proxy.IOBufferSize = &n
	return nil
}

func proxyMaxForwards(c *Cmd, args []string) error {
	n := cAtol(args[0])
	c.Server.Proxy.MaxForwards = &n
	return nil
}

func proxyTimeout(c *Cmd, args []string) error {
	n := cAtoi(args[0])
	if n < 1 {
		return errors.New("Proxy Timeout must be at least 1 second.")
	}
	c.Server.Proxy.Timeout = time.Duration(n) * time.Second
	return nil
}

func proxyDomain(c *Cmd, args []string) error {
	if !strings.HasPrefix(args[0], ".") {
		return errors.New("ProxyDomain: domain name must start with a dot.")
	}
	c.Server.Proxy.Domain = args[0]
	return nil
}

// proxyKeyword returns the index of word among choices, ignoring case, or -1.
func proxyKeyword(word string, choices ...string) int {
	return slices.IndexFunc(choices, func(s string) bool { return strings.EqualFold(s, word) })
}

func proxyVia(c *Cmd, args []string) error {
	i := proxyKeyword(args[0], "Off", "On", "Full", "Block")
	if i < 0 {
		return errors.New("ProxyVia must be one of: off | on | full | block")
	}
	c.Server.Proxy.Via = ProxyViaOff + ProxyVia(i)
	return nil
}

func proxyBadHeader(c *Cmd, args []string) error {
	i := proxyKeyword(args[0], "IsError", "Ignore", "StartBody")
	if i < 0 {
		return errors.New("ProxyBadHeader must be one of: IsError | Ignore | StartBody")
	}
	c.Server.Proxy.BadHeader = BadHeaderIsError + ProxyBadHeader(i)
	return nil
}

func proxyStatus(c *Cmd, args []string) error {
	i := proxyKeyword(args[0], "Off", "On", "Full")
	if i < 0 {
		return errors.New("ProxyStatus must be one of: off | on | full")
	}
	c.Server.Proxy.Status = ProxyStatusOff + ProxyStatusOption(i)
	return nil
}

// proxySourceAddress checks the address as apr_sockaddr_info_get does: an
// IP address or a name that resolves.
func proxySourceAddress(c *Cmd, args []string) error {
	if net.ParseIP(args[0]) == nil {
		if !c.Resolves(args[0]) {
			return errors.New("ProxySourceAddress invalid value")
		}
	}
	c.Server.Proxy.SourceAddress = args[0]
	return nil
}

// proxyErrorOverride handles each word of ProxyErrorOverride: On or Off,
// then status codes once On is set in this section.
func proxyErrorOverride(c *Cmd, args []string) error {
	d := &c.Dir.Proxy
	arg := args[0]
	switch {
	case strings.EqualFold(arg, "Off"), strings.EqualFold(arg, "On"):
		on := strings.EqualFold(arg, "On")
		d.ErrorOverride = &on
		return nil
	case d.ErrorOverride == nil:
		return errors.New("ProxyErrorOverride first parameter must be one of: off | on")
	case arg[0] < '0' || arg[0] > '9':
		return errors.New("ProxyErrorOverride: status codes to intercept must be numeric")
	case !*d.ErrorOverride:
		return errors.New("ProxyErrorOverride: status codes must follow a value of 'on'")
	}
	v, _ := proxyStrtol(arg)
	code := int(int32(v))
	if code < 400 || code > 599 {
		return errors.New("ProxyErrorOverride: status codes to intercept must be valid HTTP Status Codes >=400 && <600")
	}
	i, _ := slices.BinarySearch(d.ErrorOverrideCodes, code)
	d.ErrorOverrideCodes = slices.Insert(d.ErrorOverrideCodes, i, code)
	return nil
}

// proxyBlock adds a ProxyBlock word unless already there (in any case).
func proxyBlock(c *Cmd, args []string) error {
	s := &c.Server.Proxy
	if !slices.ContainsFunc(s.Blocks, func(b string) bool { return strings.EqualFold(b, args[0]) }) {
		s.Blocks = append(s.Blocks, args[0])
	}
	return nil
}

// proxyRemote handles ProxyRemote and ProxyRemoteMatch as Apache's
// add_proxy: "match scheme://host[:port] [credentials]".
func proxyRemote(regex bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		bad := c.Command.Name + ": Bad syntax for a remote proxy server"
		remote := args[1]
		p := strings.IndexByte(remote, ':')
		if p < 0 || !strings.HasPrefix(remote[p+1:], "//") || len(remote) == p+3 {
			return errors.New(bad)
		}
		r := ProxyRemote{Match: args[0], Protocol: remote[:p], Host: remote[p+3:], Port: -1}
		if host, port, ok := strings.Cut(r.Host, ":"); ok {
			n, ok := proxyScanUnsigned(port)
			if !ok || n > 65535 {
				return errors.New(bad + " (bad port number)")
			}
			r.Host, r.Port = host, n
		}
		if regex {
			re, err := regexp.Compile(r.Match)
			if err != nil {
				return errors.New("Regular expression for ProxyRemoteMatch could not be compiled.")
			}
			r.Regex = re
		} else if !strings.Contains(r.Match, ":") {
			r.Match = strings.ToLower(r.Match)
		}
		r.Host = strings.ToLower(r.Host)
		if r.Port == -1 {
			r.Port = aprPortOfScheme(r.Protocol)
		}
		r.Port = int(uint16(r.Port))
		if len(args) > 2 {
			r.Credentials = "Basic " + base64.StdEncoding.EncodeToString([]byte(args[2]))
		}
		c.Server.Proxy.Remotes = append(c.Server.Proxy.Remotes, r)
		return nil
	}
}

// proxyNoProxy adds a NoProxy word unless already there, classified as
// Apache's set_proxy_dirconn: IP network, domain, resolvable host, word.
func proxyNoProxy(c *Cmd, args []string) error {
	s := &c.Server.Proxy
	if slices.ContainsFunc(s.NoProxy, func(e NoProxyEntry) bool { return strings.EqualFold(e.Name, args[0]) }) {
		return nil
	}
	e := NoProxyEntry{Name: args[0]}
	switch {
	case parseNoProxyIP(c, &e):
		e.Kind = NoProxyIP
	case proxyIsDomainName(e.Name):
		e.Kind, e.Name = NoProxyDomain, strings.ToLower(proxyTrimDots(e.Name))
	case proxyIsHostName(c, e.Name):
		e.Kind, e.Name = NoProxyHost, strings.ToLower(proxyTrimDots(e.Name))
	default:
		e.Kind = NoProxyWord
	}
	s.NoProxy = append(s.NoProxy, e)
	return nil
}

// parseNoProxyIP reads an IPv4 address or network as Apache's
// ap_proxy_is_ipaddr: up to four quads (C numbers: 010 is octal), an
// optional /bits, else a mask guessed from the trailing zero quads, with
// Apache's start-up warnings.
func parseNoProxyIP(c *Cmd, e *NoProxyEntry) bool {
	s := e.Name
	var quad [4]int64
	n := 0
	for ; n < 4 && s != ""; n++ {
		if s[0] == '/' && n > 0 {
			break
		}
		if s[0] < '0' || s[0] > '9' {
			return false
		}
		v, rest := proxyStrtolBase0(s)
		if v < 0 || v > 255 {
			return false
		}
		quad[n], s = v, rest
		if s != "" && s[0] == '.' && n != 3 {
			s = s[1:]
		}
	}
	var addr uint32
	for i := 0; i < n; i++ {
		addr |= uint32(quad[i]) << (24 - 8*i)
	}
	var bits int64
	if len(s) > 1 && s[0] == '/' && s[1] >= '0' && s[1] <= '9' {
		bits, s = proxyStrtolBase0(s[1:])
		if bits < 0 || bits > 32 {
			return false
		}
	} else {
		for n > 0 && quad[n-1] == 0 {
			n--
		}
		if n < 1 {
			return false
		}
		bits = int64(8 * n)
		if bits != 32 {
			c.Warn("AH00900: Warning: NetMask not supplied with IP-Addr; guessing: %s/%d", proxyIPv4String(addr), bits)
		}
	}
	// As C's shift on x86, a shift by 32 leaves the mask whole.
	mask := ^uint32(0) << (bits % 32)
	if bits != 0 {
		mask = ^uint32(0) << (32 - bits)
	}
	if s == "" && addr&^mask != 0 {
		c.Warn("AH00901: Warning: NetMask and IP-Addr disagree in %s/%d", proxyIPv4String(addr), bits)
		addr &= mask
		c.Warn("AH00902:          Set to %s/%d", proxyIPv4String(addr), bits)
	}
	if s != "" {
		return false
	}
	e.Net = &net.IPNet{IP: net.IPv4(byte(addr>>24), byte(addr>>16), byte(addr>>8), byte(addr)).To4(),
		Mask: net.IPv4Mask(byte(mask>>24), byte(mask>>16), byte(mask>>8), byte(mask))}
	return true
}

func proxyIPv4String(a uint32) string {
	return net.IPv4(byte(a>>24), byte(a>>16), byte(a>>8), byte(a)).String()
}

// proxyIsDNSName reports whether s holds only RFC 1035 characters.
func proxyIsDNSName(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '-' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	})
}

func proxyIsDomainName(s string) bool { return strings.HasPrefix(s, ".") && proxyIsDNSName(s) }

// proxyIsHostName reports whether s is a host name that resolves, as
// Apache's ap_proxy_is_hostname.
func proxyIsHostName(c *Cmd, s string) bool {
	if s == "" || s[0] == '.' || !proxyIsDNSName(s) {
		return false
	}
	return c.Resolves(s)
}

// proxyTrimDots strips trailing dots, keeping the first character.
func proxyTrimDots(s string) string {
	for len(s) > 1 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
