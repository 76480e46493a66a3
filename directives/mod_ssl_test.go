package directives

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"
)

// sslTestFiles are a ServerRoot's certificate, key, an empty file and a CA
// directory, generated per test run rather than committed.
func sslTestFiles(t *testing.T) map[string]string {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "myregistrydomain.com"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(24 * time.Hour),
		DNSNames:     []string{"myregistrydomain.com"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"conf/domain.crt": string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
		"conf/domain.key": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8})),
		"conf/empty.pem":  "",
		"conf/ca/ca.pem":  string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})),
	}
}

// loadSSL loads conf after a LoadModule of mod_ssl (and whatever modules
// lines lists), with the test certificate files in the ServerRoot.
func loadSSL(t *testing.T, conf string, modules ...string) (*Config, error) {
	t.Helper()
	files := sslTestFiles(t)
	head := "LoadModule ssl_module modules/mod_ssl.so\n"
	for _, m := range modules {
		head += "LoadModule " + m + "_module modules/mod_" + m + ".so\n"
	}
	files["httpd.conf"] = head + conf
	return loadConfig(t, files, Options{})
}

// TestSSLDirectiveErrors checks each directive's verdict and message. The
// messages were checked against Apache 2.4 (Debian's apache2 with
// OpenSSL 3) with apache2 -t; ROOT stands for the ServerRoot.
func TestSSLDirectiveErrors(t *testing.T) {
	tests := []struct {
		conf string
		msg  string // "" when the config loads
	}{
		{"SSLEngine on", ""},
		{"SSLEngine optional", ""},
		{"SSLEngine foo", "Argument must be On or Off"},
		{"SSLEngine *:443", "Argument must be On or Off"},
		{"SSLEngine on off", "SSLEngine takes one argument, SSL switch for the protocol engine ('on', 'off')"},
		{"SSLCertificateFile conf/domain.crt", ""},
		{"SSLCertificateFile /usr/local/apache2/conf/domain.crt", "SSLCertificateFile: file '/usr/local/apache2/conf/domain.crt' does not exist or is empty"},
		{"SSLCertificateFile nope.pem", "SSLCertificateFile: file 'ROOT/nope.pem' does not exist or is empty"},
		{"SSLCertificateFile conf/empty.pem", "SSLCertificateFile: file 'ROOT/conf/empty.pem' does not exist or is empty"},
		{"SSLCertificateFile conf/ca", "SSLCertificateFile: file 'ROOT/conf/ca' does not exist or is empty"},
		{"SSLCertificateFile pkcs11:token=x", ""},
		{"SSLCertificateKeyFile nope.pem", "SSLCertificateKeyFile: file 'ROOT/nope.pem' does not exist or is empty"},
		{"SSLCertificateChainFile nope.pem", "SSLCertificateChainFile: file 'ROOT/nope.pem' does not exist or is empty"},
		{"SSLCACertificateFile nope.pem", "SSLCACertificateFile: file 'ROOT/nope.pem' does not exist or is empty"},
		{"SSLCACertificatePath nope", "SSLCACertificatePath: directory 'ROOT/nope' does not exist"},
		{"SSLCACertificatePath conf/domain.crt", "SSLCACertificatePath: directory 'ROOT/conf/domain.crt' does not exist"},
		{"<Directory /x>\nSSLCACertificateFile conf/domain.crt\n</Directory>", "Your SSL library does not have support for per-directory CA"},
		{"<Directory /x>\nSSLCACertificateFile nope.pem\n</Directory>", "SSLCACertificateFile: file 'ROOT/nope.pem' does not exist or is empty"},
		{"<Directory /x>\nSSLCACertificatePath conf/ca\n</Directory>", "Your SSL library does not have support for per-directory CA"},
		{"<Directory /x>\nSSLCertificateFile conf/domain.crt\n</Directory>", "SSLCertificateFile not allowed in <Directory> context"},
		{"SSLProtocol all -SSLv2 -SSLv3 -TLSv1", ""},
		{"SSLProtocol SSLv2", "SSLProtocol: SSLv2 is no longer supported"},
		{"SSLProtocol +SSLv2", "SSLProtocol: SSLv2 is no longer supported"},
		{"SSLProtocol SSLv3", "SSLv3 not supported by this version of OpenSSL"},
		{"SSLProtocol TLSv1.4", "SSLProtocol: Illegal protocol 'TLSv1.4'"},
		{"SSLProtocol tlsv1.2", ""},
		{"SSLProtocol", ""},
		{`SSLProtocol "+TLSv1.2 +TLSv1.3"`, "SSLProtocol: Illegal protocol 'TLSv1.2 +TLSv1.3'"},
		{"SSLProtocol +", "SSLProtocol: Illegal protocol ''"},
		{"SSLProxyProtocol foo", "SSLProxyProtocol: Illegal protocol 'foo'"},
		{"SSLProxyProtocol SSLv2", "SSLProtocol: SSLv2 is no longer supported"},
		{"SSLCipherSuite HIGH", ""},
		{"SSLCipherSuite FOO", ""}, // Apache only fails at start
		{"SSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256", ""},
		{"SSLCipherSuite TLSv1.2 HIGH", "protocol 'TLSv1.2' not supported"},
		{"SSLCipherSuite ssl HIGH", "protocol 'ssl' not supported"},
		{"SSLCipherSuite", "SSLCipherSuite takes 1-2 arguments, Colon-delimited list of permitted SSL Ciphers, optional preceded by protocol identifier ('XXX:...:XXX' - see manual)"},
		{"SSLCipherSuite a b c", "SSLCipherSuite takes 1-2 arguments, Colon-delimited list of permitted SSL Ciphers, optional preceded by protocol identifier ('XXX:...:XXX' - see manual)"},
		{"<Directory /x>\nSSLCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256\n</Directory>", "TLSv1.3 ciphers cannot be set inside a directory context"},
		{"<Location /x>\nSSLCipherSuite HIGH\n</Location>", ""},
		{"SSLHonorCipherOrder maybe", "SSLHonorCipherOrder must be On or Off"},
		{"SSLCompression on", "This version of OpenSSL does not have any compression methods available, cannot enable SSLCompression."},
		{"SSLCompression maybe", "SSLCompression must be On or Off"},
		{"<VirtualHost *:8443>\nSSLCompression off\n</VirtualHost>", ""},
		{"SSLSessionTickets off", ""},
		{"SSLSessionCache none", ""},
		{"SSLSessionCache nonenotnull", ""},
		{"SSLSessionCache shmcb:logs/x(512000)", "SSLSessionCache: 'shmcb' session cache not supported (known names: ). Maybe you need to load the appropriate socache module (mod_socache_shmcb?)."},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb", ""},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache SHMCB:x", "SSLSessionCache: 'SHMCB' session cache not supported (known names: shmcb,default). Maybe you need to load the appropriate socache module (mod_socache_SHMCB?)."},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb:x(100)", "SSLSessionCache: Invalid argument: size has to be >= 8192 bytes"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb:x(abc)", "SSLSessionCache: Invalid argument: cache size not numerical"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb:x(99999999999)", "SSLSessionCache: Invalid argument: size has to be < 4294967295 bytes on this platform"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb:x)", "SSLSessionCache: Invalid argument: no opening parenthesis"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLSessionCache shmcb:x(100", "SSLSessionCache: Invalid argument: no closing parenthesis or cache size missing after pathname with parenthesis"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\n<VirtualHost *:8443>\nSSLSessionCache shmcb:x\n</VirtualHost>", "SSLSessionCache cannot occur within <VirtualHost> section"},
		{"SSLStaplingCache foo", "SSLStaplingCache: 'foo' stapling cache not supported (known names: ) Maybe you need to load the appropriate socache module (mod_socache_foo?)"},
		{"LoadModule socache_shmcb_module modules/mod_socache_shmcb.so\nSSLStaplingCache shmcb:x(1)", "SSLStaplingCache: Invalid argument: size has to be >= 8192 bytes"},
		{"SSLUseStapling on", ""},
		{"SSLSessionCacheTimeout -1", "SSLSessionCacheTimeout: Invalid argument"},
		{"SSLSessionCacheTimeout abc", ""},
		{"SSLRandomSeed startup builtin", ""},
		{"SSLRandomSeed startup builtin 512", "SSLRandomSeed: byte specification not allowed for builtin seed source"},
		{"SSLRandomSeed foo builtin", "SSLRandomSeed: invalid context: `foo'"},
		{"SSLRandomSeed Startup file:/nonexistent", "SSLRandomSeed: source path '/nonexistent' does not exist"},
		{"SSLRandomSeed connect file:conf/domain.crt -5", "SSLRandomSeed: invalid number of bytes specified"},
		{"SSLRandomSeed connect file:conf/domain.crt abc", ""},
		{"SSLRandomSeed connect egd:/x", "Invalid SSLRandomSeed entropy source `egd:/x': This version of OpenSSL does not support the Entropy Gathering Daemon (EGD)."},
		{"SSLRandomSeed connect exec:/nonexistent", "SSLRandomSeed: source path '/nonexistent' does not exist"},
		{"SSLRandomSeed connect nonexistent", "SSLRandomSeed: source path 'ROOT/nonexistent' does not exist"},
		{"SSLRandomSeed connect", "SSLRandomSeed takes two or three arguments, SSL Pseudo Random Number Generator (PRNG) seeding source ('startup|connect builtin|file:/path|exec:/path [bytes]')"},
		{"<VirtualHost *:8443>\nSSLRandomSeed startup builtin\n</VirtualHost>", "SSLRandomSeed cannot occur within <VirtualHost> section"},
		{"SSLPassPhraseDialog foo", "SSLPassPhraseDialog: Invalid argument"},
		{"SSLPassPhraseDialog exec:/nonexistent", "SSLPassPhraseDialog: file '/nonexistent' does not exist"},
		{"SSLPassPhraseDialog exec:", "SSLPassPhraseDialog: Invalid argument"},
		{"SSLPassPhraseDialog |/bin/x", ""},
		{"SSLPassPhraseDialog |", "SSLPassPhraseDialog: Invalid argument"},
		{"SSLPassPhraseDialog BUILTIN", ""},
		{"<VirtualHost *:8443>\nSSLPassPhraseDialog builtin\n</VirtualHost>", "SSLPassPhraseDialog cannot occur within <VirtualHost> section"},
		{"SSLVerifyClient maybe", "SSLVerifyClient: Invalid argument 'maybe'"},
		{"SSLVerifyClient ON", ""},
		{"SSLVerifyDepth -1", "SSLVerifyDepth: Invalid argument '-1'"},
		{"SSLVerifyDepth abc", ""},
		{"<Location /x>\nSSLVerifyClient require\nSSLVerifyDepth 3\n</Location>", ""},
		{"SSLFIPS on", ""},
		{"SSLCryptoDevice builtin", ""},
		{"SSLCryptoDevice foo", "SSLCryptoDevice: Invalid argument; must be one of: 'builtin' (none), 'dynamic' (Dynamic engine loading support)"},
		{"SSLLog x", "SSLLog directive is no longer supported - use ErrorLog."},
		{"SSLStrictSNIVHostCheck on", ""},
		{"SSLInsecureRenegotiation on", ""},
		{"SSLOptions +StdEnvVars -ExportCertData FakeBasicAuth", ""},
		{"SSLOptions Foo", "SSLOptions: Illegal option 'Foo'"},
		{"SSLOptions +foo", "SSLOptions: Illegal option 'foo'"},
		{"SSLOptions", ""},
		{`SSLOptions ""`, "SSLOptions: Illegal option ''"},
		{`SSLProtocol ""`, "SSLProtocol: Illegal protocol ''"},
		{"SSLUserName", "SSLUserName takes one argument, Set user name to SSL variable value"},
		{"<Files x>\nSSLOptions +StdEnvVars\nSSLRequireSSL\n</Files>", ""},
		{"<Location /x>\n<Limit GET>\nSSLRequireSSL\n</Limit>\n</Location>", ""},
		{"SSLProxyCipherSuite TLSv1.2 x", "protocol 'TLSv1.2' not supported"},
		{"SSLRequireSSL", "SSLRequireSSL not allowed here"},
		{"<Location /x>\nSSLRequireSSL\n</Location>", ""},
		{"<Location /x>\nSSLRenegBufferSize -1\n</Location>", "Invalid size for SSLRenegBufferSize: -1"},
		{"<Location /x>\nSSLUserName SSL_CLIENT_S_DN_CN\n</Location>", ""},
		{"<Location /x>\nSSLProxyEngine on\n</Location>", "SSLProxyEngine not allowed in <Location> context"},
		{"<VirtualHost *:8443>\nSSLProxyEngine on\nSSLProxyVerify require\nSSLProxyCheckPeerName off\nSSLProxyCipherSuite TLSv1.3 TLS_AES_128_GCM_SHA256\n</VirtualHost>", ""},
		{"SSLProxyVerify bogus", "SSLProxyVerify: Invalid argument 'bogus'"},
		{"SSLProxyVerifyDepth -3", "SSLProxyVerifyDepth: Invalid argument '-3'"},
		{"SSLProxyMachineCertificateFile nope", "SSLProxyMachineCertificateFile: file 'ROOT/nope' does not exist or is empty"},
		{"SSLProxyMachineCertificatePath nope", "SSLProxyMachineCertificatePath: directory 'ROOT/nope' does not exist"},
		{"SSLProxyCACertificateFile nope", "SSLProxyCACertificateFile: file 'ROOT/nope' does not exist or is empty"},
		{"SSLCARevocationCheck chain no_crl_for_cert_ok", ""},
		{"SSLCARevocationCheck chain foo", "SSLCARevocationCheck: Invalid argument 'foo'"},
		{"SSLCARevocationCheck CHAIN", ""},
		{"SSLCARevocationCheck", "SSLCARevocationCheck: Invalid argument ''"},
		{"SSLRequire %{SSL_CIPHER} =~ m/x/", "SSLRequire not allowed here"},
		// gohttpd's own refusals, where Apache would accept.
		{"SSLOCSPEnable on", "SSLOCSPEnable is not implemented by gohttpd"},
		{"<Location /x>\nSSLRequire true\n</Location>", "SSLRequire is not implemented by gohttpd"},
		{"SSLOpenSSLConfCmd Protocol -TLSv1", "SSLOpenSSLConfCmd is not implemented by gohttpd"},
	}
	for _, tt := range tests {
		t.Run(tt.conf, func(t *testing.T) {
			cfg, err := loadSSL(t, tt.conf+"\n")
			_, msg := errorOf(t, err)
			want := strings.ReplaceAll(tt.msg, "ROOT", cfg.ServerRoot)
			if msg != want {
				t.Errorf("got  %q\nwant %q", msg, want)
			}
		})
	}
}

// registryVHost is the TLS part of the Docker registry recipe's httpd.conf.
const registryVHost = `Listen 5043
<VirtualHost *:5043>
  ServerName myregistrydomain.com
  SSLEngine on
  SSLCertificateFile conf/domain.crt
  SSLCertificateKeyFile conf/domain.key
  SSLCompression off
  SSLProtocol all -SSLv2 -SSLv3 -TLSv1
  SSLCipherSuite EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH
  SSLHonorCipherOrder on
</VirtualHost>
`

func TestSSLRegistryRecipe(t *testing.T) {
	cfg, err := loadSSL(t, "SSLRandomSeed startup builtin\nSSLRandomSeed connect builtin\n"+registryVHost)
	if err != nil {
		t.Fatal(err)
	}
	vh := cfg.VirtualHosts[0].SSL
	root := cfg.ServerRoot
	if vh.Engine != SSLEngineOn || !slices.Equal(vh.CertificateFiles, []string{root + "/conf/domain.crt"}) ||
		!slices.Equal(vh.CertificateKeyFiles, []string{root + "/conf/domain.key"}) {
		t.Errorf("engine and files: %+v", vh)
	}
	if vh.Compression == nil || *vh.Compression || vh.HonorCipherOrder == nil || !*vh.HonorCipherOrder {
		t.Errorf("compression %v, honor order %v", vh.Compression, vh.HonorCipherOrder)
	}
	if *vh.Protocol != SSLProtocolTLSv1_1|SSLProtocolTLSv1_2|SSLProtocolTLSv1_3 {
		t.Errorf("protocols %b", *vh.Protocol)
	}
	// TLS 1.1 is enabled, but OpenSSL 3's default security level refuses it.
	if min, max, ok := vh.Versions(); !ok || min != tls.VersionTLS12 || max != tls.VersionTLS13 {
		t.Errorf("versions %x-%x %v", min, max, ok)
	}
	want := []uint16{
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
	}
	cs := vh.EffectiveCipherSuite()
	if cs.Spec != "EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH:!aNULL:!eNULL:!EXP" || cs.Err != nil || !slices.Equal(cs.Suites, want) {
		t.Errorf("cipher suite %+v", cs)
	}
	seeds := cfg.Main.SSL.RandomSeeds
	if len(seeds) != 2 || seeds[1] != (SSLRandomSeed{Context: "connect", Source: "builtin"}) || len(vh.RandomSeeds) != 2 {
		t.Errorf("random seeds %+v, vhost's %+v", seeds, vh.RandomSeeds)
	}
	if len(cfg.Warnings) != 0 {
		t.Errorf("warnings %+v", cfg.Warnings)
	}
}

func TestSSLServerMerge(t *testing.T) {
	cfg, err := loadSSL(t, `LoadModule socache_shmcb_module modules/mod_socache_shmcb.so
SSLSessionCache "shmcb:logs/ssl_scache(512000)"
SSLSessionCacheTimeout 300
SSLProtocol -all +TLSv1.2
SSLCipherSuite HIGH:!aNULL
SSLCertificateFile conf/domain.crt
SSLCertificateFile conf/ca/ca.pem
SSLVerifyClient optional
<VirtualHost *:443>
  SSLEngine on
  SSLCertificateFile conf/ca/ca.pem
  SSLProtocol TLSv1.3
</VirtualHost>
<VirtualHost *:444>
</VirtualHost>
`)
	if err != nil {
		t.Fatal(err)
	}
	root := cfg.ServerRoot
	a, b := cfg.VirtualHosts[0].SSL, cfg.VirtualHosts[1].SSL
	cache := SSLSessionCache{Provider: "shmcb", Arg: "logs/ssl_scache(512000)", Path: root + "/logs/ssl_scache", Size: 512000}
	if a.SessionCache == nil || *a.SessionCache != cache || *a.SessionCacheTimeout != 300 {
		t.Errorf("cache %+v, timeout %v", a.SessionCache, a.SessionCacheTimeout)
	}
	// The vhost's first certificate knocks out the main server's first.
	if !slices.Equal(a.CertificateFiles, []string{root + "/conf/ca/ca.pem", root + "/conf/ca/ca.pem"}) {
		t.Errorf("certificates %v", a.CertificateFiles)
	}
	if *a.Protocol != SSLProtocolTLSv1_3 || *b.Protocol != SSLProtocolTLSv1_2 {
		t.Errorf("protocols %b %b", *a.Protocol, *b.Protocol)
	}
	if a.Engine != SSLEngineOn || b.Engine != SSLEngineUnset || b.VerifyClient != SSLVerifyOptional {
		t.Errorf("engine %v %v, verify %v", a.Engine, b.Engine, b.VerifyClient)
	}
	if b.CipherSuite == nil || b.CipherSuite.Spec != "HIGH:!aNULL:!aNULL:!eNULL:!EXP" {
		t.Errorf("inherited cipher suite %+v", b.CipherSuite)
	}
	if min, max, ok := b.Versions(); !ok || min != tls.VersionTLS12 || max != tls.VersionTLS12 {
		t.Errorf("versions %x-%x", min, max)
	}
}

func TestSSLProtocolVersions(t *testing.T) {
	tests := []struct {
		p        SSLProtocols
		min, max uint16
		ok       bool
	}{
		{SSLProtocolAll, tls.VersionTLS10, tls.VersionTLS13, true},
		{SSLProtocolAll &^ SSLProtocolTLSv1_1, tls.VersionTLS12, tls.VersionTLS13, true},
		{SSLProtocolTLSv1 | SSLProtocolTLSv1_1, tls.VersionTLS10, tls.VersionTLS11, true},
		{SSLProtocolTLSv1 | SSLProtocolTLSv1_3, tls.VersionTLS13, tls.VersionTLS13, true},
		{0, 0, 0, false},
	}
	for _, tt := range tests {
		if min, max, ok := tt.p.Versions(); min != tt.min || max != tt.max || ok != tt.ok {
			t.Errorf("%b: %x-%x %v, want %x-%x %v", tt.p, min, max, ok, tt.min, tt.max, tt.ok)
		}
	}
	// @SECLEVEL=0 lets OpenSSL 3 speak TLS 1.0 again.
	s := SSLServerConfig{CipherSuite: newSSLCipherSuite("DEFAULT:@SECLEVEL=0")}
	if min, _, _ := s.Versions(); min != tls.VersionTLS10 {
		t.Errorf("SECLEVEL=0: min %x", min)
	}
}

func TestSSLDirConfig(t *testing.T) {
	cfg, err := loadSSL(t, `SSLOptions +StdEnvVars +ExportCertData
<Location /a>
  SSLOptions -ExportCertData +FakeBasicAuth
  SSLRequireSSL
  SSLVerifyClient require
  SSLVerifyDepth 2
  SSLCipherSuite AES256+EECDH
</Location>
<Location /b>
  SSLOptions StdEnvVars StrictRequire
</Location>
`)
	if err != nil {
		t.Fatal(err)
	}
	main := cfg.Main.Dir
	a := cfg.Main.Sections[0].Dir.Merge(main).SSL
	b := cfg.Main.Sections[1].Dir.Merge(main).SSL
	if !a.Options.Has(SSLOptStdEnvVars) || a.Options.Has(SSLOptExportCertData) || !a.Options.Has(SSLOptFakeBasicAuth) {
		t.Errorf("relative options %+v", a.Options)
	}
	// Apache keeps only the last of several keywords without +/-.
	if b.Options.Has(SSLOptStdEnvVars) || !b.Options.Has(SSLOptStrictRequire) {
		t.Errorf("absolute options %+v", b.Options)
	}
	if !a.RequireSSL || b.RequireSSL || a.VerifyClient != SSLVerifyRequire || *a.VerifyDepth != 2 {
		t.Errorf("dir a %+v, b %+v", a, b)
	}
	if cfg.Main.SSL.VerifyClient != SSLVerifyUnset || cfg.Main.SSL.CipherSuite != nil {
		t.Errorf("section settings leaked into the server: %+v", cfg.Main.SSL)
	}
	if want := []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
		tls.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA}; !slices.Equal(a.CipherSuite.Suites, want) {
		t.Errorf("per-directory suites %x", a.CipherSuite.Suites)
	}
}

func TestSSLWarnings(t *testing.T) {
	cfg, err := loadSSL(t, "SSLEngine optional\nSSLProtocol all TLSv1.2\nSSLCipherSuite FOO\nSSLCipherSuite DHE-RSA-AES128-GCM-SHA256\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range cfg.Warnings {
		got = append(got, w.Msg)
	}
	want := []string{
		"AH10510: 'SSLEngine optional' is no longer supported",
		"AH02532: SSLProtocol: Protocol 'TLSv1.2' overrides already set parameter(s). Check if a +/- prefix is missing.",
		"SSLCipherSuite FOO:!aNULL:!eNULL:!EXP: OpenSSL refuses it (no cipher match); Apache fails to start with AH01898 where TLS is on",
		"SSLCipherSuite DHE-RSA-AES128-GCM-SHA256:!aNULL:!eNULL:!EXP: Go's crypto/tls has none of the suites OpenSSL selects; only TLS 1.3 can be spoken",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s", strings.Join(got, "\n"))
	}
	if cfg.Main.SSL.Engine != SSLEngineOff || *cfg.Main.SSL.Protocol != SSLProtocolTLSv1_2 {
		t.Errorf("engine %v, protocol %b", cfg.Main.SSL.Engine, *cfg.Main.SSL.Protocol)
	}
}
