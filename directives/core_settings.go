package directives

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
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

// Allow09 reports whether HTTP/0.9 requests are accepted (default no).
func (o HTTPProtocolOptions) Allow09() bool { return o&HTTPAllow09 != 0 }

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
type CoreDirConfig struct {
	Options DirOptions
	// AllowOverride says which directive groups .htaccess files may hold.
	AllowOverride     AllowOverride
	AllowOverrideList []string // directives .htaccess may hold besides; nil: unset

	HostnameLookups          HostnameLookups
	UseCanonicalName         UseCanonicalName
	UseCanonicalPhysicalPort *bool
	AcceptPathInfo           AcceptPathInfo
	ContentDigest            *bool
	ServerSignature          ServerSignature

	LimitRequestBody    *int64 // 0: unlimited; nil: DefaultLimitRequestBody
	LimitXMLRequestBody *int64 // 0: the largest allowed; nil: DefaultLimitXMLRequestBody
	// MaxRanges, MaxRangeOverlaps and MaxRangeReversals bound Range
	// requests; see RangeLimit.
	MaxRanges         RangeLimit
	MaxRangeOverlaps  RangeLimit
	MaxRangeReversals RangeLimit

	// AddDefaultCharset: nil unset; "" Off; else the charset added.
	AddDefaultCharset *string
	ForceType         string // lower-cased; empty: unset
	// SetHandler is the handler forced here ("server-status",
	// "proxy:…"; "None" removes one), a string expression.
	SetHandler      *StringExpr
	SetOutputFilter string // ';'-separated filter names; empty: unset
	SetInputFilter  string
	FileETag        FileETag
	EnableMMAP      *bool
	EnableSendfile  *bool
	ReadBufferSize  int64 // 0: unset
	// AllowEncodedSlashes and DecodeEncodedSlashes have no unset state.
	// Apache consults the server's (before sections apply); a virtual host
	// has the main server's only if it sets no per-directory core
	// directive outside sections, since Apache's merge then takes the
	// virtual host's own, off by default.
	AllowEncodedSlashes  bool
	DecodeEncodedSlashes bool
	slashesSet           bool
	CGIPassAuth          *bool
	CGIVar               map[string]string // variable → rule
	QualifyRedirectURL   *bool
	// ErrorDocuments maps a status code to its ErrorDocument.
	ErrorDocuments map[int]ErrorDocument
	// LogLevel is a section's LogLevel; nil outside sections and where
	// none is set (the server's LogLevel is in CoreServerConfig).
	LogLevel *LogLevel
	// RLimitCPU, RLimitMEM and RLimitNPROC limit CGI children, which
	// gohttpd does not run; kept as written.
	RLimitCPU, RLimitMEM, RLimitNPROC []string

	// LogIOTrackTTFB is mod_logio's LogIOTrackTTFB, kept here until the
	// per-directory config has a mod_logio part. mod_logio has no merge:
	// the innermost section that sets it decides; unset is off.
	LogIOTrackTTFB *bool
}

// used reports whether any core per-directory directive filled d, which
// is when Apache creates the core's config for a virtual host's defaults.
func (d *CoreDirConfig) used() bool {
	zero := CoreDirConfig{LogIOTrackTTFB: d.LogIOTrackTTFB}
	return !reflect.DeepEqual(*d, zero)
}

// merge returns the config of d's section inside parent's, as
// merge_core_dir_configs.
func (d *CoreDirConfig) merge(parent *CoreDirConfig) CoreDirConfig {
	out := *parent
	out.Options = d.Options.merge(parent.Options)
	out.AllowOverride = d.AllowOverride.merge(parent.AllowOverride)
	if d.AllowOverrideList != nil {
		out.AllowOverrideList = d.AllowOverrideList
	}
	out.ErrorDocuments = overlay(parent.ErrorDocuments, d.ErrorDocuments)
	out.CGIVar = overlay(parent.CGIVar, d.CGIVar)
	mergeEnum(&out.HostnameLookups, d.HostnameLookups)
	mergeEnum(&out.UseCanonicalName, d.UseCanonicalName)
	mergeEnum(&out.AcceptPathInfo, d.AcceptPathInfo)
	mergeEnum(&out.ServerSignature, d.ServerSignature)
	mergeEnum(&out.MaxRanges, d.MaxRanges)
	mergeEnum(&out.MaxRangeOverlaps, d.MaxRangeOverlaps)
	mergeEnum(&out.MaxRangeReversals, d.MaxRangeReversals)
	for _, p := range [][2]**bool{{&out.UseCanonicalPhysicalPort, &d.UseCanonicalPhysicalPort},
		{&out.ContentDigest, &d.ContentDigest}, {&out.EnableMMAP, &d.EnableMMAP},
		{&out.EnableSendfile, &d.EnableSendfile}, {&out.CGIPassAuth, &d.CGIPassAuth},
		{&out.QualifyRedirectURL, &d.QualifyRedirectURL}} {
		if *p[1] != nil {
			*p[0] = *p[1]
		}
	}
	if d.LimitRequestBody != nil {
		out.LimitRequestBody = d.LimitRequestBody
	}
	if d.LimitXMLRequestBody != nil {
		out.LimitXMLRequestBody = d.LimitXMLRequestBody
	}
	if d.AddDefaultCharset != nil {
		out.AddDefaultCharset = d.AddDefaultCharset
	}
	for _, p := range [][2]*string{{&out.ForceType, &d.ForceType}, {&out.SetOutputFilter, &d.SetOutputFilter},
		{&out.SetInputFilter, &d.SetInputFilter}} {
		if *p[1] != "" {
			*p[0] = *p[1]
		}
	}
	if d.SetHandler != nil {
		out.SetHandler = d.SetHandler
	}
	for _, p := range [][2]*[]string{{&out.RLimitCPU, &d.RLimitCPU}, {&out.RLimitMEM, &d.RLimitMEM},
		{&out.RLimitNPROC, &d.RLimitNPROC}} {
		if *p[1] != nil {
			*p[0] = *p[1]
		}
	}
	out.FileETag = d.FileETag.merge(parent.FileETag)
	if d.ReadBufferSize != 0 {
		out.ReadBufferSize = d.ReadBufferSize
	}
	if d.used() {
		out.AllowEncodedSlashes, out.DecodeEncodedSlashes = d.AllowEncodedSlashes, d.DecodeEncodedSlashes
		out.slashesSet = d.slashesSet
	}
	out.LogLevel = mergeDirLogLevel(d.LogLevel, parent.LogLevel)
	if d.LogIOTrackTTFB != nil {
		out.LogIOTrackTTFB = d.LogIOTrackTTFB
	}
	return out
}

// mergeEnum sets *out to v unless v is its type's zero (unset) value.
func mergeEnum[T comparable](out *T, v T) {
	var unset T
	if v != unset {
		*out = v
	}
}

// overlay returns base with over's entries on top. It changes neither,
// but returns one of them when the other is nil.
func overlay[K comparable, V any](base, over map[K]V) map[K]V {
	if over == nil {
		return base
	}
	if base == nil {
		return over
	}
	out := maps.Clone(base)
	maps.Copy(out, over)
	return out
}

// EffectiveLimitRequestBody is the request body limit in effect (0:
// unlimited).
func (d *CoreDirConfig) EffectiveLimitRequestBody() int64 {
	if d.LimitRequestBody == nil {
		return DefaultLimitRequestBody
	}
	return *d.LimitRequestBody
}

// HostnameLookups is the HostnameLookups setting.
type HostnameLookups int

// The HostnameLookups values; the zero value is unset, which is Off.
const (
	LookupsUnset HostnameLookups = iota
	LookupsOff
	LookupsOn
	LookupsDouble
)

// UseCanonicalName is the UseCanonicalName setting.
type UseCanonicalName int

// The UseCanonicalName values; the zero value is unset, which is Off.
const (
	CanonicalUnset UseCanonicalName = iota
	CanonicalOff
	CanonicalOn
	CanonicalDNS
)

// AcceptPathInfo is the AcceptPathInfo setting.
type AcceptPathInfo int

// The AcceptPathInfo values; the zero value is unset, which is Default.
const (
	PathInfoUnset AcceptPathInfo = iota
	PathInfoDefault
	PathInfoAccept
	PathInfoReject
)

// ServerSignature is the ServerSignature setting.
type ServerSignature int

// The ServerSignature values; the zero value is unset, which is Off.
const (
	SignatureUnset ServerSignature = iota
	SignatureOff
	SignatureOn
	SignatureEMail
)

// RangeLimit is MaxRanges, MaxRangeOverlaps or MaxRangeReversals: a
// positive count, or one of the constants.
type RangeLimit int

// The RangeLimit keywords; the zero value is unset, which is Default
// (200 ranges; overlaps and reversals as many).
const (
	RangeUnset     RangeLimit = 0
	RangeNone      RangeLimit = -1 // "none": Range headers are ignored
	RangeDefault   RangeLimit = -2
	RangeUnlimited RangeLimit = -3
)

// ErrorDocument is one ErrorDocument: what answers a status code.
type ErrorDocument struct {
	// Default restores Apache's own error page ("ErrorDocument 404 default").
	Default bool
	// Kind says how Value is used: text sent as the body, a local URL
	// served by an internal redirect, or a URL the client is redirected to.
	Kind  ErrorDocumentKind
	Value *StringExpr
}

// ErrorDocumentKind says what an ErrorDocument's value is.
type ErrorDocumentKind int

// The ErrorDocument kinds, told apart as Apache does: text with a space
// or without a leading '/' or scheme is a message.
const (
	ErrorDocumentText ErrorDocumentKind = iota
	ErrorDocumentLocal
	ErrorDocumentURL
)

// coreSettings are core's plain directives (core.c), besides its sections
// and read-time directives; the MPM-common ones are in process.go.
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

var coreDirCommands = []*Command{
	{Name: "Options", How: RawArgs, Where: OrOptions, Run: setOptions,
		Usage: "Set a number of attributes for a given directory"},
	{Name: "AllowOverride", How: RawArgs, Where: AccessConf, Run: setAllowOverride,
		Usage: "Controls what groups of directives can be configured by per-directory config files"},
	{Name: "AllowOverrideList", How: TakeArgv, Where: AccessConf, Run: setAllowOverrideList,
		Usage: "Controls what individual directives can be configured by per-directory config files"},
	{Name: "HostnameLookups", How: Take1, Where: AccessConf | RsrcConf, Run: setHostnameLookups,
		Usage: "\"on\" to enable, \"off\" to disable reverse DNS lookups, or \"double\" to enable double-reverse DNS lookups"},
	{Name: "UseCanonicalName", How: Take1, Where: RsrcConf | AccessConf, Run: setUseCanonicalName,
		Usage: "How to work out the ServerName : Port when constructing URLs"},
	{Name: "UseCanonicalPhysicalPort", How: Take1, Where: RsrcConf | AccessConf, Run: dirOnOff(func(d *CoreDirConfig) **bool { return &d.UseCanonicalPhysicalPort }),
		Usage: "Whether to use the physical Port when constructing URLs"},
	{Name: "AcceptPathInfo", How: Take1, Where: OrFileInfo, Run: setAcceptPathInfo,
		Usage: "Set to on or off for PATH_INFO to be accepted by handlers, or default for the per-handler preference"},
	{Name: "ContentDigest", How: Flag, Where: OrOptions, Run: dirFlag(func(d *CoreDirConfig) **bool { return &d.ContentDigest }),
		Usage: "whether or not to send a Content-MD5 header with each request"},
	{Name: "ServerSignature", How: Take1, Where: OrAll, Run: setServerSignature,
		Usage: "En-/disable server signature (on|off|email)"},
	{Name: "LimitRequestBody", How: Take1, Where: OrAll, Run: setLimitRequestBody,
		Usage: "Limit (in bytes) on maximum size of request message body"},
	{Name: "LimitXMLRequestBody", How: Take1, Where: OrAll, Run: setLimitXMLRequestBody,
		Usage: "Limit (in bytes) on maximum size of an XML-based request body"},
	{Name: "MaxRanges", How: Take1, Where: RsrcConf | AccessConf, Run: setRangeLimit(func(d *CoreDirConfig) *RangeLimit { return &d.MaxRanges }),
		Usage: "Maximum number of Ranges in a request before returning the entire resource, or 0 for unlimited"},
	{Name: "MaxRangeOverlaps", How: Take1, Where: RsrcConf | AccessConf, Run: setRangeLimit(func(d *CoreDirConfig) *RangeLimit { return &d.MaxRangeOverlaps }),
		Usage: "Maximum number of overlaps in Ranges in a request before returning the entire resource, or 0 for unlimited"},
	{Name: "MaxRangeReversals", How: Take1, Where: RsrcConf | AccessConf, Run: setRangeLimit(func(d *CoreDirConfig) *RangeLimit { return &d.MaxRangeReversals }),
		Usage: "Maximum number of reversals in Ranges in a request before returning the entire resource, or 0 for unlimited"},
	{Name: "AddDefaultCharset", How: Take1, Where: OrFileInfo, Run: setAddDefaultCharset,
		Usage: "The name of the default charset to add to any Content-Type without one or 'Off' to disable"},
	{Name: "DefaultType", How: Take1, Where: OrFileInfo, Run: setDefaultType,
		Usage: "the default media type for otherwise untyped files (DEPRECATED)"},
	{Name: "ForceType", How: Take1, Where: OrFileInfo, Run: setForceType,
		Usage: "a mime type that overrides other configured type"},
	{Name: "SetHandler", How: Take1, Where: OrFileInfo, Run: setSetHandler,
		Usage: "a handler name that overrides any other configured handler"},
	{Name: "SetOutputFilter", How: Take1, Where: OrFileInfo, Run: dirString(func(d *CoreDirConfig) *string { return &d.SetOutputFilter }),
		Usage: "filter (or ; delimited list of filters) to be run on the request content"},
	{Name: "SetInputFilter", How: Take1, Where: OrFileInfo, Run: dirString(func(d *CoreDirConfig) *string { return &d.SetInputFilter }),
		Usage: "filter (or ; delimited list of filters) to be run on the request body"},
	{Name: "FileETag", How: RawArgs, Where: OrFileInfo, Run: setFileETag,
		Usage: "Specify components used to construct a file's ETag"},
	{Name: "EnableMMAP", How: Take1, Where: OrFileInfo, Run: dirOnOff(func(d *CoreDirConfig) **bool { return &d.EnableMMAP }),
		Usage: "Controls whether memory-mapping may be used to read files"},
	{Name: "EnableSendfile", How: Take1, Where: OrFileInfo, Run: dirOnOff(func(d *CoreDirConfig) **bool { return &d.EnableSendfile }),
		Usage: "Controls whether sendfile may be used to transmit files"},
	{Name: "ReadBufferSize", How: Take1, Where: AccessConf | RsrcConf, Run: setReadBufferSize,
		Usage: "Size (in bytes) of the memory buffers used to read data"},
	{Name: "AllowEncodedSlashes", How: Take1, Where: RsrcConf, Run: setAllowEncodedSlashes,
		Usage: "Allow URLs containing '/' encoded as '%2F'"},
	{Name: "CGIPassAuth", How: Flag, Where: OrAuthCfg, Run: dirFlag(func(d *CoreDirConfig) **bool { return &d.CGIPassAuth }),
		Usage: "Controls whether HTTP authorization headers, normally hidden, will be passed to scripts"},
	{Name: "CGIVar", How: Take2, Where: OrFileInfo, Run: setCGIVar, Usage: "Controls how some CGI variables are set"},
	{Name: "QualifyRedirectURL", How: Flag, Where: OrFileInfo, Run: dirFlag(func(d *CoreDirConfig) **bool { return &d.QualifyRedirectURL }),
		Usage: "Controls whether the REDIRECT_URL environment variable is fully qualified"},
	{Name: "ErrorDocument", How: Take2, Where: OrFileInfo, Run: setErrorDocument, Usage: "Change responses for HTTP errors"},
	{Name: "RLimitCPU", How: Take12, Where: OrAll, Run: setRLimit(func(d *CoreDirConfig) *[]string { return &d.RLimitCPU }),
		Usage: "Soft/hard limits for max CPU usage in seconds"},
	{Name: "RLimitMEM", How: Take12, Where: OrAll, Run: setRLimit(func(d *CoreDirConfig) *[]string { return &d.RLimitMEM }),
		Usage: "Soft/hard limits for max memory usage per process"},
	{Name: "RLimitNPROC", How: Take12, Where: OrAll, Run: setRLimit(func(d *CoreDirConfig) *[]string { return &d.RLimitNPROC }),
		Usage: "soft/hard limits for max number of processes per uid"},
}

// dirFlag sets an On/Off of the per-directory config.
func dirFlag(field func(*CoreDirConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		*field(&c.Dir.Core) = ptr(args[0] == "on")
		return nil
	}
}

// dirOnOff sets a per-directory on/off given as a one-word argument, with
// Apache's message for any other word.
func dirOnOff(field func(*CoreDirConfig) **bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		on, ok := onOff(args[0])
		if !ok {
			return errors.New("parameter must be 'on' or 'off'")
		}
		*field(&c.Dir.Core) = &on
		return nil
	}
}

func dirString(field func(*CoreDirConfig) *string) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		*field(&c.Dir.Core) = args[0]
		return nil
	}
}

func setHostnameLookups(c *Cmd, args []string) error {
	v, ok := map[string]HostnameLookups{"on": LookupsOn, "off": LookupsOff, "double": LookupsDouble}[strings.ToLower(args[0])]
	if !ok {
		return errors.New("parameter must be 'on', 'off', or 'double'")
	}
	c.Dir.Core.HostnameLookups = v
	return nil
}

func setUseCanonicalName(c *Cmd, args []string) error {
	v, ok := map[string]UseCanonicalName{"on": CanonicalOn, "off": CanonicalOff, "dns": CanonicalDNS}[strings.ToLower(args[0])]
	if !ok {
		return errors.New("parameter must be 'on', 'off', or 'dns'")
	}
	c.Dir.Core.UseCanonicalName = v
	return nil
}

func setAcceptPathInfo(c *Cmd, args []string) error {
	v, ok := map[string]AcceptPathInfo{"on": PathInfoAccept, "off": PathInfoReject, "default": PathInfoDefault}[strings.ToLower(args[0])]
	if !ok {
		return errors.New("AcceptPathInfo must be set to on, off or default")
	}
	c.Dir.Core.AcceptPathInfo = v
	return nil
}

func setServerSignature(c *Cmd, args []string) error {
	v, ok := map[string]ServerSignature{"on": SignatureOn, "off": SignatureOff, "email": SignatureEMail}[strings.ToLower(args[0])]
	if !ok {
		return errors.New("ServerSignature: use one of: off | on | email")
	}
	c.Dir.Core.ServerSignature = v
	return nil
}

// setLimitRequestBody reads a whole non-negative number, as Apache's
// apr_strtoff check.
func setLimitRequestBody(c *Cmd, args []string) error {
	n, rest, _, overflow := cStrtol(args[0])
	if overflow {
		return errors.New("LimitRequestBody argument is not parsable.")
	}
	if rest != "" || n < 0 {
		return errors.New("LimitRequestBody requires a non-negative integer.")
	}
	c.Dir.Core.LimitRequestBody = &n
	return nil
}

// setLimitXMLRequestBody reads the number as C's atol, as Apache.
func setLimitXMLRequestBody(c *Cmd, args []string) error {
	n := cAtol(args[0])
	if n < 0 {
		return errors.New("LimitXMLRequestBody requires a non-negative integer.")
	}
	if n > maxLimitXMLRequestBody {
		return fmt.Errorf("LimitXMLRequestBody must not exceed %d", maxLimitXMLRequestBody)
	}
	c.Dir.Core.LimitXMLRequestBody = &n
	return nil
}

func setRangeLimit(field func(*CoreDirConfig) *RangeLimit) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		v, ok := map[string]RangeLimit{"none": RangeNone, "default": RangeDefault, "unlimited": RangeUnlimited}[strings.ToLower(args[0])]
		if !ok {
			n := cAtoi(args[0])
			if n <= 0 {
				return errors.New(c.Command.Name + " requires 'none', 'default', 'unlimited' or a positive integer")
			}
			v = RangeLimit(n)
		}
		*field(&c.Dir.Core) = v
		return nil
	}
}

func setAddDefaultCharset(c *Cmd, args []string) error {
	switch {
	case strings.EqualFold(args[0], "off"):
		c.Dir.Core.AddDefaultCharset = ptr("")
	case strings.EqualFold(args[0], "on"):
		c.Dir.Core.AddDefaultCharset = ptr(DefaultAddDefaultCharset)
	default:
		c.Dir.Core.AddDefaultCharset = ptr(args[0])
	}
	return nil
}

// setDefaultType accepts DefaultType for old configs; Apache ignores any
// type but "none", with a warning.
func setDefaultType(c *Cmd, args []string) error {
	if !strings.EqualFold(args[0], "off") && !strings.EqualFold(args[0], "none") {
		c.Warn("AH00117: Ignoring deprecated use of DefaultType in line %d of %s.", c.Directive.Line, c.Directive.File)
	}
	return nil
}

func setForceType(c *Cmd, args []string) error {
	c.Dir.Core.ForceType = strings.ToLower(args[0])
	return nil
}

func setSetHandler(c *Cmd, args []string) error {
	e, err := parseStringExpr(c, args[0])
	if err != nil {
		return errors.New("Can't parse expression : " + err.Error())
	}
	c.Dir.Core.SetHandler = &e
	return nil
}

func setReadBufferSize(c *Cmd, args []string) error {
	n, ok := parseSize(args[0], 0, 1<<32-1)
	if !ok {
		return errors.New("parameter must be a number between 0 and (4294967295U)): " + args[0])
	}
	c.Dir.Core.ReadBufferSize = n
	return nil
}

func setAllowEncodedSlashes(c *Cmd, args []string) error {
	d := &c.Dir.Core
	switch strings.ToLower(args[0]) {
	case "on":
		d.AllowEncodedSlashes, d.DecodeEncodedSlashes = true, true
	case "off":
		d.AllowEncodedSlashes, d.DecodeEncodedSlashes = false, false
	case "nodecode":
		d.AllowEncodedSlashes, d.DecodeEncodedSlashes = true, false
	default:
		return errors.New(c.Command.Name + " must be On, Off, or NoDecode")
	}
	d.slashesSet = true
	return nil
}

func setCGIVar(c *Cmd, args []string) error {
	rule := strings.ToLower(args[1])
	if args[0] != "REQUEST_URI" {
		return fmt.Errorf("Unrecognized CGI variable: \"%s\"", args[0])
	}
	if rule != "current-uri" && rule != "original-uri" {
		return errors.New("Valid rules for REQUEST_URI are 'current-uri' and 'original-uri'")
	}
	d := &c.Dir.Core
	d.CGIVar = overlay(d.CGIVar, map[string]string{args[0]: rule})
	return nil
}

func setRLimit(field func(*CoreDirConfig) *[]string) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		*field(&c.Dir.Core) = args
		return nil
	}
}

// setErrorDocument records what answers a status, as Apache's
// set_error_document: any status Apache has a reason phrase for.
func setErrorDocument(c *Cmd, args []string) error {
	code := cAtoi(args[0])
	if !knownStatus(code) {
		return errors.New("Unsupported HTTP response code " + args[0])
	}
	msg := args[1]
	kind := ErrorDocumentText
	switch {
	case strings.Contains(msg, " "):
	case strings.HasPrefix(msg, "/"):
		kind = ErrorDocumentLocal
	case isURL(msg):
		kind = ErrorDocumentURL
	}
	if code == 401 && kind == ErrorDocumentURL {
		c.Warn("AH00113: %s:%d cannot use a full URL in a 401 ErrorDocument directive --- ignoring!",
			c.Directive.File, c.Directive.Line)
		return nil
	}
	doc := ErrorDocument{Kind: kind}
	if strings.EqualFold(msg, "default") {
		doc = ErrorDocument{Default: true}
	} else {
		e, err := parseStringExpr(c, msg)
		if err != nil {
			return errors.New("Cannot parse expression in ErrorDocument: " + err.Error())
		}
		doc.Value = &e
	}
	d := &c.Dir.Core
	d.ErrorDocuments = overlay(d.ErrorDocuments, map[int]ErrorDocument{code: doc})
	return nil
}

// knownStatus reports whether Apache has a status line for code
// (ap_index_of_response); ErrorDocument takes no other.
func knownStatus(code int) bool {
	switch {
	case code >= 100 && code <= 102, code >= 200 && code <= 208, code == 226,
		code >= 300 && code <= 308 && code != 306, code >= 400 && code <= 417,
		code >= 421 && code <= 424, code == 426, code == 428, code == 429, code == 431, code == 451,
		code >= 500 && code <= 511 && code != 509:
		return true
	}
	return false
}

// isURL reports whether s starts with a scheme and ':', as ap_is_url.
func isURL(s string) bool {
	i := 0
	for i < len(s) && (isAlnum(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.') {
		i++
	}
	return i > 0 && strings.HasPrefix(s[i:], ":")
}

func isAlnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}

// OptionFlags are the Options a directory has, with Apache's bit values.
type OptionFlags uint16

// The Options, as Apache's OPT_* bits.
const (
	OptIndexes              OptionFlags = 1
	OptIncludes             OptionFlags = 2 // server-side includes (IncludesNOEXEC alone)
	OptFollowSymLinks       OptionFlags = 4
	OptExecCGI              OptionFlags = 8
	OptIncludesExec         OptionFlags = 32 // with OptIncludes: Includes, exec allowed
	OptSymLinksIfOwnerMatch OptionFlags = 64
	OptMultiViews           OptionFlags = 128
	OptAll                              = OptIndexes | OptIncludes | OptIncludesExec | OptFollowSymLinks | OptExecCGI
)

// DirOptions is a section's Options as Apache keeps them: Set when an
// Options without +/- was given (On then replaces what is inherited),
// else Add and Remove change the inherited options.
type DirOptions struct {
	Set         bool
	On          OptionFlags
	Add, Remove OptionFlags
}

// InEffect returns the options of a fully merged config. Where no
// Options without +/- applies, Apache's server default FollowSymLinks is
// changed by the +/- ones.
func (o DirOptions) InEffect() OptionFlags {
	if o.Set {
		return o.On
	}
	return (OptFollowSymLinks &^ o.Remove) | o.Add
}

// merge is merge_core_dir_configs for Options: an explicit setting
// replaces the parent's, +/- ones apply over it.
func (o DirOptions) merge(parent DirOptions) DirOptions {
	if o.Set {
		return o
	}
	out := parent
	out.Add = (parent.Add &^ o.Remove) | o.Add
	out.Remove = (parent.Remove &^ o.Add) | o.Remove
	out.On = (parent.On &^ out.Remove) | out.Add
	// Includes with exec above and without exec here leaves exec off.
	inc := OptIncludes | OptIncludesExec
	if parent.On&inc == inc && o.On&inc == OptIncludes {
		out.On &^= OptIncludesExec
	}
	return out
}

// optionNames maps an Options keyword, lower-cased, to its bits.
var optionNames = map[string]OptionFlags{
	"indexes": OptIndexes, "includes": OptIncludes | OptIncludesExec, "includesnoexec": OptIncludes,
	"followsymlinks": OptFollowSymLinks, "symlinksifownermatch": OptSymLinksIfOwnerMatch,
	"execcgi": OptExecCGI, "multiviews": OptMultiViews, "runscripts": OptMultiViews | OptExecCGI,
	"none": 0, "all": OptAll,
}

// setOptions parses Options as Apache's set_options: all words with +/-
// or none; None and All only first and without +/-.
func setOptions(c *Cmd, args []string) error {
	d := &c.Dir.Core.Options
	const mixed = "Either all Options must start with + or -, or no Option may."
	first, merge, allNone := true, false, false
	for _, w := range parser.Words(args[0]) {
		action := byte(0)
		if w[0] == '+' || w[0] == '-' {
			action, w = w[0], w[1:]
			if !merge && !first && !allNone {
				return errors.New(mixed)
			}
			merge = true
		} else if first {
			d.Set, d.On = true, 0
		} else if merge {
			return errors.New(mixed)
		}
		opt, ok := optionNames[strings.ToLower(w)]
		if !ok {
			return errors.New("Illegal option " + w)
		}
		switch strings.ToLower(w) {
		case "none", "all":
			article := map[string]string{"none": "'Options None' must be the first Option given.",
				"all": "'Options All' must be the first option given."}[strings.ToLower(w)]
			if !first {
				return errors.New(article)
			}
			if merge {
				name := map[string]string{"none": "None", "all": "All"}[strings.ToLower(w)]
				return fmt.Errorf("You may not use 'Options +%s' or 'Options -%s'.", name, name)
			}
			allNone = true
		}
		switch action {
		case '-':
			d.Remove |= opt
			d.Add &^= opt
			d.On &^= opt
		case '+':
			d.Add |= opt
			d.Remove &^= opt
			d.On |= opt
		default:
			d.On |= opt
		}
		first = false
	}
	return nil
}

// AllowOverride is AllowOverride: the directive groups .htaccess files
// may hold (Apache's default is None).
type AllowOverride struct {
	Set bool
	// Groups are the groups allowed, as the Context bits OrLimit,
	// OrOptions, OrFileInfo, OrAuthCfg and OrIndexes.
	Groups Context
	// NonFatalOverride and NonFatalUnknown make .htaccess directives
	// outside the groups, or unknown ones, warnings instead of errors.
	NonFatalOverride, NonFatalUnknown bool
	// Options are the Options .htaccess may set; see OptionsAllowed.
	Options    OptionFlags
	OptionsSet bool
}

// OptionsAllowed returns the Options .htaccess files may set.
func (a AllowOverride) OptionsAllowed() OptionFlags {
	if !a.OptionsSet {
		return OptAll | OptSymLinksIfOwnerMatch | OptMultiViews
	}
	return a.Options
}

func (a AllowOverride) merge(parent AllowOverride) AllowOverride {
	out := parent
	if a.Set {
		out.Set, out.Groups, out.NonFatalOverride, out.NonFatalUnknown = true, a.Groups, a.NonFatalOverride, a.NonFatalUnknown
	}
	if a.OptionsSet {
		out.Options, out.OptionsSet = a.Options, true
	}
	return out
}

// setAllowOverride parses AllowOverride as Apache's set_override.
func setAllowOverride(c *Cmd, args []string) error {
	if c.Check(NotInLocation|NotInFiles) != nil {
		c.Warn("AH00114: Useless use of AllowOverride in line %d of %s.", c.Directive.Line, c.Directive.File)
	}
	a := &c.Dir.Core.AllowOverride
	a.Set, a.Groups, a.NonFatalOverride, a.NonFatalUnknown = true, 0, false, false
	groups := map[string]Context{"limit": OrLimit, "fileinfo": OrFileInfo, "authconfig": OrAuthCfg, "indexes": OrIndexes}
	for _, w := range parser.Words(args[0]) {
		k, v, hasValue := strings.Cut(w, "=")
		switch lk := strings.ToLower(k); {
		case groups[lk] != 0:
			a.Groups |= groups[lk]
		case lk == "options":
			a.Groups |= OrOptions
			a.OptionsSet, a.Options = true, OptAll
			if hasValue {
				opts, err := parseAllowedOptions(v)
				if err != nil {
					return err
				}
				a.Options = opts
			}
		case lk == "nonfatal":
			if !hasValue {
				return errors.New("=Override, =Unknown or =All expected after " + k)
			}
			switch strings.ToLower(v) {
			case "override":
				a.NonFatalOverride = true
			case "unknown":
				a.NonFatalUnknown = true
			case "all":
				a.NonFatalOverride, a.NonFatalUnknown = true, true
			}
		case lk == "none":
			a.Groups, a.NonFatalOverride, a.NonFatalUnknown = 0, false, false
		case lk == "all":
			a.Groups, a.NonFatalOverride, a.NonFatalUnknown = OrAll, false, false
		default:
			return errors.New("Illegal override option " + k)
		}
	}
	return nil
}

// parseAllowedOptions parses AllowOverride's Options=a,b list, as
// Apache's set_allow_opts.
func parseAllowedOptions(list string) (OptionFlags, error) {
	var opts OptionFlags
	for _, w := range strings.Split(list, ",") {
		if w == "" {
			continue
		}
		opt, ok := optionNames[strings.ToLower(w)]
		if !ok {
			return 0, errors.New("Illegal option " + w)
		}
		opts |= opt
	}
	return opts, nil
}

// setAllowOverrideList keeps the directives .htaccess may hold besides
// AllowOverride's groups; unknown ones and ones not allowed in
// directories are dropped with Apache's warnings.
func setAllowOverrideList(c *Cmd, args []string) error {
	if c.Check(NotInLocation|NotInFiles) != nil {
		c.Warn("AH00115: Useless use of AllowOverrideList at %s:%d", c.Directive.File, c.Directive.Line)
	}
	list := []string{}
	for _, name := range args {
		if strings.EqualFold(name, "None") {
			if len(args) != 1 {
				return errors.New("'None' not allowed with other directives in AllowOverrideList")
			}
			break
		}
		ref, ok := c.load.lookup(name)
		switch {
		case !ok:
			c.Warn("AH00116: Discarding unrecognized directive `%s' in AllowOverrideList at %s:%d",
				name, c.Directive.File, c.Directive.Line)
		case ref.command.Where&(OrAll|AccessConf) == 0:
			c.Warn("AH02304: Discarding directive `%s' not allowed in AllowOverrideList at %s:%d",
				name, c.Directive.File, c.Directive.Line)
		default:
			list = append(list, name)
		}
	}
	c.Dir.Core.AllowOverrideList = list
	return nil
}

// FileETag is FileETag: what a file's ETag is made of, as Apache's
// etag_bits with its +/- lists.
type FileETag struct {
	Bits, Add, Remove ETagBits
}

// ETagBits are the parts of a file's ETag, with Apache's values.
type ETagBits uint8

// The ETag parts; ETagUnset (no FileETag anywhere) means MTime Size.
const (
	ETagUnset  ETagBits = 0
	ETagNone   ETagBits = 1
	ETagMTime  ETagBits = 2
	ETagINode  ETagBits = 4
	ETagSize   ETagBits = 8
	ETagDigest ETagBits = 16
	ETagAll             = ETagMTime | ETagINode | ETagSize
)

// InEffect returns the parts of the ETag of a fully merged config.
func (e FileETag) InEffect() ETagBits {
	bits := (e.Bits &^ e.Remove) | e.Add
	if bits == ETagUnset {
		return ETagMTime | ETagSize
	}
	return bits
}

func (e FileETag) merge(parent FileETag) FileETag {
	out := parent
	if e.Bits == ETagUnset {
		out.Add = (parent.Add &^ e.Remove) | e.Add
		out.Remove = (parent.Remove &^ e.Add) | e.Remove
		out.Bits = (parent.Bits &^ out.Remove) | out.Add
	} else {
		out = e
	}
	if out.Bits != ETagNone {
		out.Bits &^= ETagNone
	}
	return out
}

// setFileETag parses FileETag as Apache's set_etag_bits.
func setFileETag(c *Cmd, args []string) error {
	e := &c.Dir.Core.FileETag
	first, explicit := true, false
	names := map[string]ETagBits{"none": ETagNone, "all": ETagAll, "size": ETagSize, "lmtime": ETagMTime,
		"mtime": ETagMTime, "lastmodified": ETagMTime, "inode": ETagINode, "digest": ETagDigest}
	for _, token := range parser.Words(args[0]) {
		action := byte('*')
		if token[0] == '+' || token[0] == '-' {
			action, token = token[0], token[1:]
		} else if first {
			*e = FileETag{}
			first = false
		}
		bit, ok := names[strings.ToLower(token)]
		if !ok {
			return fmt.Errorf("Unknown keyword '%s' for %s directive", token, c.Command.Name)
		}
		if bit == ETagNone || bit == ETagAll {
			if action != '*' {
				return fmt.Errorf("%s keyword '%s' cannot be used with '+' or '-'", c.Command.Name, token)
			}
			e.Bits = bit
			explicit = true
		}
		switch action {
		case '+':
			e.Add |= bit
			e.Remove &^= bit
		case '-':
			e.Remove |= bit
			e.Add &^= bit
		default:
			e.Bits |= bit
			e.Add, e.Remove = ETagUnset, ETagUnset
			explicit = true
		}
	}
	if explicit && e.Bits&ETagNone != ETagNone {
		e.Bits &^= ETagNone
	}
	return nil
}

// LogPriority is an error log level, with Apache's APLOG_* values.
type LogPriority int

// The log levels, most severe first.
const (
	LogEmerg LogPriority = iota
	LogAlert
	LogCrit
	LogError
	LogWarn
	LogNotice
	LogInfo
	LogDebug
	LogTrace1
	LogTrace2
	LogTrace3
	LogTrace4
	LogTrace5
	LogTrace6
	LogTrace7
	LogTrace8
)

var logPriorityNames = []string{"emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
	"trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8"}

// String returns the level's keyword, as LogLevel takes it.
func (p LogPriority) String() string {
	if p >= 0 && int(p) < len(logPriorityNames) {
		return logPriorityNames[p]
	}
	return strconv.Itoa(int(p))
}

// parseLogPriority reads a level keyword, as Apache's ap_parse_log_level.
func parseLogPriority(s string) (LogPriority, error) {
	for i, n := range logPriorityNames {
		if strings.EqualFold(s, n) {
			return LogPriority(i), nil
		}
	}
	return 0, errors.New("Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8")
}

// LogLevel is LogLevel: a level for every module, and levels for some
// modules by module name ("ssl_module").
type LogLevel struct {
	Set     bool // Level was given; unset is warn for the main server
	Level   LogPriority
	Modules map[string]LogPriority
}

// For returns the level in effect for the named module.
func (l LogLevel) For(module string) LogPriority {
	if p, ok := l.Modules[module]; ok {
		return p
	}
	if !l.Set {
		return LogWarn
	}
	return l.Level
}

// merge is ap_merge_log_config: a level set here drops every inherited
// module level; else module levels add to the parent's.
func (l LogLevel) merge(parent LogLevel) LogLevel {
	if l.Set {
		return l
	}
	out := LogLevel{Set: parent.Set, Level: parent.Level, Modules: overlay(parent.Modules, l.Modules)}
	return out
}

func mergeDirLogLevel(child, parent *LogLevel) *LogLevel {
	switch {
	case child == nil:
		return parent
	case parent == nil:
		return child
	}
	return ptr(child.merge(*parent))
}

// setLogLevel runs for each word of LogLevel, as Apache's set_loglevel:
// "level" sets every module's and forgets module levels set before it;
// "module:level" one module's. In a section it sets the section's.
func setLogLevel(c *Cmd, args []string) error {
	l := &c.Server.Core.LogLevel
	if c.Section != nil {
		if c.Dir.Core.LogLevel == nil {
			c.Dir.Core.LogLevel = &LogLevel{}
		}
		l = c.Dir.Core.LogLevel
	}
	arg := args[0]
	i := strings.LastIndexByte(arg, ':')
	if i < 0 {
		p, err := parseLogPriority(arg)
		if err != nil {
			return err
		}
		l.Set, l.Level, l.Modules = true, p, nil
		return nil
	}
	module, level := arg[:i], arg[i+1:]
	if level == "" {
		return fmt.Errorf("Module specifier '%s' must be followed by a log level keyword", module)
	}
	p, err := parseLogPriority(level)
	if err != nil {
		return fmt.Errorf("%s:%s: %s", module, level, err)
	}
	name, ok := loadedModuleName(c, module)
	if !ok {
		return errors.New("Cannot find module " + module)
	}
	l.Modules = overlay(l.Modules, map[string]LogPriority{name: p})
	return nil
}

// loadedModuleName finds a loaded module by its name, its source file
// name or its name without "_module", as Apache's find_module.
func loadedModuleName(c *Cmd, name string) (string, bool) {
	for _, n := range []string{name, name + "_module"} {
		if c.ModuleLoaded(n) {
			if m := moduleByName[n]; m != nil {
				return m.Name, true
			}
			return n, true
		}
	}
	return "", false
}

// ErrorLogItem is one item of an ErrorLogFormat: constant text, or a %
// directive with its modifiers.
type ErrorLogItem struct {
	Literal string // the text of a constant item
	// Directive is the % letter ('t', 'l', 'M' for the message …); 0 for
	// constant text.
	Directive byte
	Arg       string // the {…} argument
	// FieldSep marks a field separator (a space, or "% "); Required
	// ('+') drops the whole line when the item is empty; HyphenIfEmpty
	// ('-') logs "-" for an empty item; MinLevel logs the item only at
	// that level or above (0: always).
	FieldSep      bool
	Required      bool
	HyphenIfEmpty bool
	MinLevel      int
}

// errorLogDirectives are the % letters Apache's error log knows.
const errorLogDirectives = "aAeEFikLlmnPtTvV"

func setErrorLogFormat(c *Cmd, args []string) error {
	s := &c.Server.Core
	if len(args) == 1 {
		items, err := parseErrorLogFormat(args[0], true)
		if err != nil {
			return err
		}
		s.ErrorLogFormat = items
		return nil
	}
	items, err := parseErrorLogFormat(args[1], false)
	switch {
	case strings.EqualFold(args[0], "connection"):
		s.ErrorLogConnection = append(s.ErrorLogConnection, items)
	case strings.EqualFold(args[0], "request"):
		s.ErrorLogRequest = append(s.ErrorLogRequest, items)
	default:
		return errors.New("ErrorLogFormat type must be one of request, connection")
	}
	return err
}

// parseErrorLogFormat parses a format as Apache's parse_errorlog_string.
func parseErrorLogFormat(s string, main bool) ([]ErrorLogItem, error) {
	var items []ErrorLogItem
	seenMessage := false
	for s != "" {
		var it ErrorLogItem
		var err error
		if s, err = parseErrorLogItem(&it, s); err != nil {
			return nil, err
		}
		switch {
		case it.Directive == 'M' && !main:
			return nil, errors.New("%M cannot be used in once-per-request or once-per-connection formats")
		case main && it.Required:
			return nil, errors.New("The '+' flag cannot be used in the main error log format")
		case !main && it.MinLevel != 0:
			return nil, errors.New("The loglevel cannot be used as a condition in once-per-request or once-per-connection formats")
		case it.MinLevel > int(LogTrace8):
			return nil, errors.New("The specified loglevel modifier is out of range")
		}
		seenMessage = seenMessage || it.Directive == 'M'
		items = append(items, it)
	}
	if main && !seenMessage {
		return nil, errors.New("main ErrorLogFormat must contain message format string '%M'")
	}
	return items, nil
}

// parseErrorLogItem parses the item at the start of s into it and returns
// the rest.
func parseErrorLogItem(it *ErrorLogItem, s string) (string, error) {
	if s[0] != '%' {
		it.FieldSep = s[0] == ' '
		return parseErrorLogText(it, s), nil
	}
	s = s[1:]
	if strings.HasPrefix(s, " ") {
		it.FieldSep = true
		if s = s[1:]; s == "" {
			return "", nil // an empty constant ends the format
		}
		return parseErrorLogItem(it, s)
	}
	if strings.HasPrefix(s, "%") {
		it.Literal = "%"
		return s[1:], nil
	}
	for s != "" {
		switch ch := s[0]; {
		case ch == '{':
			it.Arg, s, _ = strings.Cut(s[1:], "}")
		case ch == '+':
			it.Required, s = true, s[1:]
		case ch == '-':
			it.HyphenIfEmpty, s = true, s[1:]
		case ch >= '0' && ch <= '9':
			n := 0
			for s != "" && s[0] >= '0' && s[0] <= '9' {
				n, s = n*10+int(s[0]-'0'), s[1:]
			}
			it.MinLevel = n
		case ch == 'M' || strings.IndexByte(errorLogDirectives, ch) >= 0:
			it.Directive = ch
			return s[1:], nil
		default:
			return "", fmt.Errorf("Unrecognized error log format directive %%%c", ch)
		}
	}
	return "", errors.New("Ran off end of error log format parsing args to some directive")
}

// parseErrorLogText reads constant text up to a '%' or a space not at its
// start, with backslash escapes, as parse_errorlog_misc_string.
func parseErrorLogText(it *ErrorLogItem, s string) string {
	var b strings.Builder
	atStart := true
	for s != "" && s[0] != '%' && (s[0] != ' ' || atStart) {
		if s[0] != '\\' {
			if s[0] != ' ' {
				atStart = false
			}
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		s = s[1:]
		if s == "" {
			b.WriteByte('\\')
			break
		}
		b.WriteByte(unescapeLogChar(s[0]))
		s = s[1:]
	}
	it.Literal = b.String()
	return s
}

// unescapeLogChar is the character "\c" stands for in a log format: \r,
// \n and \t are control characters, any other is itself.
func unescapeLogChar(c byte) byte {
	switch c {
	case 'r':
		return '\r'
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}
