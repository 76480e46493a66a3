package auth

import (
	"crypto/sha1"
	"encoding/base64"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/directives"
)

// FuzzParseBasic reads any Authorization header as Apache's
// get_basic_auth: the user it gives never holds a ':' or a NUL, nor does
// the password; credentials a client encodes come back as they were sent
// (up to a NUL, as C strings end there); and the scheme is Basic in any
// case but nothing else.
func FuzzParseBasic(f *testing.F) {
	for _, s := range []struct{ user, pw, junk string }{
		{"testuser", "testpassword", ""}, {"", "", ""}, {"a:b", "c", "=="}, {"u", "p\x00q", ", Basic eDp5"},
		{"url", "a?>b", "_x"}, {"\xff\xfe", "\n", " "},
	} {
		f.Add(s.user, s.pw, s.junk)
	}
	f.Fuzz(func(t *testing.T, user, pw, junk string) {
		// Any header at all: what it yields must be a C string pair.
		for _, line := range []string{user, "Basic " + pw, "basic \t" + junk} {
			u, p, _ := parseBasic(line)
			if strings.ContainsAny(u, ":\x00") || strings.IndexByte(p, 0) >= 0 {
				t.Fatalf("parseBasic(%q) = %q, %q", line, u, p)
			}
		}
		if scheme, _, _ := strings.Cut(user, " "); !strings.EqualFold(scheme, "basic") {
			if _, _, ok := parseBasic(user); ok {
				t.Fatalf("parseBasic(%q) took scheme %q for Basic", user, scheme)
			}
		}
		if strings.ContainsAny(user, ":\x00") {
			return // no client can send it
		}
		pw, _, _ = strings.Cut(pw, "\x00")
		line := "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
		if base64Value(byteAt(junk, 0)) < 0 {
			line += junk // junk that cannot extend the encoding is ignored
		}
		if u, p, ok := parseBasic(line); !ok || u != user || p != pw {
			t.Fatalf("parseBasic(%q) = %q, %q, %v; want %q, %q", line, u, p, ok, user, pw)
		}
	})
}

// byteAt returns s[i], or 0 past its end.
func byteAt(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// FuzzAuthorization sends any Authorization headers to the recipe's
// rules (valid users may pull, only the group pusher may push): a method
// the rules limit gets through only with the exact credentials of a user
// the htpasswd file holds, and a push only as the pusher.
func FuzzAuthorization(f *testing.F) {
	c, err := New(fuzzDir(f), NewEnv(nil, CacheOptions{}))
	if err != nil {
		f.Fatal(err)
	}
	basic := func(user, pw string) string {
		return "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+pw))
	}
	f.Add("GET", basic("testuser", "testpassword"), "")
	f.Add("PUT", basic("testuserpush", "testpasswordpush"), "")
	f.Add("PUT", basic("testuser", "testpassword"), basic("testuserpush", "testpasswordpush"))
	f.Add("GET", "basic dXJsOmE/PmI=", "")
	f.Add("HEAD", "Basic dXJsOmE_PmI=", "x")
	f.Add("get", "Basic OmVtcHR5", "")
	f.Add("PATCH", "Bearer x", "")
	f.Fuzz(func(t *testing.T, method, first, second string) {
		req := &Request{Method: method, RemoteIP: netip.MustParseAddr("192.0.2.1"),
			LocalIP: netip.MustParseAddr("127.0.0.1"), URI: "/v2/", Authorization: []string{first}}
		if second != "" {
			req.Authorization = append(req.Authorization, second)
		}
		d := c.Check(req)
		if !d.Allowed() {
			return
		}
		user, pw, _ := parseBasic(strings.Join(req.Authorization, ", "))
		switch method {
		case "GET", "HEAD":
		case "POST", "PUT", "DELETE", "PATCH":
			if user != "testuserpush" {
				t.Fatalf("%s with %q let in as %q, who may not push", method, req.Authorization, user)
			}
		default:
			return // no Require applies to other methods, in Apache too
		}
		if want, ok := users[user]; !ok || want != pw || d.User != user {
			t.Fatalf("%s with %q let in as %q (%q) with password %q", method, req.Authorization, user, d.User, pw)
		}
	})
}

// fuzzDir loads the recipe's <Location /v2> over an htpasswd file of the
// test users, hashed with {SHA} so that each check is quick, and the
// test groups, and returns its merged config.
func fuzzDir(f *testing.F) *directives.DirConfig {
	root := f.TempDir()
	var pw strings.Builder
	for u, p := range users {
		sum := sha1.Sum([]byte(p))
		fmt.Fprintf(&pw, "%s:{SHA}%s\n", u, base64.StdEncoding.EncodeToString(sum[:]))
	}
	conf := modules + `<Location /v2>
  AuthName "Registry Realm"
  AuthType Basic
  AuthUserFile ${ROOT}/htpasswd
  AuthGroupFile ${ROOT}/groups
  <Limit GET HEAD>
    Require valid-user
  </Limit>
  <Limit POST PUT DELETE PATCH>
    Require group pusher
  </Limit>
</Location>
`
	for name, data := range map[string]string{
		"htpasswd":   pw.String(),
		"groups":     "pusher: testuserpush\nreaders: testuser url\n",
		"httpd.conf": strings.ReplaceAll(conf, "${ROOT}", root),
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		f.Fatal(err)
	}
	return cfg.Main.Sections[0].Dir.Merge(cfg.Main.Dir)
}
