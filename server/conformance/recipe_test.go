package conformance

import (
	"crypto/tls"
	"strings"
	"testing"
)

// The recipe: the registry's "Authenticate proxy with apache" httpd.conf
// as the project ships it, with only its paths, port and registry
// address pointed at the test's.
func init() {
	configs = append(configs, &config{
		name:     "recipe",
		template: "../../../examples/registry/httpd.conf",
		rewrite: []string{
			"/usr/local/apache2", "@ROOT@",
			"Listen 5043", "Listen @PORT0@",
			"*:5043", "*:@PORT0@",
			"registry:5000", "@BACKEND@",
		},
		tls:   []bool{true},
		host:  "myregistrydomain.com:5043",
		sni:   "myregistrydomain.com",
		files: recipeFiles,
		calls: recipeCalls(),
	})
}

func recipeFiles(t testing.TB) map[string]string {
	return map[string]string{
		"conf/domain.crt":     testCert.cert,
		"conf/domain.key":     testCert.key,
		"conf/httpd.htpasswd": htpasswd(t, "testuser", "testpassword", "testuserpush", "testpasswordpush"),
		"conf/httpd.groups":   "pusher: testuserpush\n",
	}
}

var (
	reader = basic("testuser", "testpassword")
	pusher = basic("testuserpush", "testpasswordpush")
)

func recipeCalls() []call {
	var calls []call
	add := func(cs ...call) { calls = append(calls, cs...) }
	add(recipeMethods()...)
	add(recipePaths()...)
	add(recipeCredentials()...)
	add(recipeConnections()...)
	add(recipeTLS()...)
	add(recipeLimits()...)
	add(recipeRegistryFlows()...)
	return calls
}

// Every method, anonymous and signed in: <Limit> leaves the methods it
// does not name open.
func recipeMethods() []call {
	var calls []call
	for _, m := range []string{"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FROB", "get"} {
		calls = append(calls,
			call{name: "anonymous " + m, send: req(m, "/v2/")},
			call{name: "reader " + m, send: req(m, "/v2/", reader)},
		)
	}
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "TRACE"} {
		calls = append(calls, call{name: "pusher " + m, send: req(m, "/v2/x/", pusher)})
	}
	return append(calls,
		call{name: "CONNECT authority", send: req("CONNECT", "myregistrydomain.com:443")},
		call{name: "CONNECT path", send: req("CONNECT", "/v2/")},
		call{name: "OPTIONS star", send: req("OPTIONS", "*")},
		call{name: "TRACE with body", send: withBody("TRACE", "/v2/", "x")},
		call{name: "PROPFIND with body", send: withBody("PROPFIND", "/v2/", "<propfind/>", reader, "Depth: 1")},
	)
}

// Paths as Apache maps them: prefix match, normalisation, %2F.
func recipePaths() []call {
	paths := []string{
		"/v2", "/v2/", "/v2foo", "//v2/", "/%76%32/", "/v2%2F", "/v2%2f/x", "/v2/a%2Fb",
		"/v2/./", "/v2/../v2/", "/v2/a/../../", "/v2/a/./b/", "/v2/%2e%2e/", "/v2/..", "/./v2/",
		"/", "/other", "/error/", "/error/x", "/error", "/V2/", "/v2/%7e/%20x",
		"/v2/a/tags/list?n=1&last=x",
		"/v2/_catalog?n=" + strings.Repeat("9", 300),
		"/v2/x?%zz&a=b;c|d=e%2F&&=&q=%00",
		"/v2/x?a b", "/v2/x?", "/v2/x#frag", "/v2/x?q=\"<>\"",
		"http://myregistrydomain.com:5043/v2/", "http://other.example/v2/",
	}
	var calls []call
	for _, p := range paths {
		calls = append(calls, call{name: "path " + p, send: req("GET", p, reader)})
	}
	return calls
}

// Authorization as Apache parses it.
func recipeCredentials() []call {
	cases := []struct{ name, header string }{
		{"wrong password", basic("testuser", "nope")},
		{"unknown user", basic("nobody", "testpassword")},
		{"empty password", basic("testuser", "")},
		{"no colon", "Authorization: Basic dGVzdHVzZXI="},
		{"bad base64", "Authorization: Basic !!!"},
		{"base64url", "Authorization: Basic " + strings.NewReplacer("+", "-", "/", "_").Replace(b64("testuser:t>?>?>"))},
		{"empty header", "Authorization:"},
		{"scheme only", "Authorization: Basic"},
		{"bearer", "Authorization: Bearer abc.def.ghi"},
		{"lower case scheme", "Authorization: basic " + b64("testuser:testpassword")},
		{"upper case scheme", "Authorization: BASIC " + b64("testuser:testpassword")},
		{"extra blanks", "Authorization: Basic    " + b64("testuser:testpassword")},
		{"tab", "Authorization: Basic\t" + b64("testuser:testpassword")},
		{"no padding", "Authorization: Basic " + strings.TrimRight(b64("testuser:testpassword1"), "=")},
		{"trailing junk", "Authorization: Basic " + b64("testuser:testpassword") + " junk"},
		{"colon in password", basic("testuser", "testpassword:")},
		{"user case", basic("TestUser", "testpassword")},
		{"digest scheme", `Authorization: Digest username="testuser"`},
	}
	var calls []call
	for _, c := range cases {
		calls = append(calls, call{name: "credentials " + c.name, send: req("GET", "/v2/", c.header)})
	}
	return append(calls,
		call{name: "credentials two headers good first", send: req("GET", "/v2/", reader, basic("testuser", "nope"))},
		call{name: "credentials two headers bad first", send: req("GET", "/v2/", basic("testuser", "nope"), reader)},
		call{name: "credentials reader push", send: withBody("PUT", "/v2/a/manifests/b", "{}", reader)},
		call{name: "credentials pusher wrong password", send: withBody("PUT", "/v2/a/manifests/b", "{}", basic("testuserpush", "x"))},
	)
}

// Connections: HTTP/1.0, Host and SNI, ALPN, plain HTTP on the TLS port.
func recipeConnections() []call {
	noSNI := &offer{}
	return []call{
		{name: "HTTP/1.0 with Host", send: "GET /v2/ HTTP/1.0\r\nHost: myregistrydomain.com\r\n" + reader + "\r\n\r\n"},
		{name: "HTTP/1.0 without Host", send: req10("GET", "/v2/", reader)},
		{name: "HTTP/1.0 keep-alive", send: "GET /v2/ HTTP/1.0\r\nHost: myregistrydomain.com\r\nConnection: keep-alive\r\n" + reader + "\r\n\r\n"},
		{name: "HTTP/1.1 without Host", send: "GET /v2/ HTTP/1.1\r\n" + reader + "\r\n\r\n"},
		{name: "HTTP/1.1 Connection close", send: req("GET", "/v2/", reader, "Connection: close")},
		{name: "no SNI, no Host", offer: noSNI, send: req10("GET", "/v2/", reader)},
		{name: "no SNI, Host", offer: noSNI, send: req("GET", "/v2/", reader)},
		{name: "SNI other, Host", offer: &offer{SNI: "other.example"}, send: req("GET", "/v2/", reader)},
		{name: "SNI, Host other", send: "GET /v2/ HTTP/1.1\r\nHost: other.example\r\n" + reader + "\r\n\r\n"},
		{name: "SNI, Host with other case", send: "GET /v2/ HTTP/1.1\r\nHost: MyRegistryDomain.COM\r\n" + reader + "\r\n\r\n"},
		{name: "two Host headers", send: "GET /v2/ HTTP/1.1\r\nHost: myregistrydomain.com\r\nHost: other.example\r\n" + reader + "\r\n\r\n"},
		{name: "ALPN h2", offer: &offer{SNI: "myregistrydomain.com", ALPN: []string{"h2"}}, send: req("GET", "/v2/", reader)},
		{name: "ALPN h2 and http/1.1", offer: &offer{SNI: "myregistrydomain.com", ALPN: []string{"h2", "http/1.1"}}, send: req("GET", "/v2/", reader)},
		{name: "ALPN http/1.0", offer: &offer{SNI: "myregistrydomain.com", ALPN: []string{"http/1.0"}}, send: req10("GET", "/v2/", reader)},
		{name: "ALPN unknown", offer: &offer{SNI: "myregistrydomain.com", ALPN: []string{"spdy/3"}}},
		{name: "plain HTTP on the TLS port", offer: &offer{Plain: true}, send: req("GET", "/v2/")},
		{name: "plain HTTP/1.0 on the TLS port", offer: &offer{Plain: true}, send: req10("GET", "/")},
	}
}

// TLS versions and single-cipher probes against the recipe's
// SSLProtocol and SSLCipherSuite.
func recipeTLS() []call {
	sni := "myregistrydomain.com"
	version := func(name string, v uint16) call {
		return call{name: "TLS " + name, offer: &offer{SNI: sni, Min: v, Max: v}}
	}
	cipher := func(c uint16) call {
		return call{name: "cipher " + tls.CipherSuiteName(c), offer: &offer{SNI: sni, Max: tls.VersionTLS12, Ciphers: []uint16{c}}}
	}
	return []call{
		version("1.0", tls.VersionTLS10),
		version("1.1", tls.VersionTLS11),
		version("1.2", tls.VersionTLS12),
		version("1.3", tls.VersionTLS13),
		{name: "TLS 1.2 request", offer: &offer{SNI: sni, Max: tls.VersionTLS12}, send: req("GET", "/v2/", reader)},
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384),
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA),
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
		cipher(tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
		cipher(tls.TLS_RSA_WITH_AES_128_GCM_SHA256),
		cipher(tls.TLS_RSA_WITH_AES_256_CBC_SHA),
		{name: "cipher order", offer: &offer{SNI: sni, Max: tls.VersionTLS12, Ciphers: []uint16{
			tls.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}}},
	}
}

// Apache's limits on the request head.
func recipeLimits() []call {
	many := make([]string, 101)
	for i := range many {
		many[i] = "X-Many: " + strings.Repeat("m", i%7)
	}
	return []call{
		{name: "request line 8190", send: req("GET", "/v2/"+strings.Repeat("a", 8190-len("GET /v2/ HTTP/1.1")), reader)},
		{name: "request line too long", send: req("GET", "/v2/"+strings.Repeat("a", 9000), reader)},
		{name: "101 headers", send: req("GET", "/v2/", append(many, reader)...)},
		{name: "100 headers", send: req("GET", "/v2/", append(many[:98], reader)...)},
		{name: "header of 8 KiB", send: req("GET", "/v2/", reader, "X-Big: "+strings.Repeat("b", 8190))},
		{name: "header just under the limit", send: req("GET", "/v2/", reader, "X-Big: "+strings.Repeat("b", 8000))},
		{name: "header line without colon", send: req("GET", "/v2/", reader, "NoColonHere")},
		{name: "obsolete line folding", send: req("GET", "/v2/", reader, "X-Fold: a\r\n  b")},
	}
}

// The registry's own flows, as a pusher and a reader make them.
func recipeRegistryFlows() []call {
	return []call{
		{name: "upload start", send: withBody("POST", "/v2/app/blobs/uploads/", "", pusher)},
		{name: "upload mount", send: withBody("POST", "/v2/app/blobs/uploads/?mount="+emptyDigest+"&from=base", "", pusher)},
		{name: "upload chunked PATCH", send: chunked("PATCH", "/v2/app/blobs/uploads/u1?_state=s0", []string{"hello ", "world"}, pusher, "Content-Type: application/octet-stream")},
		{name: "upload PATCH with length", send: withBody("PATCH", "/v2/app/blobs/uploads/u1?_state=s0", "hello world", pusher, "Content-Range: 0-10")},
		{name: "upload PUT", send: withBody("PUT", "/v2/app/blobs/uploads/u1?_state=s1&digest="+emptyDigest, "", pusher)},
		{name: "upload PUT expecting 100", send: withBody("PUT", "/v2/app/blobs/uploads/u1?digest="+emptyDigest, "0123456789", pusher, "Expect: 100-continue")},
		{name: "HEAD of the empty blob", send: req("HEAD", "/v2/app/blobs/"+emptyDigest, reader)},
		{name: "GET of the empty blob", send: req("GET", "/v2/app/blobs/"+emptyDigest, reader)},
		{name: "range GET", send: req("GET", "/v2/app/blobs/sha256:1111", reader, "Range: bytes=0-9")},
		{name: "HEAD of a blob", send: req("HEAD", "/v2/app/blobs/sha256:1111", reader)},
		{name: "redirect rewritten", send: req("GET", "/v2/app/redirect", reader)},
		{name: "chunked answer", send: req("GET", "/v2/app/chunked", reader)},
		{name: "close-delimited answer", send: req("GET", "/v2/app/close", reader)},
		{name: "backend 404", send: req("GET", "/v2/app/status/404", reader)},
		{name: "backend 401", send: req("GET", "/v2/app/status/401", reader)},
		{name: "backend 500", send: req("GET", "/v2/app/status/500", reader)},
		{name: "hop-by-hop headers", send: req("GET", "/v2/", reader, "Connection: X-Drop, keep-alive", "X-Drop: 1", "Keep-Alive: 5", "TE: trailers", "Proxy-Authorization: Basic eA==", "Upgrade: websocket")},
		{name: "client X-Forwarded", send: req("GET", "/v2/", reader, "X-Forwarded-For: 10.1.1.1", "X-Forwarded-Host: evil.example", "X-Forwarded-Proto: http", "Via: 1.1 upstream")},
	}
}
