package auth

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/authfile"
)

// BenchmarkVerify measures one successful check of the password "pw" per
// hash format, as a request without the cache pays it.
func BenchmarkVerify(b *testing.B) {
	for _, tc := range []struct{ name, hash string }{
		{"bcrypt5", bcryptHash(b, 5)},
		{"bcrypt10", bcryptHash(b, 10)},
		{"bcrypt12", bcryptHash(b, 12)},
		{"apr1", "$apr1$abcdefgh$5VEbMkemELfbhC5ck.U.z1"},
		{"md5crypt", "$1$abcdefgh$IQtUouv7y7Q9dRWkQEPCc."},
		{"sha1", "{SHA}GpHWL3ymc5liWkNopqtdSjuqYHM="},
		{"sha256crypt", "$5$abcdefgh$ijtOJ//yvc/9bq1g0llFn9dB688BwBDRD90DlKKSKE1"},
		{"sha512crypt", "$6$abcdefgh$KQeXafAQAaOoKTevphVU215RvJdgzyfASRasIOuh12hO8u0r1bGW92ZnTmC9IjsiQ8VPiTXBiZF49dFL1U4wX/"},
		{"descrypt", "abzlUXK5ed5rs"},
		{"bsdicrypt", "_J9..abcdTZ/33djMPto"},
		{"yescrypt", "$y$j9T$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9"},
		{"scrypt", "$7$CU..../....abc$8mpmwDfPwXvAD4FQLaqP0K4jqc.9uy5ID9yj4xdVLb3"},
		{"sunmd5", "$md5$abc$smXkxYjcI0YQanw8QxFxW1"},
		{"nt", "$3$$8cc19b6a8cfeac299c2871c86b38de28"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			if !authfile.Verify(tc.hash, "pw") {
				b.Fatalf("Verify(%q, pw) = false", tc.hash)
			}
			b.ReportAllocs()
			for b.Loop() {
				authfile.Verify(tc.hash, "pw")
			}
		})
	}
}

// BenchmarkCheck measures a whole Check of a signed-in GET, for bcrypt
// lines of htpasswd -B's costs, with the password hashed every time
// (the cache off, as Apache) and found in the credential cache; and a
// cached check within two seconds of a change to the file, when each
// request reads the file again (authfile.Source's racy window).
func BenchmarkCheck(b *testing.B) {
	type run struct {
		name string
		c    func() *Checker
	}
	built := func(c *Checker) func() *Checker { return func() *Checker { return c } }
	var runs []run
	for _, cost := range []int{5, 10, 12} {
		users := "u:" + bcryptHash(b, cost) + "\n"
		runs = append(runs,
			run{fmt.Sprintf("uncached/bcrypt%02d", cost), built(benchChecker(b, users, CacheOptions{Off: true}))},
			run{fmt.Sprintf("cached/bcrypt%02d", cost), built(benchChecker(b, users, CacheOptions{}))})
	}
	time.Sleep(2100 * time.Millisecond) // past the racy window of every file
	fresh := "u:" + bcryptHash(b, 10) + "\n"
	runs = append(runs, run{"cached-just-changed/bcrypt10", func() *Checker { return benchChecker(b, fresh, CacheOptions{}) }})
	req := &Request{Method: "GET", Authorization: []string{basic("u:pw")}}
	for _, r := range runs {
		b.Run(r.name, func(b *testing.B) {
			c := r.c()
			if d := c.Check(req); d.Status != 0 {
				b.Fatalf("Check: %+v", d)
			}
			b.ReportAllocs()
			for b.Loop() {
				c.Check(req)
			}
		})
	}
}

// benchChecker is the Checker of a <Location> that requires a valid user
// of the htpasswd file holding users.
func benchChecker(b *testing.B, users string, o CacheOptions) *Checker {
	b.Helper()
	root := b.TempDir()
	conf := modules + `<Location /v2>
  AuthName R
  AuthType Basic
  AuthUserFile ` + filepath.Join(root, "htpasswd") + `
  Require valid-user
</Location>
`
	for name, data := range map[string]string{"htpasswd": users, "httpd.conf": conf} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		b.Fatal(err)
	}
	dir := cfg.Main.Dir
	for _, s := range cfg.Main.Sections {
		dir = s.Dir.Merge(dir)
	}
	c, err := New(dir, NewEnv(nil, o))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// recipeLocation is the recipe's <Location /v2>: readers may GET and
// HEAD, the group pusher may write. ${DATA} is testdata/hot.
const recipeLocation = `<Location /v2>
  Order deny,allow
  Allow from all
  AuthName "Registry Authentication"
  AuthType basic
  AuthUserFile ${DATA}/htpasswd
  AuthGroupFile ${DATA}/groups
  <Limit GET HEAD>
    Require valid-user
  </Limit>
  <Limit POST PUT DELETE PATCH>
    Require group pusher
  </Limit>
</Location>
`

// anyLocation lets in a client of a private network or a pusher, as a
// RequireAny block.
const anyLocation = `<Location /v2>
  AuthName "Registry Authentication"
  AuthType Basic
  AuthUserFile ${DATA}/htpasswd
  AuthGroupFile ${DATA}/groups
  <RequireAny>
    Require ip 10.0.0.0/8 192.168.0.0/16
    Require user admin
    Require group pusher
  </RequireAny>
</Location>
`

// hotChecker is the Checker of conf's /v2 with the credential cache on,
// over testdata/hot's files: the recipe's reader and pusher, with bcrypt
// cost 5 passwords, and the group pusher. The files are checked in, so
// they are normally past authfile.Source's racy window, and a Check reads
// no file; hotChecker waits for the window to pass when they are not.
func hotChecker(tb testing.TB, conf string) *Checker {
	tb.Helper()
	data, err := filepath.Abs(filepath.Join("testdata", "hot"))
	if err != nil {
		tb.Fatal(err)
	}
	root := tb.TempDir()
	conf = modules + strings.ReplaceAll(conf, "${DATA}", data)
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		tb.Fatal(err)
	}
	cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf"})
	if err != nil {
		tb.Fatal(err)
	}
	dir := cfg.Main.Dir
	for _, s := range cfg.Main.Sections {
		dir = s.Dir.Merge(dir)
	}
	c, err := New(dir, NewEnv(nil, CacheOptions{}))
	if err != nil {
		tb.Fatal(err)
	}
	for _, name := range []string{"htpasswd", "groups"} {
		settle(tb, filepath.Join(data, name))
	}
	return c
}

// settle waits until the file at path is past authfile.Source's racy
// window (2s after its last change), so Loads stat it without reading it.
func settle(tb testing.TB, path string) {
	tb.Helper()
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		tb.Fatal(err)
	}
	changed := time.Unix(0, max(st.Mtim.Nano(), st.Ctim.Nano()))
	time.Sleep(2100*time.Millisecond - time.Since(changed))
}

// hotCase is a request and the Decision it must get.
type hotCase struct {
	name   string
	conf   string
	req    *Request
	status int
	user   string
}

// hotCases are the requests a registry answers most, over the recipe's
// config and a RequireAny one: signed-in reads and pushes (cache hits
// once verified), a push refused to a reader, and an anonymous request.
func hotCases() []hotCase {
	ip := netip.MustParseAddr("172.17.0.1")
	req := func(method, cred string) *Request {
		r := &Request{Method: method, RemoteIP: ip, LocalIP: ip, URI: "/v2/library/ubuntu/manifests/latest",
			Filename: "proxy:http://registry:5000/v2/library/ubuntu/manifests/latest"}
		if cred != "" {
			r.Authorization = []string{cred}
		}
		return r
	}
	return []hotCase{
		{"recipe/HEAD-valid-user", recipeLocation, req("HEAD", reader), 0, "testuser"},
		{"recipe/PUT-group", recipeLocation, req("PUT", pusher), 0, "testuserpush"},
		{"recipe/PUT-reader-refused", recipeLocation, req("PUT", reader), 401, "testuser"},
		{"recipe/anonymous", recipeLocation, req("GET", ""), 401, ""},
		{"RequireAny/group", anyLocation, req("PUT", pusher), 0, "testuserpush"},
	}
}

// BenchmarkAuthorize measures the whole access, authentication and
// authorization decision of the requests a registry answers most, the
// password found in the credential cache.
func BenchmarkAuthorize(b *testing.B) {
	cs := map[string]*Checker{recipeLocation: hotChecker(b, recipeLocation), anyLocation: hotChecker(b, anyLocation)}
	for _, tc := range hotCases() {
		b.Run(tc.name, func(b *testing.B) {
			c := cs[tc.conf]
			if d := c.Check(tc.req); d.Status != tc.status || d.User != tc.user {
				b.Fatalf("Check: %+v, want status %d user %q", d, tc.status, tc.user)
			}
			b.ReportAllocs()
			for b.Loop() {
				c.Check(tc.req)
			}
		})
	}
}
