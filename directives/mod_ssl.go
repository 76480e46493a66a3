package directives

import (
	"crypto/tls"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/gohttpd/gohttpd/parser"
)

// The where of mod_ssl's directive kinds, as its SSL_CMD_* macros.
const (
	sslSrv = RsrcConf
	sslAll = RsrcConf | OrAuthCfg
	sslPxy = RsrcConf | ProxyConf
)

// sslCommands is mod_ssl's table (ssl_config_cmds in mod_ssl.c).
var sslCommands = []*Command{
	{Name: "SSLPassPhraseDialog", How: Take1, Where: sslSrv, Run: setSSLPassPhraseDialog,
		Usage: "SSL dialog mechanism for the pass phrase query ('builtin', '|/path/to/pipe_program', or 'exec:/path/to/cgi_program')"},
	{Name: "SSLSessionCache", How: Take1, Where: sslSrv, Run: setSSLSessionCache,
		Usage: "SSL Session Cache storage ('none', 'nonenotnull', 'dbm:/path/to/file')"},
	{Name: "SSLCryptoDevice", How: Take1, Where: sslSrv, Run: setSSLCryptoDevice,
		Usage: "SSL external Crypto Device usage ('builtin', '...')"},
	{Name: "SSLRandomSeed", How: Take23, Where: sslSrv, Run: setSSLRandomSeed,
		Usage: "SSL Pseudo Random Number Generator (PRNG) seeding source ('startup|connect builtin|file:/path|exec:/path [bytes]')"},
	{Name: "SSLEngine", How: Take1, Where: sslSrv, Run: setSSLEngine,
		Usage: "SSL switch for the protocol engine ('on', 'off')"},
	{Name: "SSLFIPS", How: Flag, Where: sslSrv, Run: setSSLFIPS},
	{Name: "SSLCipherSuite", How: Take12, Where: sslAll, Run: setSSLCipherSuite,
		Usage: "Colon-delimited list of permitted SSL Ciphers, optional preceded by protocol identifier ('XXX:...:XXX' - see manual)"},
	{Name: "SSLCertificateFile", How: Take1, Where: sslSrv, Run: addSSLCertificate(false),
		Usage: "SSL Server Certificate file ('/path/to/file' - PEM or DER encoded)"},
	{Name: "SSLCertificateKeyFile", How: Take1, Where: sslSrv, Run: addSSLCertificate(true),
		Usage: "SSL Server Private Key file ('/path/to/file' - PEM or DER encoded)"},
	{Name: "SSLCertificateChainFile", How: Take1, Where: sslSrv, Run: sslServerFile(func(s *SSLServerConfig) *string { return &s.CertificateChainFile }),
		Usage: "SSL Server CA Certificate Chain file ('/path/to/file' - PEM encoded)"},
	{Name: "SSLSessionTicketKeyFile", How: Take1, Where: sslSrv, Run: sslServerFile(func(s *SSLServerConfig) *string { return &s.SessionTicketKeyFile }),
		Usage: "TLS session ticket encryption/decryption key file (RFC 5077) ('/path/to/file' - file with 48 bytes of random data)"},
	{Name: "SSLCACertificatePath", How: Take1, Where: sslAll, Run: setSSLCA(true),
		Usage: "SSL CA Certificate path ('/path/to/dir' - contains PEM encoded files)"},
	{Name: "SSLCACertificateFile", How: Take1, Where: sslAll, Run: setSSLCA(false),
		Usage: "SSL CA Certificate file ('/path/to/file' - PEM encoded)"},
	{Name: "SSLCADNRequestPath", How: Take1, Where: sslSrv, Run: sslServerDir(func(s *SSLServerConfig) *string { return &s.CADNRequestPath }),
		Usage: "SSL CA Distinguished Name path ('/path/to/dir' - symlink hashes to PEM of acceptable CA names to request)"},
	{Name: "SSLCADNRequestFile", How: Take1, Where: sslSrv, Run: sslServerFile(func(s *SSLServerConfig) *string { return &s.CADNRequestFile }),
		Usage: "SSL CA Distinguished Name file ('/path/to/file' - PEM encoded to derive acceptable CA names to request)"},
	{Name: "SSLCARevocationPath", How: Take1, Where: sslSrv, Run: sslServerDir(func(s *SSLServerConfig) *string { return &s.CARevocationPath }),
		Usage: "SSL CA Certificate Revocation List (CRL) path ('/path/to/dir' - contains PEM encoded files)"},
	{Name: "SSLCARevocationFile", How: Take1, Where: sslSrv, Run: sslServerFile(func(s *SSLServerConfig) *string { return &s.CARevocationFile }),
		Usage: "SSL CA Certificate Revocation List (CRL) file ('/path/to/file' - PEM encoded)"},
	{Name: "SSLCARevocationCheck", How: RawArgs, Where: sslSrv, Run: setSSLRevocationCheck(func(c *Cmd) **SSLRevocationCheck { return &c.Server.SSL.CARevocationCheck })},
	{Name: "SSLVerifyClient", How: Take1, Where: sslAll, Run: setSSLVerifyClient,
		Usage: "SSL Client verify type ('none', 'optional', 'require', 'optional_no_ca')"},
	{Name: "SSLVerifyDepth", How: Take1, Where: sslAll, Run: setSSLVerifyDepth,
		Usage: "SSL Client verify depth ('N' - number of intermediate certificates)"},
	{Name: "SSLSessionCacheTimeout", How: Take1, Where: sslSrv, Run: setSSLSessionCacheTimeout,
		Usage: "SSL Session Cache object lifetime ('N' - number of seconds)"},
	{Name: "SSLProtocol", How: RawArgs, Where: sslSrv, Run: setSSLProtocol(func(c *Cmd) **SSLProtocols { return &c.Server.SSL.Protocol })},
	{Name: "SSLHonorCipherOrder", How: Flag, Where: sslSrv, Run: sslServerFlag(func(s *SSLServerConfig) **bool { return &s.HonorCipherOrder })},
	{Name: "SSLCompression", How: Flag, Where: sslSrv, Run: setSSLCompression},
	{Name: "SSLSessionTickets", How: Flag, Where: sslSrv, Run: sslServerFlag(func(s *SSLServerConfig) **bool { return &s.SessionTickets })},
	{Name: "SSLInsecureRenegotiation", How: Flag, Where: sslSrv, Run: sslServerFlag(func(s *SSLServerConfig) **bool { return &s.InsecureRenegotiation })},
	{Name: "SSLUserName", How: Take1, Where: sslAll, Run: setSSLUserName,
		Usage: "Set user name to SSL variable value"},
	{Name: "SSLStrictSNIVHostCheck", How: Flag, Where: sslSrv, Run: sslServerFlag(func(s *SSLServerConfig) **bool { return &s.StrictSNIVHostCheck })},
	{Name: "SSLSRPVerifierFile", How: Take1, Where: sslSrv, Run: sslNotImplemented,
		Usage: "SRP verifier file ('/path/to/file' - created by srptool)"},
	{Name: "SSLSRPUnknownUserSeed", How: Take1, Where: sslSrv, Run: sslNotImplemented,
		Usage: "SRP seed for unknown users (to avoid leaking a user's existence) ('some secret text')"},

	{Name: "SSLOptions", How: RawArgs, Where: OrOptions, Run: setSSLOptions},
	{Name: "SSLRequireSSL", How: NoArgs, Where: OrAuthCfg, Run: setSSLRequireSSL},
	{Name: "SSLRequire", How: RawArgs, Where: OrAuthCfg, Run: sslNotImplemented},
	{Name: "SSLRenegBufferSize", How: Take1, Where: OrAuthCfg, Run: setSSLRenegBufferSize,
		Usage: "Configure the amount of memory that will be used for buffering the request body if a per-location SSL renegotiation is required due to changed access control requirements"},

	{Name: "SSLStaplingCache", How: Take1, Where: sslSrv, Run: setSSLStaplingCache,
		Usage: "SSL Stapling Response Cache storage (`dbm:/path/to/file')"},
	{Name: "SSLUseStapling", How: Flag, Where: sslSrv, Run: sslServerFlag(func(s *SSLServerConfig) **bool { return &s.UseStapling })},
	{Name: "SSLOpenSSLConfCmd", How: Take2, Where: sslSrv, Run: sslNotImplemented,
		Usage: "OpenSSL configuration command"},
	{Name: "SSLLog", How: RawArgs, Where: OrAll, Run: sslDeprecated("SSLLog directive is no longer supported - use ErrorLog.")},
	{Name: "SSLLogLevel", How: RawArgs, Where: OrAll, Run: sslDeprecated("SSLLogLevel directive is no longer supported - use LogLevel.")},
}

// sslUnimplemented are mod_ssl's OCSP and stapling-tuning directives:
// gohttpd refuses them rather than ignore a revocation check.
var sslUnimplemented = []*Command{
	{Name: "SSLOCSPEnable", How: RawArgs},
	{Name: "SSLOCSPDefaultResponder", How: Take1, Usage: "URL of the default OCSP Responder"},
	{Name: "SSLOCSPOverrideResponder", How: Flag},
	{Name: "SSLOCSPResponseTimeSkew", How: Take1, Usage: "Maximum time difference in OCSP responses"},
	{Name: "SSLOCSPResponseMaxAge", How: Take1, Usage: "Maximum age of OCSP responses"},
	{Name: "SSLOCSPResponderTimeout", How: Take1, Usage: "OCSP responder query timeout"},
	{Name: "SSLOCSPUseRequestNonce", How: Flag},
	{Name: "SSLOCSPProxyURL", How: Take1, Usage: "Proxy URL to use for OCSP requests"},
	{Name: "SSLOCSPNoVerify", How: Flag},
	{Name: "SSLOCSPResponderCertificateFile", How: Take1, Usage: "Trusted OCSP responder certificates(`/path/to/file' - PEM encoded certificates)"},
	{Name: "SSLStaplingResponseTimeSkew", How: Take1, Usage: "SSL stapling option for maximum time difference in OCSP responses"},
	{Name: "SSLStaplingResponderTimeout", How: Take1, Usage: "SSL stapling option for OCSP responder timeout"},
	{Name: "SSLStaplingResponseMaxAge", How: Take1, Usage: "SSL stapling option for maximum age of OCSP responses"},
	{Name: "SSLStaplingStandardCacheTimeout", How: Take1, Usage: "SSL stapling option for normal OCSP Response Cache Lifetime"},
	{Name: "SSLStaplingReturnResponderErrors", How: Flag},
	{Name: "SSLStaplingFakeTryLater", How: Flag},
	{Name: "SSLStaplingErrorCacheTimeout", How: Take1, Usage: "SSL stapling option for OCSP Response Error Cache Lifetime"},
	{Name: "SSLStaplingForceURL", How: Take1, Usage: "SSL stapling option to Force the OCSP Stapling URL"},
}

func init() {
	for _, c := range sslUnimplemented {
		c.Where, c.Run = sslSrv, sslNotImplemented
	}
	cmds := append(append(sslCommands, sslProxyCommands...), sslUnimplemented...)
	register(&Module{Name: "ssl_module", Source: "mod_ssl.c", Commands: cmds})
}

func sslNotImplemented(c *Cmd, _ []string) error {
	return fmt.Errorf("%s is not implemented by gohttpd", c.Command.Name)
}

func sslDeprecated(msg string) func(*Cmd, []string) error {
	return func(*Cmd, []string) error { return errors.New(msg) }
}

// SSLServerConfig is mod_ssl's per-server config (SSLSrvConfigRec and its
// modssl_ctx_t). A zero value or nil pointer is unset, and a virtual host
// takes the main server's (mergeServer, as ssl_config_server_merge). Paths
// are resolved against the ServerRoot, as Apache stores them.
type SSLServerConfig struct {
	// Engine is SSLEngine. Unset, Apache still turns TLS on for a server
	// whose protocol is https (Listen ... https, or port 443) and that has
	// a certificate (ssl_init_Module).
	Engine SSLEngine

	// CertificateFiles and CertificateKeyFiles are the SSLCertificateFile
	// and SSLCertificateKeyFile paths in order: the Nth key belongs to the
	// Nth certificate, and a certificate without one has its key in its
	// own file. A "pkcs11:" URI is kept as written.
	CertificateFiles     []string
	CertificateKeyFiles  []string
	CertificateChainFile string // SSLCertificateChainFile
	SessionTicketKeyFile string // SSLSessionTicketKeyFile: 48 bytes of key material

	// The client-certificate settings: the CAs clients are checked against,
	// the names sent in the request, the revocation lists.
	CACertificateFile string
	CACertificatePath string
	CADNRequestFile   string
	CADNRequestPath   string
	CARevocationFile  string
	CARevocationPath  string
	CARevocationCheck *SSLRevocationCheck
	VerifyClient      SSLVerifyClient // SSLVerifyClient outside sections
	VerifyDepth       *int            // SSLVerifyDepth outside sections; default 1

	// Protocol is SSLProtocol; nil is Apache's default, every TLS version.
	// Use Versions for the range Apache and OpenSSL allow.
	Protocol *SSLProtocols
	// CipherSuite is SSLCipherSuite outside sections; nil is Apache's
	// default (EffectiveCipherSuite).
	CipherSuite *SSLCipherSuite
	// TLS13CipherSuites is "SSLCipherSuite TLSv1.3 ...", as written.
	TLS13CipherSuites     string
	HonorCipherOrder      *bool // default off: the client's order
	Compression           *bool // only ever off: OpenSSL has no compression
	SessionTickets        *bool // default on
	InsecureRenegotiation *bool // default off
	StrictSNIVHostCheck   *bool // default off
	SessionCacheTimeout   *int  // seconds; default 300
	UseStapling           *bool // default off

	// The module-wide settings (SSLModConfigRec), allowed only in the main
	// server; virtual hosts inherit them by merge.
	PassPhraseDialog *SSLPassPhraseDialog
	SessionCache     *SSLSessionCache
	StaplingCache    *SSLSessionCache
	RandomSeeds      []SSLRandomSeed
	FIPS             *bool
}

// SSLEngine is SSLEngine's setting.
type SSLEngine int

// The SSLEngine values; the zero value is unset. Apache 2.4.64 and later
// take "optional" (TLS upgrade, RFC 2817) as off, with notice AH10510.
const (
	SSLEngineUnset SSLEngine = iota
	SSLEngineOn
	SSLEngineOff
)

// SSLVerifyClient is SSLVerifyClient's (and SSLProxyVerify's) setting.
type SSLVerifyClient int

// The verify modes; the zero value is unset, which is none.
const (
	SSLVerifyUnset SSLVerifyClient = iota
	SSLVerifyNone
	SSLVerifyOptional
	SSLVerifyRequire
	SSLVerifyOptionalNoCA // ask, accept any certificate, record the result
)

// SSLProtocols is the set of protocol versions SSLProtocol enables.
type SSLProtocols uint8

// The protocols SSLProtocol names. SSLv2 and SSLv3 do not exist in the
// OpenSSL Apache is built with.
const (
	SSLProtocolTLSv1 SSLProtocols = 1 << iota
	SSLProtocolTLSv1_1
	SSLProtocolTLSv1_2
	SSLProtocolTLSv1_3
	SSLProtocolAll = SSLProtocolTLSv1 | SSLProtocolTLSv1_1 | SSLProtocolTLSv1_2 | SSLProtocolTLSv1_3
)

// Versions returns the TLS versions a server with these protocols speaks,
// as Apache sets OpenSSL's bounds: up to the highest enabled, down through
// the enabled versions below it without a gap ("all -TLSv1.1" is 1.2–1.3).
// ok is false when none is enabled, which fails Apache's start (AH02231).
func (p SSLProtocols) Versions() (min, max uint16, ok bool) {
	order := []struct {
		p SSLProtocols
		v uint16
	}{{SSLProtocolTLSv1_3, tls.VersionTLS13}, {SSLProtocolTLSv1_2, tls.VersionTLS12},
		{SSLProtocolTLSv1_1, tls.VersionTLS11}, {SSLProtocolTLSv1, tls.VersionTLS10}}
	for _, o := range order {
		switch {
		case max == 0 && p&o.p != 0:
			max, min = o.v, o.v
		case max != 0 && p&o.p != 0 && o.v == min-1:
			min = o.v
		}
	}
	return min, max, max != 0
}

// SSLCipherSuite is an SSLCipherSuite (or SSLProxyCipherSuite) for TLS 1.2
// and older: the string Apache gives OpenSSL and what OpenSSL makes of it.
type SSLCipherSuite struct {
	// Spec is the argument with ":!aNULL:!eNULL:!EXP" appended, as Apache
	// always does.
	Spec string
	// Suites are the suites Go offers among OpenSSL's selection, in
	// OpenSSL's order.
	Suites []uint16
	// SecurityLevel is what an @SECLEVEL=n in Spec set, or -1. At level 1
	// and up OpenSSL refuses TLS 1.0 and 1.1.
	SecurityLevel int
	// Err is OpenSSL's refusal of Spec (invalid command, no cipher match):
	// Apache fails to start with AH01898 on a server with TLS on.
	Err error
}

// sslDefaultCipherSuite is what Apache uses without SSLCipherSuite: the
// OpenSSL default list, with its own exclusions appended; made on first
// use, as only a server with TLS on and no SSLCipherSuite needs it.
var sslDefaultCipherSuite = sync.OnceValue(func() *SSLCipherSuite {
	return newSSLCipherSuite("ALL:!COMPLEMENTOFDEFAULT:!eNULL")
})

func newSSLCipherSuite(arg string) *SSLCipherSuite {
	s := &SSLCipherSuite{Spec: arg + ":!aNULL:!eNULL:!EXP", SecurityLevel: -1}
	list, level, err := evalCipherList(s.Spec)
	s.Err, s.SecurityLevel = err, level
	for _, c := range list {
		if goCipherSuites[c.id] {
			s.Suites = append(s.Suites, c.id)
		}
	}
	return s
}

// SSLRevocationCheck is SSLCARevocationCheck's (or the proxy's) setting.
type SSLRevocationCheck struct {
	Mode           string // "none", "leaf" or "chain", lower-cased
	NoCRLForCertOK bool   // no_crl_for_cert_ok: a missing CRL is not an error
}

// SSLPassPhraseDialog is how encrypted private keys get their pass phrase.
type SSLPassPhraseDialog struct {
	Kind string // "builtin", "exec" or "pipe"
	Path string // the program; resolved for exec, as written for pipe
}

// SSLSessionCache is SSLSessionCache or SSLStaplingCache: a socache
// provider and its argument.
type SSLSessionCache struct {
	// Provider is "none", "nonenotnull" (both: no cache) or a socache
	// provider name: shmcb (and its alias default), dbm, memcache, redis.
	Provider string
	Arg      string // what follows the colon
	Path     string // shmcb, dbm: the file, resolved
	Size     int64  // shmcb: the size in bytes (524288 when not given)
}

// SSLRandomSeed is one SSLRandomSeed. Go seeds from the system; the model
// keeps what Apache checked.
type SSLRandomSeed struct {
	Context string // "startup" or "connect"
	Source  string // "builtin", "file" or "exec"
	Path    string
	Bytes   int
}

// Versions returns the TLS versions the server speaks with its SSLProtocol
// and cipher security level, as Apache with OpenSSL 3: below level 1
// (@SECLEVEL=0) TLS 1.0 and 1.1 remain possible, else 1.2 is the floor.
// ok is false when no version remains.
func (s *SSLServerConfig) Versions() (min, max uint16, ok bool) {
	p := SSLProtocolAll
	if s.Protocol != nil {
		p = *s.Protocol
	}
	if min, max, ok = p.Versions(); !ok {
		return 0, 0, false
	}
	if s.EffectiveCipherSuite().SecurityLevel != 0 && min < tls.VersionTLS12 {
		min = tls.VersionTLS12
	}
	return min, max, min <= max
}

// EffectiveCipherSuite is the server's SSLCipherSuite or Apache's default.
func (s *SSLServerConfig) EffectiveCipherSuite() *SSLCipherSuite {
	if s.CipherSuite != nil {
		return s.CipherSuite
	}
	return sslDefaultCipherSuite()
}

// mergeServer fills what a virtual host left unset from the main server, as
// ssl_config_server_merge.
func (s *SSLServerConfig) mergeServer(main *SSLServerConfig) {
	sslInherit(&s.Engine, main.Engine)
	s.CertificateFiles = mergeSSLCertKeys(main.CertificateFiles, s.CertificateFiles)
	s.CertificateKeyFiles = mergeSSLCertKeys(main.CertificateKeyFiles, s.CertificateKeyFiles)
	pairs := []struct{ dst, src *string }{
		{&s.CertificateChainFile, &main.CertificateChainFile}, {&s.SessionTicketKeyFile, &main.SessionTicketKeyFile},
		{&s.CACertificateFile, &main.CACertificateFile}, {&s.CACertificatePath, &main.CACertificatePath},
		{&s.CADNRequestFile, &main.CADNRequestFile}, {&s.CADNRequestPath, &main.CADNRequestPath},
		{&s.CARevocationFile, &main.CARevocationFile}, {&s.CARevocationPath, &main.CARevocationPath},
		{&s.TLS13CipherSuites, &main.TLS13CipherSuites},
	}
	for _, p := range pairs {
		sslInherit(p.dst, *p.src)
	}
	sslInherit(&s.CARevocationCheck, main.CARevocationCheck)
	sslInherit(&s.VerifyClient, main.VerifyClient)
	sslInherit(&s.VerifyDepth, main.VerifyDepth)
	sslInherit(&s.Protocol, main.Protocol)
	sslInherit(&s.CipherSuite, main.CipherSuite)
	for _, p := range []struct{ dst, src **bool }{
		{&s.HonorCipherOrder, &main.HonorCipherOrder}, {&s.Compression, &main.Compression},
		{&s.SessionTickets, &main.SessionTickets}, {&s.InsecureRenegotiation, &main.InsecureRenegotiation},
		{&s.StrictSNIVHostCheck, &main.StrictSNIVHostCheck}, {&s.UseStapling, &main.UseStapling},
		{&s.FIPS, &main.FIPS},
	} {
		sslInherit(p.dst, *p.src)
	}
	sslInherit(&s.SessionCacheTimeout, main.SessionCacheTimeout)
	sslInherit(&s.PassPhraseDialog, main.PassPhraseDialog)
	sslInherit(&s.SessionCache, main.SessionCache)
	sslInherit(&s.StaplingCache, main.StaplingCache)
	if s.RandomSeeds == nil {
		s.RandomSeeds = main.RandomSeeds
	}
}

// sslInherit sets *dst to parent when *dst is unset (its zero value), as
// Apache's cfgMerge.
func sslInherit[T comparable](dst *T, parent T) {
	var unset T
	if *dst == unset {
		*dst = parent
	}
}

// sslCertKeysMax is Apache's CERTKEYS_IDX_MAX: a virtual host's first
// three certificates (or keys) replace the main server's at the same place.
const sslCertKeysMax = 2

// mergeSSLCertKeys merges the certificate (or key) lists as Apache's
// modssl_ctx_cfg_merge_certkeys_array: the host's first entries knock out
// the main server's at their index, the main server's others follow, then
// the host's beyond the third.
func mergeSSLCertKeys(base, add []string) []string {
	var out []string
	i := 0
	for ; i < len(add) && i <= sslCertKeysMax; i++ {
		out = append(out, add[i])
	}
	for ; i < len(base); i++ {
		out = append(out, base[i])
	}
	for i = sslCertKeysMax + 1; i < len(add); i++ {
		out = append(out, add[i])
	}
	return out
}

// SSLDirConfig is mod_ssl's per-directory config (SSLDirConfigRec),
// including the SSLProxy* settings, which Apache keeps per directory so
// that <Proxy> sections can differ. A zero value or nil pointer is unset.
type SSLDirConfig struct {
	// RequireSSL is SSLRequireSSL: refuse the request (403) unless it came
	// over TLS.
	RequireSSL bool
	Options    SSLOptions
	// CipherSuite, VerifyClient and VerifyDepth set inside a section make
	// Apache renegotiate (TLS 1.2) or ask for a certificate after the
	// handshake (TLS 1.3) for requests there.
	CipherSuite     *SSLCipherSuite
	VerifyClient    SSLVerifyClient
	VerifyDepth     *int
	UserName        string // SSLUserName: the SSL variable that becomes REMOTE_USER
	RenegBufferSize *int   // SSLRenegBufferSize, bytes; default 131072
	Proxy           SSLProxyConfig
}

// SSLOption is one SSLOptions keyword, a bit.
type SSLOption uint8

// The SSLOptions keywords.
const (
	SSLOptStdEnvVars SSLOption = 1 << iota
	SSLOptExportCertData
	SSLOptFakeBasicAuth
	SSLOptStrictRequire
	SSLOptOptRenegotiate
	SSLOptLegacyDNStringFormat
)

// SSLOptions is the SSLOptions of a context, kept as Apache keeps it so
// that merging is right: Set is what holds here, Add and Del what "+" and
// "-" changed; Absolute is set once a keyword without "+"/"-" was given,
// after which the parent's options no longer count.
type SSLOptions struct {
	Set, Add, Del SSLOption
	Absolute      bool
}

// Has reports whether opt is in force.
func (o SSLOptions) Has(opt SSLOption) bool { return o.Set&opt != 0 }

func (o SSLOptions) merge(parent SSLOptions) SSLOptions {
	if o.Absolute {
		return o
	}
	m := SSLOptions{Absolute: parent.Absolute}
	m.Add = parent.Add&^o.Del | o.Add
	m.Del = parent.Del&^o.Add | o.Del
	m.Set = parent.Set&^m.Del | m.Add
	return m
}

// SSLProxyConfig is the SSLProxy* settings: how mod_proxy's connections to
// https backends are made.
type SSLProxyConfig struct {
	Engine            *bool // SSLProxyEngine
	Protocol          *SSLProtocols
	CipherSuite       *SSLCipherSuite
	TLS13CipherSuites string
	Verify            SSLVerifyClient // SSLProxyVerify; unset is none
	VerifyDepth       *int
	CACertificateFile string
	CACertificatePath string
	CARevocationFile  string
	CARevocationPath  string
	CARevocationCheck *SSLRevocationCheck
	// The client certificates offered to backends.
	MachineCertificateFile      string
	MachineCertificatePath      string
	MachineCertificateChainFile string
	CheckPeerExpire             *bool // default on
	CheckPeerCN                 *bool // default on
	CheckPeerName               *bool // default on
}

func (d *SSLDirConfig) merge(parent *SSLDirConfig) SSLDirConfig {
	m := *d
	m.RequireSSL = d.RequireSSL || parent.RequireSSL
	m.Options = d.Options.merge(parent.Options)
	sslInherit(&m.CipherSuite, parent.CipherSuite)
	sslInherit(&m.VerifyClient, parent.VerifyClient)
	sslInherit(&m.VerifyDepth, parent.VerifyDepth)
	sslInherit(&m.UserName, parent.UserName)
	sslInherit(&m.RenegBufferSize, parent.RenegBufferSize)
	m.Proxy = d.Proxy.merge(&parent.Proxy)
	return m
}

func (p *SSLProxyConfig) merge(parent *SSLProxyConfig) SSLProxyConfig {
	m := *p
	for _, b := range []struct{ dst, src **bool }{{&m.Engine, &parent.Engine},
		{&m.CheckPeerExpire, &parent.CheckPeerExpire}, {&m.CheckPeerCN, &parent.CheckPeerCN},
		{&m.CheckPeerName, &parent.CheckPeerName}} {
		sslInherit(b.dst, *b.src)
	}
	for _, s := range []struct{ dst, src *string }{{&m.TLS13CipherSuites, &parent.TLS13CipherSuites},
		{&m.CACertificateFile, &parent.CACertificateFile}, {&m.CACertificatePath, &parent.CACertificatePath},
		{&m.CARevocationFile, &parent.CARevocationFile}, {&m.CARevocationPath, &parent.CARevocationPath},
		{&m.MachineCertificateFile, &parent.MachineCertificateFile},
		{&m.MachineCertificatePath, &parent.MachineCertificatePath},
		{&m.MachineCertificateChainFile, &parent.MachineCertificateChainFile}} {
		sslInherit(s.dst, *s.src)
	}
	sslInherit(&m.Protocol, parent.Protocol)
	sslInherit(&m.CipherSuite, parent.CipherSuite)
	sslInherit(&m.Verify, parent.Verify)
	sslInherit(&m.VerifyDepth, parent.VerifyDepth)
	sslInherit(&m.CARevocationCheck, parent.CARevocationCheck)
	return m
}

// sslProxyCommands are the SSLProxy* directives; they fill the per-directory
// config, the server's defaults outside <Proxy>.
var sslProxyCommands = []*Command{
	{Name: "SSLProxyEngine", How: Flag, Where: sslPxy, Run: sslProxyFlag(func(p *SSLProxyConfig) **bool { return &p.Engine })},
	{Name: "SSLProxyProtocol", How: RawArgs, Where: sslPxy, Run: setSSLProtocol(func(c *Cmd) **SSLProtocols { return &c.Dir.SSL.Proxy.Protocol })},
	{Name: "SSLProxyCipherSuite", How: Take12, Where: sslPxy, Run: setSSLProxyCipherSuite,
		Usage: "SSL Proxy: colon-delimited list of permitted SSL ciphers , optionally preceded by protocol specifier ('XXX:...:XXX' - see manual)"},
	{Name: "SSLProxyVerify", How: Take1, Where: sslPxy, Run: setSSLProxyVerify,
		Usage: "SSL Proxy: whether to verify the remote certificate ('on' or 'off')"},
	{Name: "SSLProxyVerifyDepth", How: Take1, Where: sslPxy, Run: setSSLProxyVerifyDepth,
		Usage: "SSL Proxy: maximum certificate verification depth ('N' - number of intermediate certificates)"},
	{Name: "SSLProxyCACertificateFile", How: Take1, Where: sslPxy, Run: sslProxyPath(false, func(p *SSLProxyConfig) *string { return &p.CACertificateFile }),
		Usage: "SSL Proxy: file containing server certificates ('/path/to/file' - PEM encoded certificates)"},
	{Name: "SSLProxyCACertificatePath", How: Take1, Where: sslPxy, Run: sslProxyPath(true, func(p *SSLProxyConfig) *string { return &p.CACertificatePath }),
		Usage: "SSL Proxy: directory containing server certificates ('/path/to/dir' - contains PEM encoded certificates)"},
	{Name: "SSLProxyCARevocationPath", How: Take1, Where: sslPxy, Run: sslProxyPath(true, func(p *SSLProxyConfig) *string { return &p.CARevocationPath }),
		Usage: "SSL Proxy: CA Certificate Revocation List (CRL) path ('/path/to/dir' - contains PEM encoded files)"},
	{Name: "SSLProxyCARevocationFile", How: Take1, Where: sslPxy, Run: sslProxyPath(false, func(p *SSLProxyConfig) *string { return &p.CARevocationFile }),
		Usage: "SSL Proxy: CA Certificate Revocation List (CRL) file ('/path/to/file' - PEM encoded)"},
	{Name: "SSLProxyCARevocationCheck", How: RawArgs, Where: sslPxy, Run: setSSLRevocationCheck(func(c *Cmd) **SSLRevocationCheck { return &c.Dir.SSL.Proxy.CARevocationCheck })},
	{Name: "SSLProxyMachineCertificateFile", How: Take1, Where: sslPxy, Run: sslProxyPath(false, func(p *SSLProxyConfig) *string { return &p.MachineCertificateFile }),
		Usage: "SSL Proxy: file containing client certificates ('/path/to/file' - PEM encoded certificates)"},
	{Name: "SSLProxyMachineCertificatePath", How: Take1, Where: sslPxy, Run: sslProxyPath(true, func(p *SSLProxyConfig) *string { return &p.MachineCertificatePath }),
		Usage: "SSL Proxy: directory containing client certificates ('/path/to/dir' - contains PEM encoded certificates)"},
	{Name: "SSLProxyMachineCertificateChainFile", How: Take1, Where: sslPxy, Run: sslProxyPath(false, func(p *SSLProxyConfig) *string { return &p.MachineCertificateChainFile }),
		Usage: "SSL Proxy: file containing issuing certificates of the client certificate (`/path/to/file' - PEM encoded certificates)"},
	{Name: "SSLProxyCheckPeerExpire", How: Flag, Where: sslPxy, Run: sslProxyFlag(func(p *SSLProxyConfig) **bool { return &p.CheckPeerExpire })},
	{Name: "SSLProxyCheckPeerCN", How: Flag, Where: sslPxy, Run: sslProxyFlag(func(p *SSLProxyConfig) **bool { return &p.CheckPeerCN })},
	{Name: "SSLProxyCheckPeerName", How: Flag, Where: sslPxy, Run: sslProxyFlag(func(p *SSLProxyConfig) **bool { return &p.CheckPeerName })},
}

// sslCheckFile resolves a file a directive names and requires it to be a
// non-empty regular file, as ssl_cmd_check_file.
func sslCheckFile(c *Cmd, arg string) (string, error) {
	path := c.ServerRootRelative(arg)
	if fi, err := c.Files().Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() > 0 {
		return path, nil
	}
	return "", fmt.Errorf("%s: file '%s' does not exist or is empty", c.Command.Name, path)
}

// sslCheckDir resolves a directory a directive names and requires it to
// exist, as ssl_cmd_check_dir.
func sslCheckDir(c *Cmd, arg string) (string, error) {
	path := c.ServerRootRelative(arg)
	if fi, err := c.Files().Stat(path); err == nil && fi.IsDir() {
		return path, nil
	}
	return "", fmt.Errorf("%s: directory '%s' does not exist", c.Command.Name, path)
}

func sslServerFile(field func(*SSLServerConfig) *string) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		path, err := sslCheckFile(c, args[0])
		if err == nil {
			*field(&c.Server.SSL) = path
		}
		return err
	}
}

func sslServerDir(field func(*SSLServerConfig) *string) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		path, err := sslCheckDir(c, args[0])
		if err == nil {
			*field(&c.Server.SSL) = path
		}
		return err
	}
}

func sslServerFlag(field func(*SSLServerConfig) **bool) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		*field(&c.Server.SSL) = ptr(args[0] == "on")
		return nil
	}
}

func sslProxyFlag(field func(*SSLProxyConfig) **bool) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		*field(&c.Dir.SSL.Proxy) = ptr(args[0] == "on")
		return nil
	}
}

func sslProxyPath(dir bool, field func(*SSLProxyConfig) *string) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		check := sslCheckFile
		if dir {
			check = sslCheckDir
		}
		path, err := check(c, args[0])
		if err == nil {
			*field(&c.Dir.SSL.Proxy) = path
		}
		return err
	}
}

// addSSLCertificate appends an SSLCertificateFile or SSLCertificateKeyFile.
// A PKCS#11 URI is not a file and is not checked, as in Apache.
func addSSLCertificate(key bool) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		path := args[0]
		if strings.HasPrefix(path, "pkcs11:") {
			c.Warn("%s %s: gohttpd cannot use keys held in a PKCS#11 token", c.Command.Name, path)
		} else {
			var err error
			if path, err = sslCheckFile(c, path); err != nil {
				return err
			}
		}
		s := &c.Server.SSL
		if key {
			s.CertificateKeyFiles = append(s.CertificateKeyFiles, path)
		} else {
			s.CertificateFiles = append(s.CertificateFiles, path)
		}
		return nil
	}
}

// setSSLCA is SSLCACertificateFile and SSLCACertificatePath: the file is
// checked before the context, as in Apache, and sections are refused.
func setSSLCA(dir bool) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		check, field := sslCheckFile, &c.Server.SSL.CACertificateFile
		if dir {
			check, field = sslCheckDir, &c.Server.SSL.CACertificatePath
		}
		path, err := check(c, args[0])
		if err != nil {
			return err
		}
		if c.Section != nil {
			return errors.New("Your SSL library does not have support for per-directory CA")
		}
		*field = path
		return nil
	}
}

func setSSLEngine(c *Cmd, args []string) error {
	switch strings.ToLower(args[0]) {
	case "on":
		c.Server.SSL.Engine = SSLEngineOn
	case "off":
		c.Server.SSL.Engine = SSLEngineOff
	case "optional":
		c.Warn("AH10510: 'SSLEngine optional' is no longer supported")
		c.Server.SSL.Engine = SSLEngineOff
	default:
		return errors.New("Argument must be On or Off")
	}
	return nil
}

func setSSLFIPS(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	c.Server.SSL.FIPS = ptr(args[0] == "on")
	return nil
}

func setSSLCompression(c *Cmd, args []string) error {
	if args[0] == "on" {
		return errors.New("This version of OpenSSL does not have any compression methods available, cannot enable SSLCompression.")
	}
	c.Server.SSL.Compression = ptr(false)
	return nil
}

func setSSLUserName(c *Cmd, args []string) error {
	c.Dir.SSL.UserName = args[0]
	return nil
}

func setSSLRequireSSL(c *Cmd, _ []string) error {
	c.Dir.SSL.RequireSSL = true
	return nil
}

func setSSLRenegBufferSize(c *Cmd, args []string) error {
	n := cAtoi(args[0])
	if n < 0 {
		return fmt.Errorf("Invalid size for SSLRenegBufferSize: %s", args[0])
	}
	c.Dir.SSL.RenegBufferSize = ptr(n)
	return nil
}

func setSSLSessionCacheTimeout(c *Cmd, args []string) error {
	n := cAtoi(args[0])
	if n < 0 {
		return errors.New("SSLSessionCacheTimeout: Invalid argument")
	}
	c.Server.SSL.SessionCacheTimeout = ptr(n)
	return nil
}

// setSSLCipherSuite is SSLCipherSuite [protocol] spec: "SSL" (the default)
// for TLS 1.2 and older, "TLSv1.3" for TLS 1.3, which only a server may set.
func setSSLCipherSuite(c *Cmd, args []string) error {
	cs, tls13, err := cipherSuiteArgs(c, args)
	switch {
	case err != nil:
		return err
	case cs != nil && c.Section != nil:
		c.Dir.SSL.CipherSuite = cs
	case cs != nil:
		c.Server.SSL.CipherSuite = cs
	case c.Section != nil:
		return errors.New("TLSv1.3 ciphers cannot be set inside a directory context")
	default:
		c.Warn("%s TLSv1.3 %s: Go's crypto/tls always offers its own TLS 1.3 suites", c.Command.Name, tls13)
		c.Server.SSL.TLS13CipherSuites = tls13
	}
	return nil
}

// setSSLProxyCipherSuite is SSLProxyCipherSuite, with SSLCipherSuite's
// arguments.
func setSSLProxyCipherSuite(c *Cmd, args []string) error {
	cs, tls13, err := cipherSuiteArgs(c, args)
	switch {
	case err != nil:
		return err
	case cs != nil:
		c.Dir.SSL.Proxy.CipherSuite = cs
	default:
		c.Dir.SSL.Proxy.TLS13CipherSuites = tls13
	}
	return nil
}

// cipherSuiteArgs reads "[protocol] spec": the evaluated suites for "SSL"
// (the default), or the TLS 1.3 spec as written for "TLSv1.3".
func cipherSuiteArgs(c *Cmd, args []string) (cs *SSLCipherSuite, tls13 string, err error) {
	proto, spec := "SSL", args[0]
	if len(args) == 2 {
		proto, spec = args[0], args[1]
	}
	switch proto {
	case "SSL":
		cs = newSSLCipherSuite(spec)
		warnSSLCipherSuite(c, cs)
		return cs, "", nil
	case "TLSv1.3":
		return nil, spec, nil
	}
	return nil, "", fmt.Errorf("protocol '%s' not supported", proto)
}

// warnSSLCipherSuite says, when the config is read, what Apache would only
// find at start or at the first handshake.
func warnSSLCipherSuite(c *Cmd, cs *SSLCipherSuite) {
	switch {
	case cs.Err != nil:
		c.Warn("%s %s: OpenSSL refuses it (%v); Apache fails to start with AH01898 where TLS is on", c.Command.Name, cs.Spec, cs.Err)
	case len(cs.Suites) == 0:
		c.Warn("%s %s: Go's crypto/tls has none of the suites OpenSSL selects; only TLS 1.3 can be spoken", c.Command.Name, cs.Spec)
	}
}

// setSSLProtocol is SSLProtocol and SSLProxyProtocol: each directive starts
// from no protocol; "+" adds, "-" removes, a bare name replaces (with
// Apache's warning AH02532 when something was set before it).
func setSSLProtocol(field func(*Cmd) **SSLProtocols) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		var p SSLProtocols
		for _, w := range parser.Words(args[0]) {
			var action byte
			if w != "" && (w[0] == '+' || w[0] == '-') {
				action, w = w[0], w[1:]
			}
			this, skip, err := sslProtocolName(c, w, action)
			if err != nil {
				return err
			}
			switch {
			case skip:
			case action == '-':
				p &^= this
			case action == '+':
				p |= this
			default:
				if p != 0 {
					c.Warn("AH02532: %s: Protocol '%s' overrides already set parameter(s). Check if a +/- prefix is missing.", c.Command.Name, w)
				}
				p = this
			}
		}
		*field(c) = &p
		return nil
	}
}

// sslProtocolName looks up one SSLProtocol keyword; skip is set for the
// removal of a protocol OpenSSL does not have.
func sslProtocolName(c *Cmd, w string, action byte) (p SSLProtocols, skip bool, err error) {
	switch strings.ToLower(w) {
	case "sslv2":
		if action == '-' {
			return 0, true, nil
		}
		return 0, false, errors.New("SSLProtocol: SSLv2 is no longer supported")
	case "sslv3":
		if action == '-' {
			return 0, true, nil
		}
		return 0, false, errors.New("SSLv3 not supported by this version of OpenSSL")
	case "tlsv1":
		return SSLProtocolTLSv1, false, nil
	case "tlsv1.1":
		return SSLProtocolTLSv1_1, false, nil
	case "tlsv1.2":
		return SSLProtocolTLSv1_2, false, nil
	case "tlsv1.3":
		return SSLProtocolTLSv1_3, false, nil
	case "all":
		return SSLProtocolAll, false, nil
	}
	return 0, false, fmt.Errorf("%s: Illegal protocol '%s'", c.Command.Name, w)
}

// parseSSLVerify parses SSLVerifyClient's and SSLProxyVerify's argument.
func parseSSLVerify(c *Cmd, arg string) (SSLVerifyClient, error) {
	switch strings.ToLower(arg) {
	case "none", "off":
		return SSLVerifyNone, nil
	case "optional":
		return SSLVerifyOptional, nil
	case "require", "on":
		return SSLVerifyRequire, nil
	case "optional_no_ca":
		return SSLVerifyOptionalNoCA, nil
	}
	return 0, fmt.Errorf("%s: Invalid argument '%s'", c.Command.Name, arg)
}

// parseSSLVerifyDepth parses a depth as Apache: atoi, so "abc" is 0.
func parseSSLVerifyDepth(c *Cmd, arg string) (int, error) {
	if d := cAtoi(arg); d >= 0 {
		return d, nil
	}
	return 0, fmt.Errorf("%s: Invalid argument '%s'", c.Command.Name, arg)
}

func setSSLVerifyClient(c *Cmd, args []string) error {
	mode, err := parseSSLVerify(c, args[0])
	if err != nil {
		return err
	}
	if c.Section != nil {
		c.Dir.SSL.VerifyClient = mode
	} else {
		c.Server.SSL.VerifyClient = mode
	}
	return nil
}

func setSSLVerifyDepth(c *Cmd, args []string) error {
	d, err := parseSSLVerifyDepth(c, args[0])
	if err != nil {
		return err
	}
	if c.Section != nil {
		c.Dir.SSL.VerifyDepth = &d
	} else {
		c.Server.SSL.VerifyDepth = &d
	}
	return nil
}

func setSSLProxyVerify(c *Cmd, args []string) error {
	mode, err := parseSSLVerify(c, args[0])
	if err == nil {
		c.Dir.SSL.Proxy.Verify = mode
	}
	return err
}

func setSSLProxyVerifyDepth(c *Cmd, args []string) error {
	d, err := parseSSLVerifyDepth(c, args[0])
	if err == nil {
		c.Dir.SSL.Proxy.VerifyDepth = &d
	}
	return err
}

// setSSLRevocationCheck is SSLCARevocationCheck and its proxy form:
// none|leaf|chain, then optional no_crl_for_cert_ok flags.
func setSSLRevocationCheck(field func(*Cmd) **SSLRevocationCheck) func(*Cmd, []string) error {
	return func(c *Cmd, args []string) error {
		words := parser.Words(args[0])
		if len(words) == 0 {
			words = []string{""}
		}
		mode := strings.ToLower(words[0])
		if mode != "none" && mode != "leaf" && mode != "chain" {
			return fmt.Errorf("%s: Invalid argument '%s'", c.Command.Name, words[0])
		}
		check := &SSLRevocationCheck{Mode: mode}
		for _, w := range words[1:] {
			if !strings.EqualFold(w, "no_crl_for_cert_ok") {
				return fmt.Errorf("%s: Invalid argument '%s'", c.Command.Name, w)
			}
			check.NoCRLForCertOK = true
		}
		*field(c) = check
		return nil
	}
}

// sslOptionNames are the SSLOptions keywords, matched case-insensitively.
var sslOptionNames = map[string]SSLOption{
	"stdenvvars": SSLOptStdEnvVars, "exportcertdata": SSLOptExportCertData,
	"fakebasicauth": SSLOptFakeBasicAuth, "strictrequire": SSLOptStrictRequire,
	"optrenegotiate": SSLOptOptRenegotiate, "legacydnstringformat": SSLOptLegacyDNStringFormat,
}

// setSSLOptions applies SSLOptions as ssl_cmd_SSLOptions, quirk included:
// each keyword without "+"/"-" replaces the set, so of "A B" only B holds.
func setSSLOptions(c *Cmd, args []string) error {
	o := &c.Dir.SSL.Options
	first := true
	for _, w := range parser.Words(args[0]) {
		var action byte
		if w != "" && (w[0] == '+' || w[0] == '-') {
			action, w = w[0], w[1:]
		} else if first {
			o.Set, o.Absolute, first = 0, true, false
		}
		opt, ok := sslOptionNames[strings.ToLower(w)]
		if !ok {
			return fmt.Errorf("SSLOptions: Illegal option '%s'", w)
		}
		switch action {
		case '-':
			o.Add, o.Del, o.Set = o.Add&^opt, o.Del|opt, o.Set&^opt
		case '+':
			o.Add, o.Del, o.Set = o.Add|opt, o.Del&^opt, o.Set|opt
		default:
			o.Set, o.Add, o.Del = opt, opt, 0
		}
	}
	return nil
}

func setSSLPassPhraseDialog(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	arg := args[0]
	var d SSLPassPhraseDialog
	switch {
	case strings.EqualFold(arg, "builtin"):
		d.Kind = "builtin"
	case len(arg) > 5 && strings.HasPrefix(arg, "exec:"):
		d.Kind, d.Path = "exec", c.ServerRootRelative(arg[5:])
		if _, err := c.Files().Stat(d.Path); err != nil {
			return fmt.Errorf("SSLPassPhraseDialog: file '%s' does not exist", d.Path)
		}
	case len(arg) > 1 && arg[0] == '|':
		d.Kind, d.Path = "pipe", arg[1:]
	default:
		return errors.New("SSLPassPhraseDialog: Invalid argument")
	}
	c.Server.SSL.PassPhraseDialog = &d
	return nil
}

func setSSLCryptoDevice(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	switch {
	case strings.EqualFold(args[0], "builtin"):
		return nil
	case args[0] == "dynamic": // the one engine Debian's OpenSSL 3 has
		return sslNotImplemented(c, args)
	}
	return errors.New("SSLCryptoDevice: Invalid argument; must be one of: 'builtin' (none), 'dynamic' (Dynamic engine loading support)")
}

// setSSLRandomSeed is SSLRandomSeed context source [bytes]. Go's TLS seeds
// from the system; the seeds are checked and kept as Apache does.
func setSSLRandomSeed(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	seed := SSLRandomSeed{Context: strings.ToLower(args[0])}
	if seed.Context != "startup" && seed.Context != "connect" {
		return fmt.Errorf("SSLRandomSeed: invalid context: `%s'", args[0])
	}
	src := args[1]
	switch {
	case len(src) > 5 && strings.HasPrefix(src, "file:"):
		seed.Source, seed.Path = "file", c.ServerRootRelative(src[5:])
	case len(src) > 5 && strings.HasPrefix(src, "exec:"):
		seed.Source, seed.Path = "exec", c.ServerRootRelative(src[5:])
	case len(src) > 4 && strings.HasPrefix(src, "egd:"):
		return fmt.Errorf("Invalid SSLRandomSeed entropy source `%s': This version of OpenSSL does not support the Entropy Gathering Daemon (EGD).", src)
	case strings.EqualFold(src, "builtin"):
		seed.Source = "builtin"
	default:
		seed.Source, seed.Path = "file", c.ServerRootRelative(src)
	}
	if seed.Source != "builtin" {
		if _, err := c.Files().Stat(seed.Path); err != nil {
			return fmt.Errorf("SSLRandomSeed: source path '%s' does not exist", seed.Path)
		}
	}
	if len(args) == 3 {
		if seed.Source == "builtin" {
			return errors.New("SSLRandomSeed: byte specification not allowed for builtin seed source")
		}
		if seed.Bytes = cAtoi(args[2]); seed.Bytes < 0 {
			return errors.New("SSLRandomSeed: invalid number of bytes specified")
		}
	}
	c.Server.SSL.RandomSeeds = append(c.Server.SSL.RandomSeeds, seed)
	return nil
}

func setSSLSessionCache(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	arg := args[0]
	if strings.EqualFold(arg, "none") || strings.EqualFold(arg, "nonenotnull") {
		c.Server.SSL.SessionCache = &SSLSessionCache{Provider: strings.ToLower(arg)}
		return nil
	}
	cache, err := sslSocache(c, arg, "'%s' session cache not supported (known names: %s). Maybe you need to load the appropriate socache module (mod_socache_%s?).")
	if err != nil {
		return fmt.Errorf("SSLSessionCache: %w", err)
	}
	c.Server.SSL.SessionCache = cache
	return nil
}

func setSSLStaplingCache(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	cache, err := sslSocache(c, args[0], "'%s' stapling cache not supported (known names: %s) Maybe you need to load the appropriate socache module (mod_socache_%s?)")
	if err != nil {
		return fmt.Errorf("SSLStaplingCache: %w", err)
	}
	c.Server.SSL.StaplingCache = cache
	return nil
}

// sslSocacheProviders are the socache providers and the modules that
// register them, in one of the orders Apache lists them in (it walks a
// hash table, so its order varies from run to run).
var sslSocacheProviders = []struct{ name, module string }{
	{"shmcb", "socache_shmcb_module"}, {"dbm", "socache_dbm_module"},
	{"memcache", "socache_memcache_module"}, {"default", "socache_shmcb_module"},
	{"redis", "socache_redis_module"}, {"dc", "socache_dc_module"},
}

// sslSocache looks up "name[:arg]" among the providers of the loaded
// socache modules and checks arg as the provider's create function does.
func sslSocache(c *Cmd, spec, unknown string) (*SSLSessionCache, error) {
	name, arg, _ := strings.Cut(spec, ":")
	var known []string
	found := false
	for _, p := range sslSocacheProviders {
		if c.ModuleLoaded(p.module) {
			known = append(known, p.name)
			found = found || p.name == name
		}
	}
	if !found {
		return nil, fmt.Errorf(unknown, name, strings.Join(known, ","), name)
	}
	cache := &SSLSessionCache{Provider: name, Arg: arg}
	switch name {
	case "shmcb", "default":
		return cache, parseSSLShmcb(c, cache)
	case "dbm":
		if arg != "" {
			cache.Path = c.ServerRootRelative(arg)
		}
	}
	return cache, nil
}

// sslShmcbMax is mod_socache_shmcb's SHMCB_MAX_SIZE on 64-bit Linux.
const sslShmcbMax = 1<<32 - 1

// parseSSLShmcb reads shmcb's "path(size)" as socache_shmcb_create.
func parseSSLShmcb(c *Cmd, cache *SSLSessionCache) error {
	cache.Size = 512 * 1024
	if cache.Arg == "" {
		return nil
	}
	path := c.ServerRootRelative(cache.Arg)
	cache.Path = path
	open := strings.LastIndexByte(path, '(')
	closed := strings.HasSuffix(path, ")")
	switch {
	case open < 0 && closed:
		return errors.New("Invalid argument: no opening parenthesis")
	case open < 0:
		return nil
	case !closed:
		return errors.New("Invalid argument: no closing parenthesis or cache size missing after pathname with parenthesis")
	}
	n, rest, _, _ := cStrtol(path[open+1 : len(path)-1])
	if rest != "" {
		return errors.New("Invalid argument: cache size not numerical")
	}
	// The size is unsigned in Apache: a negative one is huge.
	if n >= 0 && n < 8192 {
		return errors.New("Invalid argument: size has to be >= 8192 bytes")
	}
	if n < 0 || n >= sslShmcbMax {
		return fmt.Errorf("Invalid argument: size has to be < %d bytes on this platform", int64(sslShmcbMax))
	}
	cache.Path, cache.Size = path[:open], n
	return nil
}
