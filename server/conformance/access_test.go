package conformance

import "testing"

// The access-control configs: <LimitExcept>, Require blocks, Satisfy,
// Order/Allow/Deny, Require ip. Users: alice (group readers), bob (group
// admin), carol (no group).
func init() {
	plain := func(name string, calls []call) *config {
		return &config{name: name, template: name + ".conf", tls: []bool{false}, host: "localhost", files: userFiles, calls: calls}
	}
	configs = append(configs,
		plain("limitexcept", limitExceptCalls()),
		plain("requireblocks", requireBlockCalls()),
		plain("satisfy", satisfyCalls()),
		plain("order", orderCalls()),
		plain("requireip", requireIPCalls()),
	)
}

func userFiles(t testing.TB) map[string]string {
	return map[string]string{
		"htpasswd": htpasswd(t, "alice", "alicepw", "bob", "bobpw", "carol", "carolpw"),
		"groups":   "readers: alice\nadmin: bob\n",
	}
}

// who are the credentials each access config is tried with.
var who = []struct{ name, header string }{
	{"anonymous", ""},
	{"alice", basic("alice", "alicepw")},
	{"bob", basic("bob", "bobpw")},
	{"carol", basic("carol", "carolpw")},
	{"wrong password", basic("alice", "bobpw")},
}

// matrix is every method on every path for everyone in who.
func matrix(methods, paths []string) []call {
	var calls []call
	for _, p := range paths {
		for _, m := range methods {
			for _, u := range who {
				var h []string
				if u.header != "" {
					h = append(h, u.header)
				}
				calls = append(calls, call{name: m + " " + p + " " + u.name, send: req(m, p, h...)})
			}
		}
	}
	return calls
}

func limitExceptCalls() []call {
	calls := matrix([]string{"GET", "HEAD", "OPTIONS", "POST", "DELETE", "PROPFIND", "FROB"}, []string{"/v2/x"})
	calls = append(calls, matrix([]string{"GET", "POST", "PUT"}, []string{"/mixed"})...)
	return append(calls,
		call{name: "GET /ro", send: req("GET", "/ro")},
		call{name: "HEAD /ro", send: req("HEAD", "/ro")},
		call{name: "POST /ro", send: withBody("POST", "/ro", "x")},
		call{name: "TRACE /ro", send: req("TRACE", "/ro")},
		call{name: "made-up /ro", send: req("BREW", "/ro")},
	)
}

func requireBlockCalls() []call {
	calls := matrix([]string{"GET"}, []string{"/any", "/all", "/none", "/nested", "/notgroup", "/granted", "/denied", "/merged", "/merged/and", "/merged/or", "/elsewhere"})
	return append(calls,
		call{name: "POST /nested bob", send: withBody("POST", "/nested", "", basic("bob", "bobpw"))},
		call{name: "HEAD /nested bob", send: req("HEAD", "/nested", basic("bob", "bobpw"))},
	)
}

func satisfyCalls() []call {
	calls := matrix([]string{"GET"}, []string{"/any-allowed", "/any-denied", "/all-allowed", "/all-denied"})
	return append(calls, matrix([]string{"GET", "POST"}, []string{"/any-limit"})...)
}

func orderCalls() []call {
	var calls []call
	for _, p := range []string{"/ad-deny", "/ad-other", "/ad-none", "/da-none", "/da-allow", "/da-deny", "/mutual", "/partial", "/mixed", "/ad-deny/inner", "/ad-deny/inner/more", "/ad-denyx", "/elsewhere"} {
		calls = append(calls,
			call{name: "GET " + p, send: req("GET", p)},
			call{name: "HEAD " + p, send: req("HEAD", p, "X-Forwarded-For: 10.0.0.1")},
		)
	}
	return calls
}

func requireIPCalls() []call {
	var calls []call
	for _, p := range []string{"/ip", "/net", "/mask", "/partial", "/other", "/notip", "/local", "/method", "/v6", "/forwarded"} {
		calls = append(calls, call{name: "GET " + p, send: req("GET", p)})
	}
	return append(calls,
		call{name: "POST /method", send: withBody("POST", "/method", "x")},
		call{name: "PUT /method", send: withBody("PUT", "/method", "x")},
		call{name: "HEAD /method", send: req("HEAD", "/method")},
		call{name: "OPTIONS /method", send: req("OPTIONS", "/method")},
		call{name: "GET /forwarded with X-Forwarded-For", send: req("GET", "/forwarded", "X-Forwarded-For: 10.1.1.1")},
		call{name: "GET /other with X-Forwarded-For", send: req("GET", "/other", "X-Forwarded-For: 10.0.0.1")},
	)
}
