package conformance

import (
	"crypto/tls"
	"strings"
	"testing"
)

// The configs of what goes out: headers, TLS virtual hosts and
// protocols, limits, log formats.
func init() {
	configs = append(configs,
		&config{name: "headers", template: "headers.conf", tls: []bool{false}, host: "localhost", calls: headerCalls()},
		&config{name: "tlsvhosts", template: "tlsvhosts.conf", tls: []bool{true}, host: "one.example", sni: "one.example", calls: tlsVhostCalls()},
		&config{name: "tlsopen", template: "tlsopen.conf", tls: []bool{true}, host: "localhost", sni: "localhost", calls: tlsOpenCalls()},
		&config{name: "limits", template: "limits.conf", tls: []bool{false}, host: "localhost", calls: limitCalls()},
		&config{name: "logformats", template: "logformats.conf", tls: []bool{false}, host: "localhost", calls: logCalls(),
			files: func(t testing.TB) map[string]string {
				return map[string]string{"htpasswd": htpasswd(t, "alice", "alicepw")}
			}},
	)
}

func headerCalls() []call {
	return []call{
		{name: "proxied", send: req("GET", "/v2/")},
		{name: "proxied HEAD", send: req("HEAD", "/v2/")},
		{name: "denied", send: req("GET", "/fail")},
		{name: "not found", send: req("GET", "/nothing")},
		{name: "backend 404", send: req("GET", "/v2/app/status/404")},
		{name: "backend 500", send: req("GET", "/v2/app/status/500")},
		{name: "backend redirect", send: req("GET", "/v2/app/redirect")},
		{name: "echo", send: req("GET", "/v2/", "X-Echo-One: 1", "X-Echo-Two: 2", "X-Other: 3")},
		{name: "echo on denied", send: req("GET", "/fail", "X-Echo-One: 1")},
		{name: "request headers present", send: req("GET", "/v2/", "X-Req-Set: old", "X-Req-Append: first", "X-Req-Add: first",
			"X-Req-Merge: m", "X-Req-Empty: full", "X-Req-Unset: gone", "X-Req-Edit: aaa", "X-Req-Edit-All: aaa")},
		{name: "request headers absent", send: req("GET", "/v2/")},
		{name: "request header merge other", send: req("GET", "/v2/", "X-Req-Merge: n")},
		{name: "request header empty", send: req("GET", "/v2/", "X-Req-Empty:")},
		{name: "text answer edited", send: req("GET", "/v2/x")},
	}
}

func tlsVhostCalls() []call {
	on := func(sni, host string) call {
		return call{name: "SNI " + sni + " Host " + host, offer: &offer{SNI: sni},
			send: "GET /x HTTP/1.1\r\nHost: " + host + "\r\n\r\n"}
	}
	return []call{
		on("one.example", "one.example"),
		on("two.example", "two.example"),
		on("one.example", "two.example"),
		on("two.example", "one.example"),
		on("", "two.example"),
		on("", "one.example"),
		on("three.example", "three.example"),
		on("www.two.example", "www.two.example"),
		on("two.example", "TWO.example:443"),
		on("one.example", "one.example."),
		{name: "SNI two HTTP/1.0 no Host", offer: &offer{SNI: "two.example"}, send: req10("GET", "/x")},
		{name: "SNI two TLS 1.3", offer: &offer{SNI: "two.example", Min: tls.VersionTLS13}},
		{name: "SNI two TLS 1.2", offer: &offer{SNI: "two.example", Max: tls.VersionTLS12}},
		{name: "SNI one TLS 1.2", offer: &offer{SNI: "one.example", Max: tls.VersionTLS12}},
	}
}

func tlsOpenCalls() []call {
	version := func(name string, v uint16) call {
		return call{name: "TLS " + name, offer: &offer{SNI: "localhost", Min: v, Max: v}}
	}
	cipher := func(c uint16) call {
		return call{name: "cipher " + tls.CipherSuiteName(c), offer: &offer{SNI: "localhost", Max: tls.VersionTLS12, Ciphers: []uint16{c}}}
	}
	alpn := func(protos ...string) call {
		return call{name: "ALPN " + strings.Join(protos, ","), offer: &offer{SNI: "localhost", ALPN: protos}, send: req("GET", "/")}
	}
	return []call{
		version("1.0", tls.VersionTLS10),
		version("1.1", tls.VersionTLS11),
		version("1.2", tls.VersionTLS12),
		version("1.3", tls.VersionTLS13),
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256),
		cipher(tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA),
		cipher(tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256),
		cipher(tls.TLS_RSA_WITH_AES_128_GCM_SHA256),
		cipher(tls.TLS_RSA_WITH_AES_256_CBC_SHA),
		cipher(tls.TLS_RSA_WITH_3DES_EDE_CBC_SHA),
		{name: "client cipher order", offer: &offer{SNI: "localhost", Max: tls.VersionTLS12, Ciphers: []uint16{
			tls.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}}},
		alpn("h2"),
		alpn("h2", "http/1.1"),
		alpn("http/1.1"),
		alpn("http/1.0"),
		{name: "no SNI", offer: &offer{}, send: req("GET", "/")},
		{name: "plain HTTP", offer: &offer{Plain: true}, send: req("GET", "/")},
	}
}

func limitCalls() []call {
	fields := func(n int) []string {
		h := make([]string, n)
		for i := range h {
			h[i] = "X-F: " + strings.Repeat("f", i)
		}
		return h
	}
	return []call{
		{name: "line at the limit", send: req("GET", "/"+strings.Repeat("a", 100-len("GET / HTTP/1.1")-1))},
		{name: "line over the limit", send: req("GET", "/"+strings.Repeat("a", 100))},
		{name: "4 more fields", send: req("GET", "/", fields(4)...)},
		{name: "5 more fields", send: req("GET", "/", fields(5)...)},
		{name: "field at the limit", send: req("GET", "/", "X-L: "+strings.Repeat("l", 200-len("X-L: ")))},
		{name: "field over the limit", send: req("GET", "/", "X-L: "+strings.Repeat("l", 200))},
		{name: "body at the limit", send: withBody("POST", "/", strings.Repeat("b", 10))},
		{name: "body over the limit", send: withBody("POST", "/", strings.Repeat("b", 11))},
		{name: "chunked body over the limit", send: chunked("POST", "/", []string{"12345", "678901"})},
		{name: "chunked body at the limit", send: chunked("PATCH", "/", []string{"12345", "67890"})},
	}
}

func logCalls() []call {
	return []call{
		{name: "proxied", send: req("GET", "/v2/?q=1", "User-Agent: conformance/1.0", "Referer: http://example.com/")},
		{name: "HEAD", send: req("HEAD", "/v2/")},
		{name: "upload", send: withBody("POST", "/v2/app/blobs/uploads/", "hello", "Content-Type: application/octet-stream")},
		{name: "signed in", send: req("GET", "/v2/private/x", basic("alice", "alicepw"))},
		{name: "wrong password", send: req("GET", "/v2/private/x", basic("alice", "nope"))},
		{name: "denied", send: req("GET", "/denied?x=\"y\"")},
		{name: "not found", send: req("GET", "/nothing/here")},
		{name: "escapes", send: req("GET", "/v2/", "User-Agent: a \"quoted\" \\ \x01 \xff agent")},
		{name: "HTTP/1.0", send: req10("GET", "/v2/")},
		{name: "Host with port", send: "GET /v2/ HTTP/1.1\r\nHost: LocalHost:8080\r\n\r\n"},
		{name: "absolute URI", send: req("GET", "http://localhost/v2/x")},
		{name: "keep-alive close", send: req("GET", "/v2/", "Connection: close")},
	}
}
