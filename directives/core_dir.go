package directives

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

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
