package server

import (
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// recipeConf is the registry recipe's configuration with its paths in
// the test's root and its backend the recorder.
const recipeConf = `
LoadModule headers_module modules/mod_headers.so
LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule auth_basic_module modules/mod_auth_basic.so
LoadModule access_compat_module modules/mod_access_compat.so
LoadModule log_config_module modules/mod_log_config.so
LoadModule ssl_module modules/mod_ssl.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
ErrorLog /proc/self/fd/2
LogLevel warn
LogFormat "%h %l %u \"%r\" %>s %b" common
CustomLog /proc/self/fd/1 common
Listen 5043
DocumentRoot ROOT/htdocs
<Directory />
    Require all denied
</Directory>
<VirtualHost *:5043>
  ServerName myregistrydomain.com
  SSLEngine on
  SSLCertificateFile ROOT/cert.pem
  SSLCertificateKeyFile ROOT/key.pem
  SSLProtocol all -SSLv2 -SSLv3 -TLSv1
  SSLCipherSuite EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH
  Header always set "Docker-Distribution-Api-Version" "registry/2.0"
  Header onsuccess set "Docker-Distribution-Api-Version" "registry/2.0"
  RequestHeader set X-Forwarded-Proto "https"
  ProxyRequests     off
  ProxyPreserveHost on
  ProxyPass /error/ !
  ProxyPass        /v2 http://BACKEND/v2
  ProxyPassReverse /v2 http://BACKEND/v2
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
</VirtualHost>
`

func recipeFiles(t testing.TB) map[string]string {
	t.Helper()
	line := func(user, pw string) string {
		h, err := bcrypt.GenerateFromPassword([]byte(pw), 5)
		if err != nil {
			t.Fatal(err)
		}
		return user + ":" + string(h) + "\n"
	}
	return map[string]string{
		"httpd.htpasswd": line("testuser", "testpassword") + line("testuserpush", "testpasswordpush"),
		"httpd.groups":   "pusher: testuserpush\n",
	}
}

func basic(user, pw string) string {
	return "Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw)) + "\r\n"
}

func TestRecipe(t *testing.T) {
	t.Parallel()
	w := startWorld(t, recipeConf, recipeFiles(t))
	const host = "Host: myregistrydomain.com:5043\r\n"
	tests := []struct {
		name, request string
		status        int
		apiVersions   int
		authenticate  string
		proxied       bool
	}{
		{"anonymous ping", "GET /v2/ HTTP/1.1\r\n" + host + "\r\n", 401, 1, `Basic realm="Registry Authentication"`, false},
		{"reader ping", "GET /v2/ HTTP/1.1\r\n" + host + basic("testuser", "testpassword") + "\r\n", 200, 2, "", true},
		{"wrong password", "GET /v2/ HTTP/1.1\r\n" + host + basic("testuser", "nope") + "\r\n", 401, 1, `Basic realm="Registry Authentication"`, false},
		{"unknown user", "GET /v2/ HTTP/1.1\r\n" + host + basic("mallory", "testpassword") + "\r\n", 401, 1, `Basic realm="Registry Authentication"`, false},
		{"reader push", "POST /v2/test/blobs/uploads/ HTTP/1.1\r\n" + host + basic("testuser", "testpassword") + "Content-Length: 0\r\n\r\n", 401, 1, `Basic realm="Registry Authentication"`, false},
		{"pusher push", "POST /v2/test/blobs/uploads/ HTTP/1.1\r\n" + host + basic("testuserpush", "testpasswordpush") + "Content-Length: 0\r\n\r\n", 200, 2, "", true},
		{"options open", "OPTIONS /v2/ HTTP/1.1\r\n" + host + "\r\n", 200, 2, "", true},
		{"root denied", "GET / HTTP/1.1\r\n" + host + "\r\n", 403, 1, "", false},
		{"v2foo denied", "GET /v2foo HTTP/1.1\r\n" + host + "\r\n", 403, 1, "", false},
		{"error excluded", "GET /error/ HTTP/1.1\r\n" + host + "\r\n", 403, 1, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := w.backend.last()
			resp := w.raw(t, 5043, true, "myregistrydomain.com", tc.request)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, bodyOf(resp))
			}
			if got := resp.Header.Values("Docker-Distribution-Api-Version"); len(got) != tc.apiVersions {
				t.Errorf("Docker-Distribution-Api-Version %q, want %d of them", got, tc.apiVersions)
			}
			if got := resp.Header.Get("WWW-Authenticate"); got != tc.authenticate {
				t.Errorf("WWW-Authenticate %q, want %q", got, tc.authenticate)
			}
			if tc.proxied {
				if w.backend.last() == before {
					t.Fatal("the backend got nothing")
				}
			}
		})
	}
}

func TestRecipeForwardsWhatTheRegistryNeeds(t *testing.T) {
	t.Parallel()
	w := startWorld(t, recipeConf, recipeFiles(t))
	resp := w.raw(t, 5043, true, "myregistrydomain.com",
		"GET /v2/test/tags/list?n=1 HTTP/1.1\r\nHost: myregistrydomain.com:5043\r\n"+basic("testuser", "testpassword")+"\r\n")
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	r := w.backend.last()
	if r.Host != "myregistrydomain.com:5043" {
		t.Errorf("backend Host %q, want the client's (ProxyPreserveHost on)", r.Host)
	}
	if got := r.Header.Get("X-Forwarded-Proto"); got != "https" {
		t.Errorf("X-Forwarded-Proto %q", got)
	}
	if got := r.Header.Get("X-Forwarded-For"); got != "127.0.0.1" {
		t.Errorf("X-Forwarded-For %q", got)
	}
	if r.RequestURI != "/v2/test/tags/list?n=1" {
		t.Errorf("backend request-target %q", r.RequestURI)
	}
	w.waitLog(t, `127.0.0.1 - testuser "GET /v2/test/tags/list?n=1 HTTP/1.1" 200 7`)
}

func TestPlainHTTPOnTLSPort(t *testing.T) {
	t.Parallel()
	w := startWorld(t, recipeConf, recipeFiles(t))
	resp := w.raw(t, 5043, false, "", "GET /v2/ HTTP/1.1\r\nHost: myregistrydomain.com\r\n\r\n")
	if resp.StatusCode != 400 {
		t.Fatalf("status %d, want 400", resp.StatusCode)
	}
	if body := bodyOf(resp); !strings.Contains(body, "speaking plain HTTP to an SSL-enabled server port") {
		t.Errorf("body does not say why:\n%s", body)
	}
	if !resp.Close {
		t.Error("the connection stays open")
	}
}

func TestSNIWithoutHost(t *testing.T) {
	t.Parallel()
	w := startWorld(t, recipeConf, recipeFiles(t))
	resp := w.raw(t, 5043, true, "myregistrydomain.com", "GET /v2/ HTTP/1.0\r\n\r\n")
	if resp.StatusCode != 400 {
		t.Fatalf("status %d, want 400 (AH02031)", resp.StatusCode)
	}
	w.waitLog(t, "AH02031: Hostname myregistrydomain.com provided via SNI, but no hostname provided in HTTP request")
}

const vhostsConf = `
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule proxy_module modules/mod_proxy.so
LoadModule proxy_http_module modules/mod_proxy_http.so
LoadModule headers_module modules/mod_headers.so
ErrorLog /proc/self/fd/2
Listen 8080
Listen 8081
ServerName main.example
Header always set Which main
<VirtualHost *:8080>
  ServerName first.example
  Header always set Which first
</VirtualHost>
<VirtualHost *:8080>
  ServerName second.example
  ServerAlias *.second.example
  Header always set Which second
</VirtualHost>
`

func TestVirtualHostSelection(t *testing.T) {
	t.Parallel()
	w := startWorld(t, vhostsConf, nil)
	tests := []struct {
		port int
		host string
		want string
	}{
		{8080, "first.example", "first"},
		{8080, "SECOND.example:8080", "second"},
		{8080, "www.second.example", "second"},
		{8080, "unknown.example", "first"}, // the address's first vhost is its default
		{8081, "second.example", "main"},   // no vhost on the port: the main server
	}
	for _, tc := range tests {
		resp := w.raw(t, tc.port, false, "", "GET /nothing HTTP/1.1\r\nHost: "+tc.host+"\r\n\r\n")
		if got := resp.Header.Get("Which"); got != tc.want {
			t.Errorf("port %d Host %s: served by %q, want %q", tc.port, tc.host, got, tc.want)
		}
		if resp.StatusCode != 404 {
			t.Errorf("port %d Host %s: status %d, want 404", tc.port, tc.host, resp.StatusCode)
		}
	}
}

// A missing file is logged at level info, as Apache logs AH00128: the
// default LogLevel warn keeps it out.
func TestMissingFileLogLevel(t *testing.T) {
	t.Parallel()
	for _, level := range []string{"warn", "info"} {
		w := startWorld(t, vhostsConf+"LogLevel "+level+"\n", nil)
		w.raw(t, 8081, false, "", "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n")
		if level == "info" {
			w.waitLog(t, "[core:info]")
			w.waitLog(t, "AH00128: File does not exist: /usr/local/apache2/htdocs/nothing")
		} else {
			// Errors are logged before the answer goes out.
			if strings.Contains(w.stdout.String(), "AH00128") {
				t.Errorf("LogLevel warn logs AH00128:\n%s", w.stdout.String())
			}
		}
	}
}

// %I counts the bytes of the request as read from the connection, %O
// those of the answer written, as mod_logio does.
func TestLogIOCounts(t *testing.T) {
	t.Parallel()
	conf := vhostsConf + "LoadModule log_config_module modules/mod_log_config.so\nLoadModule logio_module modules/mod_logio.so\n" +
		"CustomLog /proc/self/fd/1 \"io %I %O %s\"\n"
	w := startWorld(t, conf, nil)
	request := "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n"
	resp := w.raw(t, 8081, false, "", request)
	var head strings.Builder
	resp.Header.Write(&head)
	body := bodyOf(resp)
	// The status line, the headers, the blank line and the body.
	out := len("HTTP/1.1 404 Not Found\r\n") + head.Len() + 2 + len(body)
	w.waitLog(t, fmt.Sprintf("io %d %d 404", len(request), out))
}

// %{SSL_CIPHER}x names the suite as mod_ssl does, with OpenSSL's names:
// a TLS 1.2 suite as ECDHE-ECDSA-AES128-GCM-SHA256, not Go's
// TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256; TLS 1.3 names are the same.
func TestLogCipherName(t *testing.T) {
	t.Parallel()
	conf := strings.ReplaceAll(recipeConf, "CustomLog /proc/self/fd/1 common",
		`CustomLog /proc/self/fd/1 "tls %{SSL_PROTOCOL}x %{SSL_CIPHER}x %U"`)
	w := startWorld(t, conf, recipeFiles(t))
	w.mu.Lock()
	addr := w.addrs[5043]
	w.mu.Unlock()
	for _, tt := range []struct {
		version uint16
		want    string
	}{
		{tls.VersionTLS12, "TLSv1.2 ECDHE-ECDSA-AES128-GCM-SHA256"},
		{tls.VersionTLS13, "TLSv1.3 TLS_AES_128_GCM_SHA256"},
	} {
		c, err := tls.Dial("tcp", addr, &tls.Config{ServerName: "myregistrydomain.com", InsecureSkipVerify: true,
			MaxVersion: tt.version, CipherSuites: []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}})
		if err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/v2/cipher%d", tt.version)
		fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: myregistrydomain.com\r\nConnection: close\r\n\r\n", path)
		io.Copy(io.Discard, c)
		c.Close()
		w.waitLog(t, "tls "+tt.want+" "+path)
	}
}
