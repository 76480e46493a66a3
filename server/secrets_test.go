package server

import (
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// secretsConf is the recipe with everything turned up: LogLevel trace8,
// the error log in a file (ROOT/error_log, default format) for the TLS host and on
// stderr (a format with every field) for a plain-HTTP twin, and access
// logs with every item that reads the request, the connection or the
// environment. Only ROOT/chosen_log names Authorization itself,
// which the user asks for and gets, as in Apache. ODD is a backend that
// answers 401 and 500.
const secretsConf = `
LoadModule headers_module modules/mod_headers.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LoadModule access_compat_module modules/mod_access_compat.so
LoadModule log_config_module modules/mod_log_config.so
LoadModule logio_module modules/mod_logio.so
LoadModule ssl_module modules/mod_ssl.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ErrorLog ROOT/error_log
LogLevel trace8
LogFormat "%a %{c}a %A %h %{c}h %l %u %L %{c}L %t %{%s}t \"%r\" %m %U %q %H %f %R %>s %s %b %B %I %O %S %D %T %X %k %v %V %p %P %{tid}P \"%{Referer}i\" \"%{User-Agent}i\" \"%{Cookie}i\" \"%{X-Other}i\" %{WWW-Authenticate}o %{Location}o %{Set-Cookie}o %{REMOTE_USER}e %{AUTH_TYPE}e %{HTTP_AUTHORIZATION}e %{Authorization}e %{Authorization}n %{SSL_PROTOCOL}x %{SSL_CIPHER}x %{SSL_CLIENT_S_DN}x" everything
CustomLog ROOT/everything_log everything
CustomLog ROOT/chosen_log "%{Authorization}i %{Proxy-Authorization}i"
CustomLog /proc/self/fd/1 combined
LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\"" combined
Listen 5043
Listen 8080
DocumentRoot ROOT/htdocs
<Directory />
    Require all denied
</Directory>
<VirtualHost *:5043>
  ServerName myregistrydomain.com
  SSLEngine on
  SSLCertificateFile ROOT/cert.pem
  SSLCertificateKeyFile ROOT/key.pem
SITE</VirtualHost>
<VirtualHost *:8080>
  ServerName myregistrydomain.com
  ErrorLog /proc/self/fd/2
  ErrorLogFormat "[%{u}t] [%{cu}t] [%-m:%l] [%-L] [%{c}L] [pid %P:tid %T] %7F: %E: [client %a] [remote %{c}a] [local %A] [%v %V] [%k] [%{Referer}i] [%{User-Agent}i] [%{X-Other}i] [%{Authorization}n] [%{REMOTE_USER}e] %M"
SITE</VirtualHost>
`

// secretsSite is the recipe's virtual host, with two more proxied paths
// whose backend refuses or fails, and one whose backend is down.
const secretsSite = `
  Header always set "Docker-Distribution-Api-Version" "registry/2.0"
  RequestHeader set X-Forwarded-Proto "https"
  ProxyRequests off
  ProxyPreserveHost on
  ProxyPass /v2/odd http://ODD/v2/odd
  ProxyPass /v2/down http://127.0.0.1:1/v2/down
  ProxyPass /v2 http://BACKEND/v2
  <Location /v2>
    Order deny,allow
    Allow from all
    AuthName "Registry Authentication"
    AuthType basic
    AuthUserFile "ROOT/httpd.htpasswd"
    AuthGroupFile "ROOT/httpd.groups"
    <Limit GET HEAD>
      Require valid-user
    </Limit>
    <Limit POST PUT DELETE PATCH>
      Require group pusher
    </Limit>
  </Location>
`

// The secrets the clients send; none may reach a log but the one whose
// format names Authorization.
const (
	goodPassword  = "Corr3ct-Horse-PW"
	wrongPassword = "Wr0ng-Guess-PW"
	bearerToken   = "eyBearerTokenSecretValue1234"
	digestSecret  = "6629fae49393a05397450978507c4ef1"
)

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// credentialCases are requests with good, bad and malformed credentials,
// each with the secrets it carries (besides the plaintext passwords, which
// are looked for everywhere).
func credentialCases() []struct{ name, target, header string } {
	good := "Authorization: Basic " + b64("testuser:"+goodPassword)
	return []struct{ name, target, header string }{
		{"good", "/v2/", good},
		{"good, backend 401", "/v2/odd/401", good},
		{"good, backend 500", "/v2/odd/500", good},
		{"good, backend down", "/v2/down/", good},
		{"good, push refused", "/v2/", good}, // sent as POST below
		{"wrong password", "/v2/", "Authorization: Basic " + b64("testuser:"+wrongPassword)},
		{"unknown user", "/v2/", "Authorization: Basic " + b64("mallory:"+goodPassword)},
		{"bad base64", "/v2/", "Authorization: Basic %%" + b64("testuser:"+goodPassword) + "*!"},
		{"base64url", "/v2/", "Authorization: Basic " + base64.URLEncoding.EncodeToString([]byte("testuser:"+goodPassword+"??>"))},
		{"no colon", "/v2/", "Authorization: Basic " + b64("no-colon-token-"+goodPassword[:4])},
		{"bearer", "/v2/", "Authorization: Bearer " + bearerToken},
		{"digest", "/v2/", `Authorization: Digest username="testuser", realm="Registry Authentication", nonce="abc", uri="/v2/", response="` + digestSecret + `"`},
		{"proxy authorization", "/v2/", "Proxy-Authorization: Basic " + b64("testuser:"+goodPassword)},
		{"outside auth", "/elsewhere", good},
		{"twice", "/v2/", good + "\r\n" + "Authorization: Basic " + b64("testuser:"+wrongPassword)},
	}
}

// secretsIn returns the secret strings a header line carries: its value
// and, for Basic, what it decodes to.
func secretsIn(header string) []string {
	out := []string{goodPassword, wrongPassword, bearerToken, digestSecret}
	for line := range strings.SplitSeq(header, "\r\n") {
		_, value, _ := strings.Cut(line, ": ")
		_, cred, _ := strings.Cut(value, " ")
		out = append(out, value, cred)
	}
	return out
}

// No password and no Authorization value reaches any log, at LogLevel
// trace8, with every log item that reads the request, whatever the
// credentials: good, wrong, malformed, of another scheme, or good but
// answered 401, 500 or 503 by the backend side. Only a log whose format
// names %{Authorization}i holds them: the user asked for that, and
// Apache logs it too.
func TestNoCredentialsInLogs(t *testing.T) {
	t.Parallel()
	odd := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/401") {
			w.Header().Set("WWW-Authenticate", `Bearer realm="backend"`)
			w.WriteHeader(401)
			return
		}
		w.WriteHeader(500)
	}))
	t.Cleanup(odd.Close)
	site := strings.ReplaceAll(secretsSite, "ODD", strings.TrimPrefix(odd.URL, "http://"))
	w := startWorld(t, strings.ReplaceAll(secretsConf, "SITE", site), secretsFiles(t))

	var all []string
	for _, c := range credentialCases() {
		method := "GET"
		if strings.Contains(c.name, "push") {
			method = "POST"
		}
		all = append(all, secretsIn(c.header)...)
		for _, port := range []int{5043, 8080} {
			req := method + " " + c.target + " HTTP/1.1\r\nHost: myregistrydomain.com\r\nUser-Agent: secrets-test\r\n" +
				c.header + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
			resp := w.raw(t, port, port == 5043, "myregistrydomain.com", req)
			if c.name == "good" && resp.StatusCode != 200 {
				t.Fatalf("%s on %d: status %d, the good password does not work", c.name, port, resp.StatusCode)
			}
		}
	}
	for _, c := range malformedCases() {
		all = append(all, secretsIn(c.header)...)
		for _, port := range []int{5043, 8080} {
			resp := w.raw(t, port, port == 5043, "myregistrydomain.com", c.request)
			if c.status != 0 && resp.StatusCode != c.status {
				t.Errorf("%s on %d: status %d, want %d", c.name, port, resp.StatusCode, c.status)
			}
		}
	}
	// Every request above was logged (the last one last).
	w.waitLog(t, `secrets-last`)

	checkNoSecrets(t, w, all)
}

// malformedCase is a request that never gets to authentication, with
// the credentials it carries.
type malformedCase struct {
	name, request, header string
	status                int
}

// malformedCases break the request head around credentials, so that
// what Apache logs about a bad header line must not quote them.
func malformedCases() []malformedCase {
	cred := b64("testuser:" + goodPassword)
	huge := "Authorization: Basic " + cred + strings.Repeat("A", 8200)
	const host = "Host: myregistrydomain.com\r\n"
	return []malformedCase{
		{"header without a colon", "GET /v2/ HTTP/1.1\r\n" + host + "Authorization Basic " + cred + "\r\n\r\n",
			"Authorization Basic " + cred, 400},
		{"header too long", "GET /v2/ HTTP/1.1\r\n" + host + huge + "\r\n\r\n", huge, 400},
		{"folded header", "GET /v2/ HTTP/1.1\r\n" + host + "Authorization: Basic\r\n " + cred + "\r\n\r\n",
			"Authorization: " + cred, 0}, // status: item 2 of the hardening work decides
		{"bad method", "G<E>T /v2/ HTTP/1.1\r\n" + host + "Authorization: Basic " + cred + "\r\n\r\n",
			"Authorization: Basic " + cred, 400},
		{"last", "GET /v2/ HTTP/1.1\r\n" + host + "Referer: \"secrets-last\"\r\nConnection: close\r\n\r\n", "", 401},
	}
}

// secretsFiles are the recipe's password and group files with the
// test's password.
func secretsFiles(t *testing.T) map[string]string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(goodPassword), 5)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"httpd.htpasswd": "testuser:" + string(h) + "\n",
		"httpd.groups":   "pusher: testuserpush\n",
	}
}

// checkNoSecrets looks for each secret in the process's stdout and
// stderr and in every file under the ServerRoot but the one log whose
// format asks for Authorization, which must hold the good credentials.
func checkNoSecrets(t *testing.T, w *world, secrets []string) {
	t.Helper()
	logs := map[string]string{"stdout and stderr": w.stdout.String()}
	err := filepath.WalkDir(w.dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		logs[path] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	chosen := filepath.Join(w.dir, "chosen_log")
	if !strings.Contains(logs[chosen], b64("testuser:"+goodPassword)) {
		t.Errorf("%%{Authorization}i does not log the header, as Apache does:\n%s", logs[chosen])
	}
	delete(logs, chosen)
	if len(logs[filepath.Join(w.dir, "error_log")]) == 0 || len(logs[filepath.Join(w.dir, "everything_log")]) == 0 {
		t.Fatal("the logs are empty: nothing was checked")
	}
	for name, text := range logs {
		for _, s := range secrets {
			if len(s) >= 8 && strings.Contains(text, s) {
				i := strings.Index(text, s)
				start, end := max(0, i-200), min(len(text), i+len(s)+40)
				t.Errorf("%s holds the secret %.40q:\n…%s…", name, s, text[start:end])
			}
		}
	}
}

// Error pages never echo request input unescaped: markup, quotes and
// ampersands in the path, query, Host, method and header values come
// back escaped, if at all, whatever the status; and each answer is the
// one Apache gives, page included.
func TestErrorPagesEscapeRequestInput(t *testing.T) {
	t.Parallel()
	files := recipeFiles(t)
	w := startWorld(t, recipeConf, files)
	apache := ""
	if apacheAround() {
		apache, _ = startApache(t, recipeConf, files, strings.TrimPrefix(w.backend.URL, "http://"))
	}
	const x = `<script>alert("x'&y")</script>`
	const host = "Host: myregistrydomain.com\r\n"
	for _, req := range []string{
		"GET /" + x + " HTTP/1.1\r\n" + host + "\r\n",
		"GET /v2/" + x + "?" + x + " HTTP/1.1\r\n" + host + "\r\n",
		"GET /nothere?" + x + " HTTP/1.1\r\n" + host + "\r\n",
		"GET /v2/ HTTP/1.1\r\nHost: " + x + "\r\n\r\n",
		"GET /v2/ HTTP/1.1\r\n" + host + "Authorization: " + x + "\r\n\r\n",
		"<SCRIPT> /v2/ HTTP/1.1\r\n" + host + "\r\n",
		"SCRIPT /" + x + " HTTP/1.1\r\n" + host + "\r\n",
		"GET /v2/ HTTP/1.1\r\n" + host + "Transfer-Encoding: " + x + "\r\n\r\n",
		"GET /v2/ HTTP/1.1\r\n" + host + "Expect: " + x + "\r\n\r\n",
		"GET /" + strings.Repeat("a", 8200) + x + " HTTP/1.1\r\n" + host + "\r\n",
		"GET /v2/ HTTP/1.1\r\n" + host + "X-Long: " + x + strings.Repeat("a", 8200) + "\r\n\r\n",
	} {
		if apache != "" {
			// The same answer as Apache's, page and all.
			want := exchangeRaw(t, apache, true, "myregistrydomain.com", req)
			if got := exchangeRaw(t, w.addrs[5043], true, "myregistrydomain.com", req); got != want {
				t.Errorf("%.60q: gohttpd answered\n%+v\nApache\n%+v", req, got, want)
			}
		}
		resp := w.raw(t, 5043, true, "myregistrydomain.com", req)
		body := strings.ToLower(bodyOf(resp))
		if strings.Contains(body, "<script") || strings.Contains(body, `alert("`) {
			t.Errorf("%.60q: %d echoes the input unescaped:\n%s", req, resp.StatusCode, body)
		}
		if resp.StatusCode < 400 {
			t.Errorf("%.60q: status %d, want an error page", req, resp.StatusCode)
		}
	}
}
