package auth

import (
	"fmt"
	"os"
	"path/filepath"
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
