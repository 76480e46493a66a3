package directives

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/parser"
)

// Apache's defaults for what the core's server config leaves unset
// (httpd.h), as the httpd:2.4 image builds them.
const (
	DefaultServerAdmin           = "[no address given]"
	DefaultDocumentRoot          = "/usr/local/apache2/htdocs"
	DefaultErrorLog              = "logs/error_log"
	DefaultAccessFileName        = ".htaccess"
	DefaultTimeout               = 60 * time.Second
	DefaultKeepAliveTimeout      = 5 * time.Second
	DefaultMaxKeepAliveRequests  = 100
	DefaultLimitRequestLine      = 8190
	DefaultLimitRequestFieldSize = 8190
	DefaultLimitRequestFields    = 100
	DefaultLimitRequestBody      = int64(1) << 30
	DefaultLimitXMLRequestBody   = int64(1000000)
	DefaultAddDefaultCharset     = "iso-8859-1"
	DefaultFlushMaxThreshold     = 65535
	DefaultFlushMaxPipelined     = 4
	DefaultMaxInternalRedirects  = 10
	DefaultMaxSubrequestDepth    = 10
)

// maxLimitXMLRequestBody is Apache's AP_MAX_LIMIT_XML_BODY on 64 bits.
const maxLimitXMLRequestBody = int64(^uint64(0)/6 - 1)

// CoreServerConfig is the core's per-server config: what Apache keeps in
// server_rec and core_server_config, and http_core's keep-alive settings.
// A nil pointer or empty value is unset: a virtual host takes the main
// server's (mergeServer), the main server Apache's default (the Default*
// constants and the methods below).
type CoreServerConfig struct {
	// ServerName is the host of ServerName, without scheme or port; empty
	// when not set. A virtual host without one is named as Apache's
	// ap_fini_vhost_config does (the main server's name for wildcard
	// addresses, else the address's reverse DNS), which needs the
	// addresses: the server does it.
	ServerName   string
	ServerScheme string // the scheme ServerName gave, lower-cased; empty if none
	// ServerPort is ServerName's port; 0 when none was given, which
	// means the port of the connection. A virtual host without ServerName
	// has the main server's.
	ServerPort int
	nameSet    bool // ServerName was given here
	portCopied bool // initVirtual copied the main server's port

	// Aliases are the ServerAlias names without wildcards, WildAliases
	// those with '*' or '?', each in config order, as Apache keeps them.
	Aliases     []string
	WildAliases []string

	ServerAdmin    string   // empty: the main server's, or DefaultServerAdmin
	ServerPath     string   // ServerPath: a URL prefix selecting this host for HTTP/1.0 clients
	DocumentRoot   string   // absolute; empty: the main server's, or DefaultDocumentRoot
	AccessFileName []string // nil: the main server's, or DefaultAccessFileName

	Timeout               *time.Duration // nil or 0 in a virtual host: the main server's
	KeepAlive             *bool          // unset: on
	KeepAliveTimeout      *time.Duration // nil or 0 in a virtual host: the main server's
	MaxKeepAliveRequests  *int           // 0: unlimited
	LimitRequestLine      *int
	LimitRequestFieldSize *int
	LimitRequestFields    *int // 0: unlimited

	// ServerTokens says what the Server header shows. It is global in
	// Apache: set in the main server only, every virtual host has it.
	ServerTokens ServerTokens
	TraceEnable  TraceEnable
	// Protocols are the protocols offered, in order ("h2", "http/1.1");
	// nil: the main server's, and where none is set, http/1.1 only.
	Protocols []string
	// ProtocolsHonorOrder: unset is on (the server's order wins).
	ProtocolsHonorOrder *bool
	// Protocol is the Protocol directive: the protocol this server's
	// listeners speak, lower-cased ("https").
	Protocol            string
	HTTPProtocolOptions HTTPProtocolOptions
	MergeTrailers       *bool // unset: off
	MergeSlashes        *bool // unset: on
	StrictHostCheck     *bool // unset: off (an unknown Host falls to the default host)

	// RedirectLimit and SubrequestLimit are LimitInternalRecursion's; 0
	// is unset (DefaultMaxInternalRedirects, DefaultMaxSubrequestDepth).
	RedirectLimit     int
	SubrequestLimit   int
	FlushMaxThreshold *int64 // bytes; unset: DefaultFlushMaxThreshold
	FlushMaxPipelined *int   // responses; -1 never; unset: DefaultFlushMaxPipelined

	// ErrorLog is the error log: a file relative to the ServerRoot,
	// "|command" or "syslog[:facility]"; empty: the main server's log,
	// or DefaultErrorLog.
	ErrorLog string
	// ErrorLogFormat is the main error log format; nil: Apache's built-in
	// one. ErrorLogConnection and ErrorLogRequest are the once-per-
	// connection and once-per-request formats, in order.
	ErrorLogFormat     []ErrorLogItem
	ErrorLogConnection [][]ErrorLogItem
	ErrorLogRequest    [][]ErrorLogItem
	LogLevel           LogLevel

	// The following are global in Apache (GLOBAL_ONLY): set in the main
	// server, copied to every virtual host.

	// RegisteredMethods are RegisterHttpMethod's extension methods.
	RegisteredMethods []string
	// AcceptFilters maps a protocol to AcceptFilter's filter name.
	AcceptFilters map[string]string
	// RegexDefaultOptions are the flags every config regex gets ("ICASE",
	// "DOTALL", "DOLLAR_ENDONLY", "EXTENDED"); nil: DOTALL and
	// DOLLAR_ENDONLY, as Apache's AP_REG_DEFAULT.
	RegexDefaultOptions []string
}

// ServerTokens is the ServerTokens setting.
type ServerTokens int

// The ServerTokens values; the zero value is unset, which is Full.
const (
	TokensUnset ServerTokens = iota
	TokensProductOnly
	TokensMajor
	TokensMinor
	TokensMinimal
	TokensOS
	TokensFull
)

// TraceEnable is the TraceEnable setting.
type TraceEnable int

// The TraceEnable values; the zero value is unset, which is On.
const (
	TraceUnset TraceEnable = iota
	TraceOn
	TraceOff
	TraceExtended
)

// HTTPProtocolOptions are HttpProtocolOptions's choices, each a bit, as
// Apache accumulates them per server.
type HTTPProtocolOptions uint8

// The HttpProtocolOptions keywords.
const (
	HTTPAllow09 HTTPProtocolOptions = 1 << iota
	HTTPRequire10
	HTTPStrict
	HTTPUnsafe
	HTTPRegisteredMethods
	HTTPLenientMethods
)

// Allow09 reports whether HTTP/0.9 requests are accepted: unless
// Require1.0 is set (Apache's default allows them).
func (o HTTPProtocolOptions) Allow09() bool { return o&HTTPRequire10 == 0 }

// Unsafe reports whether requests are parsed leniently (default strict).
func (o HTTPProtocolOptions) Unsafe() bool { return o&HTTPUnsafe != 0 }

// OnlyRegisteredMethods reports whether unknown methods are refused with
// 501 (default no).
func (o HTTPProtocolOptions) OnlyRegisteredMethods() bool { return o&HTTPRegisteredMethods != 0 }

// merge takes each pair of choices from o when set there, else from main.
func (o HTTPProtocolOptions) merge(main HTTPProtocolOptions) HTTPProtocolOptions {
	out := HTTPProtocolOptions(0)
	for _, pair := range []HTTPProtocolOptions{HTTPAllow09 | HTTPRequire10, HTTPStrict | HTTPUnsafe,
		HTTPRegisteredMethods | HTTPLenientMethods} {
		if o&pair != 0 {
			out |= o & pair
		} else {
			out |= main & pair
		}
	}
	return out
}

// EffectiveTimeout is the I/O timeout in effect.
func (s *CoreServerConfig) EffectiveTimeout() time.Duration {
	if s.Timeout == nil {
		return DefaultTimeout
	}
	return *s.Timeout
}

// EffectiveKeepAlive reports whether persistent connections are allowed.
func (s *CoreServerConfig) EffectiveKeepAlive() bool { return s.KeepAlive == nil || *s.KeepAlive }

// EffectiveKeepAliveTimeout is the keep-alive timeout in effect.
func (s *CoreServerConfig) EffectiveKeepAliveTimeout() time.Duration {
	if s.KeepAliveTimeout == nil {
		return DefaultKeepAliveTimeout
	}
	return *s.KeepAliveTimeout
}

// initVirtual gives a virtual host what Apache copies from the main server
// when the <VirtualHost> starts (ap_init_virtual_host): the port and the
// request limits as they stand then, so later main settings do not reach
// it. The core module's <VirtualHost> should call it; mergeServer fills
// the same fields from the final main server otherwise.
func (s *CoreServerConfig) initVirtual(main *CoreServerConfig) {
	s.ServerPort, s.portCopied = main.ServerPort, true
	s.LimitRequestLine = ptr(valueOr(main.LimitRequestLine, DefaultLimitRequestLine))
	s.LimitRequestFieldSize = ptr(valueOr(main.LimitRequestFieldSize, DefaultLimitRequestFieldSize))
	s.LimitRequestFields = ptr(valueOr(main.LimitRequestFields, DefaultLimitRequestFields))
}

func valueOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// mergeServer fills what a virtual host left unset from the main server,
// as merge_core_server_configs and ap_fixup_virtual_hosts do.
func (s *CoreServerConfig) mergeServer(main *CoreServerConfig) {
	if !s.nameSet && !s.portCopied {
		s.ServerPort = main.ServerPort
	}
	setIfEmpty(&s.ServerAdmin, main.ServerAdmin)
	setIfEmpty(&s.DocumentRoot, main.DocumentRoot)
	setIfEmpty(&s.ErrorLog, main.ErrorLog)
	setIfEmpty(&s.Protocol, main.Protocol)
	if s.AccessFileName == nil {
		s.AccessFileName = main.AccessFileName
	}
	if s.Timeout == nil || *s.Timeout == 0 {
		s.Timeout = main.Timeout
	}
	if s.KeepAliveTimeout == nil || *s.KeepAliveTimeout == 0 {
		s.KeepAliveTimeout = main.KeepAliveTimeout
	}
	for _, p := range [][2]**int{{&s.MaxKeepAliveRequests, &main.MaxKeepAliveRequests},
		{&s.LimitRequestLine, &main.LimitRequestLine}, {&s.LimitRequestFieldSize, &main.LimitRequestFieldSize},
		{&s.LimitRequestFields, &main.LimitRequestFields}, {&s.FlushMaxPipelined, &main.FlushMaxPipelined}} {
		if *p[0] == nil {
			*p[0] = *p[1]
		}
	}
	for _, p := range [][2]**bool{{&s.KeepAlive, &main.KeepAlive}, {&s.ProtocolsHonorOrder, &main.ProtocolsHonorOrder},
		{&s.MergeTrailers, &main.MergeTrailers}, {&s.MergeSlashes, &main.MergeSlashes},
		{&s.StrictHostCheck, &main.StrictHostCheck}} {
		if *p[0] == nil {
			*p[0] = *p[1]
		}
	}
	if s.FlushMaxThreshold == nil {
		s.FlushMaxThreshold = main.FlushMaxThreshold
	}
	if s.TraceEnable == TraceUnset {
		s.TraceEnable = main.TraceEnable
	}
	if s.Protocols == nil {
		s.Protocols = main.Protocols
	}
	s.HTTPProtocolOptions = s.HTTPProtocolOptions.merge(main.HTTPProtocolOptions)
	if s.RedirectLimit == 0 {
		s.RedirectLimit = main.RedirectLimit
	}
	if s.SubrequestLimit == 0 {
		s.SubrequestLimit = main.SubrequestLimit
	}
	if s.ErrorLogFormat == nil {
		s.ErrorLogFormat = main.ErrorLogFormat
	}
	if s.ErrorLogConnection == nil {
		s.ErrorLogConnection = main.ErrorLogConnection
	}
	if s.ErrorLogRequest == nil {
		s.ErrorLogRequest = main.ErrorLogRequest
	}
	s.LogLevel = s.LogLevel.merge(main.LogLevel)
	s.ServerTokens = main.ServerTokens
	s.RegisteredMethods = main.RegisteredMethods
	s.AcceptFilters = main.AcceptFilters
	s.RegexDefaultOptions = main.RegexDefaultOptions
}

func setIfEmpty(s *string, v string) {
	if *s == "" {
		*s = v
	}
}

// CoreDirConfig is the core's per-directory config (core_dir_config).
// Unset values are inherited from the enclosing section by merge.

var coreSettings = slices.Concat(coreServerCommands, coreDirCommands, coreProcessCommands)

// httpSettings are http_core's directives (http_core.c): the core module
// table of Apache's http_module.
var httpSettings = []*Command{
	{Name: "KeepAliveTimeout", How: Take1, Where: RsrcConf, Run: setKeepAliveTimeout,
		Usage: "Keep-Alive timeout duration (sec)"},
	{Name: "MaxKeepAliveRequests", How: Take1, Where: RsrcConf, Run: serverInt(func(s *CoreServerConfig) **int { return &s.MaxKeepAliveRequests }),
		Usage: "Maximum number of Keep-Alive requests per connection, or 0 for infinite"},
	{Name: "KeepAlive", How: Flag, Where: RsrcConf, Run: serverFlag(func(s *CoreServerConfig) **bool { return &s.KeepAlive }),
		Usage: "Whether persistent connections should be On or Off"},
}

var coreServerCommands = []*Command{
	{Name: "ServerName", How: Take1, Where: RsrcConf, Run: setServerName,
		Usage: "The hostname and port of the server"},
	{Name: "ServerAlias", How: RawArgs, Where: RsrcConf, Run: setServerAlias,
		Usage: "A name or names alternately used to access the server"},
	{Name: "ServerAdmin", How: Take1, Where: RsrcConf, Run: serverString(func(s *CoreServerConfig) *string { return &s.ServerAdmin }),
		Usage: "The email address of the server administrator"},
	{Name: "ServerPath", How: Take1, Where: RsrcConf, Run: serverString(func(s *CoreServerConfig) *string { return &s.ServerPath }),
		Usage: "The pathname the server can be reached at"},
	{Name: "DocumentRoot", How: Take1, Where: RsrcConf, Run: setDocumentRoot,
		Usage: "Root directory of the document tree"},
	{Name: "AccessFileName", How: RawArgs, Where: RsrcConf, Run: setAccessFileName,
		Usage: "Name(s) of per-directory config files (default: .htaccess)"},
	{Name: "ErrorLog", How: Take1, Where: RsrcConf, Run: serverString(func(s *CoreServerConfig) *string { return &s.ErrorLog }),
		Usage: "The filename of the error log"},
	{Name: "ErrorLogFormat", How: Take12, Where: RsrcConf, Run: setErrorLogFormat,
		Usage: "Format string for the ErrorLog"},
	{Name: "Timeout", How: Take1, Where: RsrcConf, Run: setTimeout, Usage: "Timeout duration (sec)"},
	{Name: "LimitRequestLine", How: Take1, Where: RsrcConf,
		Run:   requestLimit(func(s *CoreServerConfig) **int { return &s.LimitRequestLine }, ""),
		Usage: "Limit on maximum size of an HTTP request line"},
	{Name: "LimitRequestFieldsize", How: Take1, Where: RsrcConf,
		Run:   requestLimit(func(s *CoreServerConfig) **int { return &s.LimitRequestFieldSize }, ""),
		Usage: "Limit on maximum size of an HTTP request header field"},
	{Name: "LimitRequestFields", How: Take1, Where: RsrcConf,
		Run:   requestLimit(func(s *CoreServerConfig) **int { return &s.LimitRequestFields }, " (0 = no limit)"),
		Usage: "Limit (0 = unlimited) on max number of header fields in a request message"},
	{Name: "ServerTokens", How: Take1, Where: RsrcConf, Run: setServerTokens,
		Usage: "Determine tokens displayed in the Server: header - Min(imal), Major, Minor, Prod(uctOnly), OS, or Full"},
	{Name: "TraceEnable", How: Take1, Where: RsrcConf, Run: setTraceEnable,
		Usage: "'on' (default), 'off' or 'extended' to trace request body content"},
	{Name: "MergeTrailers", How: Flag, Where: RsrcConf, Run: serverFlag(func(s *CoreServerConfig) **bool { return &s.MergeTrailers }),
		Usage: "merge request trailers into request headers or not"},
	{Name: "MergeSlashes", How: Flag, Where: RsrcConf, Run: serverFlag(func(s *CoreServerConfig) **bool { return &s.MergeSlashes }),
		Usage: "Controls whether consecutive slashes in the URI path are merged"},
	{Name: "StrictHostCheck", How: Flag, Where: RsrcConf, Run: serverFlag(func(s *CoreServerConfig) **bool { return &s.StrictHostCheck }),
		Usage: "Controls whether a hostname match is required"},
	{Name: "Protocols", How: Iterate, Where: RsrcConf, Run: setProtocols, Usage: "Controls which protocols are allowed"},
	{Name: "ProtocolsHonorOrder", How: Take1, Where: RsrcConf, Run: setProtocolsHonorOrder,
		Usage: "'off' (default) or 'on' to respect given order of protocols, by default the client specified order determines selection"},
	{Name: "Protocol", How: Take1, Where: RsrcConf, Run: setProtocol, Usage: "Set the Protocol for httpd to use."},
	{Name: "HttpProtocolOptions", How: Iterate, Where: RsrcConf, Run: setHTTPProtocolOptions,
		Usage: "'Allow0.9' or 'Require1.0' (default); 'RegisteredMethods' or 'LenientMethods' (default); 'Unsafe' or 'Strict' (default). Sets HTTP acceptance rules"},
	{Name: "RegisterHttpMethod", How: Iterate, Where: RsrcConf, Run: setRegisterHTTPMethod,
		Usage: "Registers non-standard HTTP methods"},
	{Name: "AcceptFilter", How: Take2, Where: RsrcConf, Run: setAcceptFilter,
		Usage: "Set the Accept Filter to use for a protocol"},
	{Name: "Port", How: Take1, Where: RsrcConf, Run: deprecated, Usage: "Port was replaced with Listen in Apache 2.0"},
	{Name: "NameVirtualHost", How: Take1, Where: RsrcConf, Run: setNameVirtualHost,
		Usage: "A numeric IP address:port, or the name of a host"},
	{Name: "LimitInternalRecursion", How: Take12, Where: RsrcConf, Run: setRecursionLimit,
		Usage: "maximum recursion depth of internal redirects and subrequests"},
	{Name: "FlushMaxThreshold", How: Take1, Where: RsrcConf, Run: setFlushMaxThreshold,
		Usage: "Maximum threshold above which pending data are flushed to the network"},
	{Name: "FlushMaxPipelined", How: Take1, Where: RsrcConf, Run: setFlushMaxPipelined,
		Usage: "Maximum number of pipelined responses (pending) above which they are flushed to the network"},
	{Name: "RegexDefaultOptions", How: RawArgs, Where: RsrcConf, Run: setRegexDefaultOptions,
		Usage: "default options for regexes (prefixed by '+' to add, '-' to del)"},
	{Name: "LogLevel", How: Iterate, Where: RsrcConf | AccessConf, Run: setLogLevel,
		Usage: "Level of verbosity in error logging"},
}

// serverString sets a string of the server config, outside sections only
// (Apache's set_server_string_slot).
func serverString(field func(*CoreServerConfig) *string) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(NotInDirContext); err != nil {
			return err
		}
		*field(&c.Server.Core) = args[0]
		return nil
	}
}

// serverFlag sets an On/Off of the server config.
func serverFlag(field func(*CoreServerConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(NotInDirContext); err != nil {
			return err
		}
		*field(&c.Server.Core) = ptr(args[0] == "on")
		return nil
	}
}

// serverInt sets a number of the server config the way C's atoi reads it.
func serverInt(field func(*CoreServerConfig) **int) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(NotInDirContext); err != nil {
			return err
		}
		*field(&c.Server.Core) = ptr(cAtoi(args[0]))
		return nil
	}
}

func ptr[T any](v T) *T { return &v }

// setServerName parses [scheme://]host[:port], as Apache's
// server_hostname_port.
func setServerName(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	arg := args[0]
	if fnmatchTest(arg) {
		return fmt.Errorf("Invalid ServerName \"%s\" use ServerAlias to set multiple server names.", arg)
	}
	s := &c.Server.Core
	part := arg
	if scheme, rest, ok := strings.Cut(arg, "://"); ok {
		s.ServerScheme = strings.ToLower(scheme)
		part = rest
	}
	host, port, hasPort := strings.Cut(part, ":")
	s.ServerName, s.ServerPort, s.nameSet = host, 0, true
	if hasPort {
		p := cAtoi(port)
		if p <= 0 || p >= 65536 {
			return fmt.Errorf("The port number \"%s\" is outside the appropriate range (i.e., 1..65535).", arg)
		}
		s.ServerPort = p
	}
	return nil
}

// fnmatchTest reports whether s is a pattern, as APR's apr_fnmatch_test:
// a '*' or '?', or a '[' closed by ']', not escaped by a backslash. So an
// IPv6 "[::1]" is one, as in Apache.
func fnmatchTest(s string) bool {
	nesting := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '?', '*':
			return true
		case '\\':
			if i++; i == len(s) {
				return false
			}
		case '[':
			nesting++
		case ']':
			if nesting > 0 {
				return true
			}
		}
	}
	return false
}

// setServerAlias adds names to a virtual host; wildcard ones apart.
func setServerAlias(c *Cmd, args []string) error {
	if !c.Server.Virtual {
		return errors.New("ServerAlias only used in <VirtualHost>")
	}
	s := &c.Server.Core
	for _, name := range parser.Words(args[0]) {
		if strings.ContainsAny(name, "*?") {
			s.WildAliases = append(s.WildAliases, name)
		} else {
			s.Aliases = append(s.Aliases, name)
		}
	}
	return nil
}

// setDocumentRoot checks the directory exists, as Apache: an error in the
// main server, a warning in a virtual host.
func setDocumentRoot(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	root := c.ServerRootRelative(args[0])
	fi, err := c.Files().Stat(root)
	if err != nil || !fi.IsDir() {
		if !c.Server.Virtual {
			return fmt.Errorf("DocumentRoot '%s' is not a directory, or is not readable", root)
		}
		c.Warn("AH00112: Warning: DocumentRoot [%s] does not exist", root)
	}
	c.Server.Core.DocumentRoot = root
	return nil
}

func setAccessFileName(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	c.Server.Core.AccessFileName = parser.Words(args[0])
	return nil
}

// setTimeout reads seconds as C's atoi: "abc" is 0, which in a virtual
// host means the main server's.
func setTimeout(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	c.Server.Core.Timeout = ptr(time.Duration(cAtoi(args[0])) * time.Second)
	return nil
}

func setKeepAliveTimeout(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	d, ok := parseTimeout(args[0], "s")
	if !ok {
		return errors.New("KeepAliveTimeout has wrong format")
	}
	c.Server.Core.KeepAliveTimeout = &d
	return nil
}

// parseTimeout reads a duration as Apache's ap_timeout_parameter_parse: a
// number with an optional unit (ms, s, mi[n], h), unit the default one.
func parseTimeout(arg, unit string) (time.Duration, bool) {
	n, rest, _, overflow := cStrtol(arg)
	if overflow || n < 0 {
		return 0, false
	}
	if rest != "" {
		unit = rest
	}
	var scale time.Duration
	switch {
	case strings.HasPrefix(unit, "ms"):
		scale = time.Millisecond
	case strings.HasPrefix(unit, "mi"):
		scale = time.Minute
	case strings.HasPrefix(unit, "s"):
		scale = time.Second
	case strings.HasPrefix(unit, "h"):
		scale = time.Hour
	default:
		return 0, false
	}
	if n > int64(1<<63-1)/int64(scale) {
		return 0, false
	}
	return time.Duration(n) * scale, true
}

// requestLimit sets LimitRequestLine, LimitRequestFieldsize or
// LimitRequestFields; extra ends the error message, as Apache's.
func requestLimit(field func(*CoreServerConfig) **int, extra string) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if err := c.Check(NotInDirContext); err != nil {
			return err
		}
		n := cAtoi(args[0])
		if n < 0 {
			return fmt.Errorf("%s \"%s\" must be a non-negative integer%s", c.Command.Name, args[0], extra)
		}
		*field(&c.Server.Core) = &n
		return nil
	}
}

func setServerTokens(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	tokens := map[string]ServerTokens{"os": TokensOS, "min": TokensMinimal, "minimal": TokensMinimal,
		"major": TokensMajor, "minor": TokensMinor, "prod": TokensProductOnly, "productonly": TokensProductOnly,
		"full": TokensFull}
	t, ok := tokens[strings.ToLower(args[0])]
	if !ok {
		return errors.New("ServerTokens takes 1 argument: 'Prod(uctOnly)', 'Major', 'Minor', 'Min(imal)', 'OS', or 'Full'")
	}
	c.Server.Core.ServerTokens = t
	return nil
}

func setTraceEnable(c *Cmd, args []string) error {
	t, ok := map[string]TraceEnable{"on": TraceOn, "off": TraceOff, "extended": TraceExtended}[strings.ToLower(args[0])]
	if !ok {
		return errors.New("TraceEnable must be one of 'on', 'off', or 'extended'")
	}
	c.Server.Core.TraceEnable = t
	return nil
}

func setProtocols(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	c.Server.Core.Protocols = append(c.Server.Core.Protocols, args[0])
	return nil
}

func setProtocolsHonorOrder(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	on, ok := onOff(args[0])
	if !ok {
		return errors.New("ProtocolsHonorOrder must be 'on' or 'off'")
	}
	c.Server.Core.ProtocolsHonorOrder = &on
	return nil
}

// onOff reads "on" or "off" in any case.
func onOff(arg string) (on, ok bool) {
	switch strings.ToLower(arg) {
	case "on":
		return true, true
	case "off":
		return false, true
	}
	return false, false
}

func setProtocol(c *Cmd, args []string) error {
	if err := c.Check(NotInDirContext); err != nil {
		return err
	}
	c.Server.Core.Protocol = strings.ToLower(args[0])
	return nil
}

// setHTTPProtocolOptions accumulates the keywords over every
// HttpProtocolOptions of the server, refusing contradictions, as Apache.
func setHTTPProtocolOptions(c *Cmd, args []string) error {
	opts := map[string]HTTPProtocolOptions{"allow0.9": HTTPAllow09, "require1.0": HTTPRequire10,
		"strict": HTTPStrict, "unsafe": HTTPUnsafe, "registeredmethods": HTTPRegisteredMethods,
		"lenientmethods": HTTPLenientMethods}
	o, ok := opts[strings.ToLower(args[0])]
	if !ok {
		return errors.New("HttpProtocolOptions accepts 'Unsafe' or 'Strict' (default), " +
			"'RegisteredMethods' or 'LenientMethods' (default), and 'Require1.0' or 'Allow0.9' (default)")
	}
	s := &c.Server.Core
	s.HTTPProtocolOptions |= o
	for _, clash := range []struct {
		bits HTTPProtocolOptions
		msg  string
	}{
		{HTTPAllow09 | HTTPRequire10, "'Allow0.9' and 'Require1.0'"},
		{HTTPStrict | HTTPUnsafe, "'Strict' and 'Unsafe'"},
		{HTTPRegisteredMethods | HTTPLenientMethods, "'RegisteredMethods' and 'LenientMethods'"},
	} {
		if s.HTTPProtocolOptions&clash.bits == clash.bits {
			return errors.New("HttpProtocolOptions " + clash.msg + " are mutually exclusive")
		}
	}
	return nil
}

func setRegisterHTTPMethod(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if !slices.Contains(c.Server.Core.RegisteredMethods, args[0]) {
		c.Server.Core.RegisteredMethods = append(c.Server.Core.RegisteredMethods, args[0])
	}
	return nil
}

func setAcceptFilter(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	s := &c.Server.Core
	if s.AcceptFilters == nil {
		s.AcceptFilters = map[string]string{}
	}
	s.AcceptFilters[strings.ToLower(args[0])] = strings.ToLower(args[1])
	return nil
}

// deprecated refuses a directive with its usage text, as Apache's
// ap_set_deprecated.
func deprecated(c *Cmd, _ []string) error { return errors.New(c.Command.Usage) }

func setNameVirtualHost(c *Cmd, _ []string) error {
	c.Warn("AH00548: NameVirtualHost has no effect and will be removed in the next release %s:%d",
		c.Directive.File, c.Directive.Line)
	return nil
}

func setRecursionLimit(c *Cmd, args []string) error {
	s := &c.Server.Core
	limit := cAtoi(args[0])
	if limit <= 0 {
		return errors.New("The recursion limit must be greater than zero.")
	}
	if limit < 4 {
		c.Warn("AH00119: Limiting internal redirects to very low numbers may cause normal requests to fail.")
	}
	s.RedirectLimit = limit
	if len(args) > 1 {
		limit = cAtoi(args[1])
		if limit <= 0 {
			return errors.New("The recursion limit must be greater than zero.")
		}
		if limit < 4 {
			c.Warn("AH00120: Limiting the subrequest depth to a very low level may cause normal requests to fail.")
		}
	}
	s.SubrequestLimit = limit
	return nil
}

func setFlushMaxThreshold(c *Cmd, args []string) error {
	n, ok := parseSize(args[0], 0, 1<<32-1)
	if !ok {
		return errors.New("parameter must be a number between 0 and (4294967295U)): " + args[0])
	}
	c.Server.Core.FlushMaxThreshold = &n
	return nil
}

func setFlushMaxPipelined(c *Cmd, args []string) error {
	n, ok := parseSize(args[0], -1, 1<<31-1)
	if !ok {
		return errors.New("parameter must be a number between -1 and (2147483647): " + args[0])
	}
	c.Server.Core.FlushMaxPipelined = ptr(int(n))
	return nil
}

// parseSize reads a whole decimal number within [lo, hi], as Apache's
// apr_strtoff checks.
func parseSize(arg string, lo, hi int64) (int64, bool) {
	n, rest, _, overflow := cStrtol(arg)
	return n, !overflow && rest == "" && n >= lo && n <= hi
}

// setRegexDefaultOptions applies +/-/plain flag names over the current
// defaults, as Apache's set_regex_default_options.
func setRegexDefaultOptions(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	s := &c.Server.Core
	flags := s.RegexDefaultOptions
	if flags == nil {
		flags = []string{"DOTALL", "DOLLAR_ENDONLY"}
	}
	for _, w := range parser.Words(args[0]) {
		if strings.EqualFold(w, "none") {
			flags = []string{}
			continue
		}
		how := w[0]
		if how == '+' || how == '-' {
			w = w[1:]
		}
		name := strings.ToUpper(w)
		if !slices.Contains([]string{"ICASE", "DOTALL", "DOLLAR_ENDONLY", "EXTENDED"}, name) {
			return fmt.Errorf("%s: option '%s' unknown", c.Command.Name, w)
		}
		switch how {
		case '+':
			if !slices.Contains(flags, name) {
				flags = append(slices.Clone(flags), name)
			}
		case '-':
			flags = slices.DeleteFunc(slices.Clone(flags), func(f string) bool { return f == name })
		default:
			flags = []string{name}
		}
	}
	s.RegexDefaultOptions = flags
	return nil
}
