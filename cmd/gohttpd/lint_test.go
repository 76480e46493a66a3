package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// lintNow is the time the lint tests check certificates at.
var lintNow = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// lintRoot writes files (name → content, "httpd.conf" the config) into a
// fresh ServerRoot and returns it.
func lintRoot(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		writeFile(t, filepath.Join(root, name), []byte(content))
	}
	return root
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// lintConfig loads root's httpd.conf and lints it at lintNow, resolving
// from /etc/hosts only.
func lintConfig(t *testing.T, root string) []string {
	t.Helper()
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf",
		Getenv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return lint(cfg, &directives.Files{}, lintNow, localResolver())
}

// checkFindings compares findings with want, in which ROOT stands for the
// ServerRoot.
func checkFindings(t *testing.T, root string, got, want []string) {
	t.Helper()
	for i := range want {
		want[i] = strings.ReplaceAll(want[i], "ROOT", root)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// makeCertPEM makes a self-signed certificate for key, valid between the dates.
func makeCertPEM(t *testing.T, key crypto.Signer, cn string, notBefore, notAfter time.Time) []byte {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: cn},
		NotBefore: notBefore, NotAfter: notAfter, DNSNames: []string{cn}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

func makeKeyPEM(t *testing.T, key crypto.Signer) []byte {
	t.Helper()
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
}

func TestLintTLS(t *testing.T) {
	day := 24 * time.Hour
	long := lintNow.Add(365 * day)
	expired, soon, other, good := newKey(t), newKey(t), newKey(t), newKey(t)
	root := lintRoot(t, map[string]string{"httpd.conf": `LoadModule ssl_module modules/mod_ssl.so
Listen 443
<IfModule ssl_module>
  SSLCertificateFile conf/soon.crt
  SSLCertificateKeyFile conf/soon.key
</IfModule>
<VirtualHost *:443>
  SSLEngine on
  SSLCertificateFile conf/expired.crt
  SSLCertificateKeyFile conf/expired.key
</VirtualHost>
<VirtualHost *:8443>
  SSLEngine on
  SSLCertificateFile conf/soon.crt
  SSLCertificateKeyFile conf/other.key
  SSLCertificateChainFile conf/chain.pem
</VirtualHost>
<VirtualHost *:9443>
  SSLEngine on
  SSLCertificateFile conf/good.pem
</VirtualHost>
<VirtualHost *:10443>
  SSLEngine on
</VirtualHost>
`})
	conf := filepath.Join(root, "conf")
	writeFile(t, filepath.Join(conf, "expired.crt"), makeCertPEM(t, expired, "old.test", lintNow.Add(-400*day), lintNow.Add(-2*day)))
	writeFile(t, filepath.Join(conf, "expired.key"), makeKeyPEM(t, expired))
	writeFile(t, filepath.Join(conf, "soon.crt"), makeCertPEM(t, soon, "soon.test", lintNow.Add(-day), lintNow.Add(10*day)))
	writeFile(t, filepath.Join(conf, "soon.key"), makeKeyPEM(t, soon))
	writeFile(t, filepath.Join(conf, "other.key"), makeKeyPEM(t, other))
	chain := append(makeCertPEM(t, other, "Old CA", lintNow.Add(-400*day), lintNow.Add(-day)),
		makeCertPEM(t, other, "Future CA", lintNow.Add(day), long)...)
	writeFile(t, filepath.Join(conf, "chain.pem"), chain)
	writeFile(t, filepath.Join(conf, "good.pem"), append(makeCertPEM(t, good, "good.test", lintNow.Add(-day), long), makeKeyPEM(t, good)...))

	// The main server's certificate is reported once, at its line, though
	// the last virtual host inherits it. The host on 9443 gets the main
	// server's key for its own certificate, as in Apache (checked with
	// httpd 2.4: AH02565 at start).
	checkFindings(t, root, lintConfig(t, root), []string{
		"ROOT/httpd.conf:4: certificate ROOT/conf/soon.crt expires on 2026-06-11, within 30 days",
		"ROOT/httpd.conf:9: certificate ROOT/conf/expired.crt expired on 2026-05-30",
		"ROOT/httpd.conf:14: certificate ROOT/conf/soon.crt expires on 2026-06-11, within 30 days",
		"ROOT/httpd.conf:15: key ROOT/conf/other.key does not match certificate ROOT/conf/soon.crt: Apache refuses to start (AH02565)",
		"ROOT/httpd.conf:16: certificate 1 (CN=Old CA) in ROOT/conf/chain.pem expired on 2026-05-31",
		"ROOT/httpd.conf:16: certificate 2 (CN=Future CA) in ROOT/conf/chain.pem is not valid before 2026-06-02",
		"ROOT/httpd.conf:20: key ROOT/conf/soon.key does not match certificate ROOT/conf/good.pem: Apache refuses to start (AH02565)" +
			" (the key is the main server's, at ROOT/httpd.conf:5: this virtual host gives no key of its own for its certificate and inherits it)",
	})
}

// authModules loads what the auth tests' configs use.
const authModules = `LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule auth_basic_module modules/mod_auth_basic.so
`

// htpasswd runs Apache's htpasswd with args and returns its output. It
// skips the test when htpasswd is missing, except in CI, which has it.
func htpasswd(t *testing.T, args ...string) []byte {
	t.Helper()
	path, err := exec.LookPath("htpasswd")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("htpasswd (apache2-utils) is missing in CI")
		}
		t.Skip("htpasswd (apache2-utils) is not installed; .ci/run installs it")
	}
	out, err := exec.Command(path, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("htpasswd %q: %v\n%s", args, err, out)
	}
	return out
}

func TestLintAuth(t *testing.T) {
	root := lintRoot(t, map[string]string{
		"httpd.conf": authModules + `<Location /a>
  AuthType Basic
  AuthName "a"
  AuthUserFile conf/users
  AuthGroupFile conf/groups
  Require group pushers nosuch
  Require user bob zed
</Location>
<Location /b>
  AuthType Basic
  AuthName b
  AuthUserFile conf/missing
  Require valid-user
</Location>
<Location /c>
  AuthType Basic
  AuthName c
  Require group pushers
</Location>
`,
		"conf/groups": "pushers: alice ghost carol\nreaders: bob\n",
	})
	users := filepath.Join(root, "conf/users")
	htpasswd(t, "-cbB", users, "alice", "secret")
	htpasswd(t, "-bm", users, "bob", "secret")
	again := htpasswd(t, "-nbs", "alice", "other")
	f, err := os.OpenFile(users, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("carol:plaintext\ndave:{SSHA}c2FsdGVkaGFzaA==\nerin:\n")
	f.Write(again)
	f.Close()

	checkFindings(t, root, lintConfig(t, root), []string{
		"ROOT/httpd.conf:10: AuthUserFile ROOT/conf/users:3: user carol's password is plaintext or in an unknown format, which Apache on Linux does not accept; nobody can log in as carol",
		"ROOT/httpd.conf:10: AuthUserFile ROOT/conf/users:4: user dave's password is a {SSHA} hash, which Apache on Linux does not accept; nobody can log in as dave",
		"ROOT/httpd.conf:10: AuthUserFile ROOT/conf/users:5: user erin has no password hash; nobody can log in as erin",
		"ROOT/httpd.conf:10: AuthUserFile ROOT/conf/users:6: user alice is listed again; Apache uses only line 1, so this line's password never works",
		"ROOT/httpd.conf:12: Require group pushers nosuch: member ghost of group pushers (AuthGroupFile ROOT/conf/groups) is not in AuthUserFile ROOT/conf/users, so ghost can never log in",
		"ROOT/httpd.conf:12: Require group pushers nosuch: group nosuch is not in AuthGroupFile ROOT/conf/groups, so it lets nobody in",
		"ROOT/httpd.conf:13: Require user bob zed: user zed is not in AuthUserFile ROOT/conf/users, so nobody can log in as zed",
		"ROOT/httpd.conf:18: AuthUserFile ROOT/conf/missing cannot be read (no such file or directory): Apache answers 500 to every login here (AH01620)",
		"ROOT/httpd.conf:24: Require group pushers: no AuthGroupFile applies here, so Apache refuses every user (AH01664)",
		"ROOT/httpd.conf:24: Require group pushers: AuthType Basic with no AuthUserFile: Apache answers 500 to every login here (AH01619)",
	})
}

func TestLintAuthLongLine(t *testing.T) {
	root := lintRoot(t, map[string]string{"httpd.conf": authModules + `<Location />
  AuthType Basic
  AuthName x
  AuthUserFile conf/users
  Require valid-user
</Location>
`, "conf/groups": ""})
	users := filepath.Join(root, "conf/users")
	htpasswd(t, "-cbB", users, "alice", "secret")
	long := "# " + strings.Repeat("x", 9000) + "\n"
	f, err := os.OpenFile(users, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(long)
	f.Write(htpasswd(t, "-nbB", "bob", "secret"))
	f.Close()

	checkFindings(t, root, lintConfig(t, root), []string{
		"ROOT/httpd.conf:10: AuthUserFile ROOT/conf/users:2: line longer than Apache reads (8190 bytes before the newline); Apache stops reading there, so nobody from this line on can log in",
	})
}

func TestLintProxy(t *testing.T) {
	root := lintRoot(t, map[string]string{"httpd.conf": `LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ProxyPass /error/ !
ProxyPass /v2 http://localhost:5000/v2
ProxyPass /v2/x http://localhost:5001/x
ProxyPassMatch ^/v2/(.*)$ http://localhost:5002/$1
ProxyPass /error/page http://localhost:5003/
ProxyPass /v2x http://127.0.0.1:5004/
ProxyPass /enc http://localhost:5006/ mapping=encoded
ProxyPass / http://[::1]:5005/
ProxyPass /static !
ProxyPass /sock unix:/run/app.sock|http://app.invalid/
<Location /api/v2>
  ProxyPass http://localhost:7000/
</Location>
<Location /api>
  ProxyPass http://registry.invalid:8080/
</Location>
<VirtualHost *:80>
  ProxyPass /api/v1 http://localhost:6000/
</VirtualHost>
`})
	checkFindings(t, root, lintConfig(t, root), []string{
		"ROOT/httpd.conf:14: the ProxyPass of <Location /api/v2> never applies: <Location /api> (ROOT/httpd.conf:16) comes later, covers it, and its ProxyPass replaces this one",
		"ROOT/httpd.conf:5: ProxyPass /v2/x never applies: ProxyPass /v2 (ROOT/httpd.conf:4) is tried first and proxies every path it matches",
		"ROOT/httpd.conf:6: ProxyPassMatch ^/v2/(.*)$ never applies: ProxyPass /v2 (ROOT/httpd.conf:4) is tried first and proxies every path it matches",
		"ROOT/httpd.conf:7: ProxyPass /error/page never applies: ProxyPass /error/ ! (ROOT/httpd.conf:3) is tried first and keeps from the proxy every path it matches",
		"ROOT/httpd.conf:11: ProxyPass /static ! never applies: ProxyPass / (ROOT/httpd.conf:10) is tried first and proxies every path it matches",
		"ROOT/httpd.conf:12: ProxyPass /sock never applies: ProxyPass / (ROOT/httpd.conf:10) is tried first and proxies every path it matches",
		"ROOT/httpd.conf:20: ProxyPass /api/v1 never applies: the ProxyPass of <Location /api> (ROOT/httpd.conf:17) is tried first and proxies every path it matches",
		"ROOT/httpd.conf:17: backend host registry.invalid (the ProxyPass of <Location /api> http://registry.invalid:8080/) does not resolve here (the lookup failed), so requests to it fail (DNS lookup failure)",
	})
}

func TestAliasMatch(t *testing.T) {
	tests := []struct {
		uri, alias string
		want       int
	}{
		{"/v2/x", "/v2", 3}, {"/v2", "/v2", 3}, {"/v2x", "/v2", 0}, {"/v2", "/v2/", 0},
		{"//v2//x", "/v2/", 6}, {"/anything", "/", 1}, {"/", "/examples", 0},
	}
	for _, tt := range tests {
		if got := aliasMatch(tt.uri, tt.alias); got != tt.want {
			t.Errorf("aliasMatch(%q, %q) = %d, want %d", tt.uri, tt.alias, got, tt.want)
		}
	}
}

// TestLintRecipe runs check on the recipe as its users would: the only
// warning is that the backend, a Docker Compose service, does not resolve
// outside Compose's network, and the report says what the files hold.
func TestLintRecipe(t *testing.T) {
	code, stdout, stderr := runCmd(t, "check", "--mount", recipeMount(t))
	want := "gohttpd check: warning: /usr/local/apache2/conf/httpd.conf:85: backend host registry " +
		"(ProxyPass /v2 http://registry:5000/v2) does not resolve here (the lookup failed), so requests to it fail " +
		"(DNS lookup failure); a name without a dot, such as a Docker Compose service, resolves only inside its network\n"
	report := "AuthUserFile /usr/local/apache2/conf/httpd.htpasswd: 2 users (bcrypt 2)\n" +
		"AuthGroupFile /usr/local/apache2/conf/httpd.groups: 1 groups\n  pusher: testuserpush\n"
	if code != 0 || stdout != "Syntax OK\n"+report || stderr != want {
		t.Errorf("check on the recipe: exit %d\nstdout:\n%s\nstderr:\n%s\nwant stderr:\n%s", code, stdout, stderr, want)
	}
}

// TestAuthReport describes the password and group files as check reports
// them: users, formats, the lines nobody can log in with and why, groups
// and members.
func TestAuthReport(t *testing.T) {
	bcrypt := "$2y$05$" + strings.Repeat("a", 53)
	root := lintRoot(t, map[string]string{
		"httpd.conf": authModules + `<Location /a>
  AuthType Basic
  AuthName a
  AuthUserFile conf/users
  AuthGroupFile conf/groups
  Require group pushers
</Location>
<Location /b>
  AuthType Basic
  AuthName b
  AuthUserFile conf/users
  AuthGroupFile conf/missing
  Require group x
</Location>
`,
		"conf/users": "# users\nalice:" + bcrypt + "\nbob:" + bcrypt + "\ncarol:$apr1$abc$Kb85XxsXB.VXinPhbS4431\n" +
			"dave:plaintext\nerin:{SSHA}c2FsdGVkaGFzaA==\nfrank:\ngina:$2y$05$short\nhank:$9$abc$def\nalice:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n" +
			"ivan::$1$abc$Kb85XxsXB.VXinPhbS4431\n",
		"conf/groups": "pushers: alice \"bob smith\"\nreaders:\npushers: carol\n",
	})
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf",
		Getenv: func(string) (string, bool) { return "", false }})
	if err != nil {
		t.Fatal(err)
	}
	got := authReport(cfg, &directives.Files{})
	want := []string{
		"AuthUserFile ROOT/conf/users: 9 users (apr1 1, bcrypt 2, md5-crypt 1, unusable 5)",
		"  line 5: nobody can log in as dave: plaintext or an unknown format, which Apache on Linux does not accept",
		"  line 6: nobody can log in as erin: a {SSHA} hash, which Apache on Linux does not accept",
		"  line 7: nobody can log in as frank: the password hash is empty",
		"  line 8: nobody can log in as gina: the 2y hash is malformed",
		"  line 9: nobody can log in as hank: an unknown hash format, which Apache on Linux does not accept",
		"  line 10: this password of alice never works: line 2 lists alice first",
		"AuthGroupFile ROOT/conf/groups: 2 groups",
		"  pushers: alice bob smith carol",
		"  readers: no members",
		"AuthGroupFile ROOT/conf/missing: cannot be read",
	}
	checkFindings(t, root, got, want)
}

// TestLintGroupNameCase: Apache matches Require group names to the group
// file's without regard to case (checked with apache2 in server/authfile),
// so a differently spelled name is no warning.
func TestLintGroupNameCase(t *testing.T) {
	root := lintRoot(t, map[string]string{
		"httpd.conf": authModules + `<Location />
  AuthType Basic
  AuthName a
  AuthUserFile conf/users
  AuthGroupFile conf/groups
  Require group PUSHERS
</Location>
`,
		"conf/users":  "alice:{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=\n",
		"conf/groups": "Pushers: alice\npushers: bob\n",
	})
	checkFindings(t, root, lintConfig(t, root), []string{
		"ROOT/httpd.conf:12: Require group PUSHERS: member bob of group PUSHERS (AuthGroupFile ROOT/conf/groups) is not in AuthUserFile ROOT/conf/users, so bob can never log in",
	})
}
