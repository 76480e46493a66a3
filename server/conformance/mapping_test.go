package conformance

// The mapping configs: <Location> merging, ProxyPass rules,
// ProxyPassReverse.
func init() {
	plain := func(name string, calls []call) *config {
		return &config{name: name, template: name + ".conf", tls: []bool{false}, host: "localhost", calls: calls}
	}
	configs = append(configs,
		plain("locations", gets(
			"/a", "/a/", "/ab", "/a/b", "/a/b/", "/a/bx", "/a/b/c", "/a/b/c/d", "/a/x.json", "/a/b/x.json",
			"/xx/", "/b", "/b/", "/b/z", "/c", "/cat", "/d1", "/d", "//a/b", "/a//b", "/%61/b", "/A/b",
			"/a/./b", "/a/b/../b/", "/a/b%2Fc", "/a/b/c%00")),
		plain("proxypass", gets(
			"/ex", "/ex/", "/ex/skip", "/ex/skip/x", "/ex/skipx", "/exx",
			"/slash", "/slash/", "/slash/a", "/noslash", "/noslash/", "/noslash/a", "/noslashx",
			"/mixed", "/mixed/", "/mixed/a", "/mixed2", "/mixed2/a", "/mixed2a",
			"/first", "/first/second", "/first/second/x",
			"/enc/a%2Fb%20c", "/enc/%7e", "/re/a.json", "/re/a/b.json?q=1", "/re/a.xml",
			"/skipped", "/v2/x?a=1&b=%2F", "/loc", "/loc/x", "/loc/off", "/loc/off/x", "/nothing")),
		plain("reverse", append(gets(
			"/keep/app/redirect", "/nokeep/app/redirect", "/norev/app/redirect", "/top/app/redirect", "/other/app/redirect",
			"/noheaders/", "/keep/", "/nokeep/"),
			call{name: "POST /keep upload", send: withBody("POST", "/keep/app/blobs/uploads/", "")},
			call{name: "POST /nokeep upload", send: withBody("POST", "/nokeep/app/blobs/uploads/", "")},
			call{name: "POST /top mount", send: withBody("POST", "/top/app/blobs/uploads/?mount="+emptyDigest, "")},
			call{name: "Host with port", send: "GET /top/app/redirect HTTP/1.1\r\nHost: localhost:8443\r\n\r\n"},
			call{name: "Host other", send: "GET /nokeep/app/redirect HTTP/1.1\r\nHost: other.example\r\n\r\n"},
			call{name: "HTTP/1.0 no Host", send: req10("GET", "/nokeep/app/redirect")},
		)),
	)
}

// gets is a GET of each path.
func gets(paths ...string) []call {
	var calls []call
	for _, p := range paths {
		calls = append(calls, call{name: "GET " + p, send: req("GET", p)})
	}
	return calls
}
