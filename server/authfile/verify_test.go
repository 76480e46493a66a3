package authfile

import (
	"crypto/sha1"
	"encoding/base64"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// tool finds a program the tests use to make hashes: missing is a failure
// in CI (.ci/run installs it) and a skip elsewhere.
func tool(t testing.TB, name, pkg string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s (%s) is not installed; .ci/run installs it", name, pkg)
		}
		t.Skipf("%s (%s) is not installed; .ci/run installs it", name, pkg)
	}
	return path
}

// makeHash runs a hashing tool and returns the hash it printed; htpasswd's
// "user:hash" is cut to the hash.
func makeHash(t testing.TB, name string, args ...string) string {
	t.Helper()
	pkg := map[string]string{"htpasswd": "apache2-utils", "openssl": "openssl", "mkpasswd": "whois"}[name]
	out, err := exec.Command(tool(t, name, pkg), args...).Output()
	if err != nil {
		t.Fatalf("%s %q: %v", name, args, err)
	}
	hash := strings.TrimSpace(string(out))
	if name == "htpasswd" {
		_, hash, _ = strings.Cut(hash, ":")
	}
	return hash
}

// toolVector is a hash made by a real tool from a password.
type toolVector struct {
	tool     string
	args     []string // the password is appended
	password string
	scheme   Scheme
}

var toolVectors = []toolVector{
	{"htpasswd", []string{"-nbB", "u"}, "s3cret pass", Bcrypt},
	{"htpasswd", []string{"-nbB", "-C", "4", "u"}, "s3cret", Bcrypt},
	{"htpasswd", []string{"-nbm", "u"}, "s3cret", APR1},
	{"htpasswd", []string{"-nbs", "u"}, "s3cret", SHA1},
	{"htpasswd", []string{"-nbd", "u"}, "s3cret", DESCrypt},
	{"htpasswd", []string{"-nb2", "u"}, "s3cret", SHA256Crypt},
	{"htpasswd", []string{"-nb5", "u"}, "s3cret", SHA512Crypt},
	{"htpasswd", []string{"-nb5", "-r", "1234", "u"}, "s3cret", SHA512Crypt},
	{"openssl", []string{"passwd", "-1"}, "s3cret", MD5Crypt},
	{"openssl", []string{"passwd", "-apr1"}, "s3cret", APR1},
	{"openssl", []string{"passwd", "-5"}, "s3cret", SHA256Crypt},
	{"openssl", []string{"passwd", "-6"}, "s3cret", SHA512Crypt},
	// openssl 3 has dropped passwd -crypt; htpasswd -d and mkpasswd make DES.
	{"mkpasswd", []string{"-m", "yescrypt"}, "s3cret", Yescrypt},
	{"mkpasswd", []string{"-m", "yescrypt", "-R", "3"}, "s3cret", Yescrypt},
	{"mkpasswd", []string{"-m", "scrypt"}, "s3cret", Scrypt},
	{"mkpasswd", []string{"-m", "bcrypt"}, "s3cret", Bcrypt},
	{"mkpasswd", []string{"-m", "bcrypt-a"}, "s3cret", Bcrypt},
	{"mkpasswd", []string{"-m", "sha512crypt"}, "s3cret", SHA512Crypt},
	{"mkpasswd", []string{"-m", "sha256crypt", "-R", "2000"}, "s3cret", SHA256Crypt},
	{"mkpasswd", []string{"-m", "bsdicrypt"}, "a long s3cret phrase", ExtDESCrypt},
	{"mkpasswd", []string{"-m", "md5crypt"}, "s3cret", MD5Crypt},
	{"mkpasswd", []string{"-m", "descrypt"}, "s3cret", DESCrypt},
	{"mkpasswd", []string{"-m", "nt"}, "s3cret", NTHash},
	{"mkpasswd", []string{"-m", "sunmd5"}, "s3cret", SunMD5},
	{"mkpasswd", []string{"-m", "sunmd5", "-R", "100"}, "s3cret", SunMD5},
}

// TestVerifyToolHashes checks hashes fresh from htpasswd, openssl passwd
// and mkpasswd with the right password and a wrong one.
func TestVerifyToolHashes(t *testing.T) {
	for _, v := range toolVectors {
		name := v.tool + " " + strings.Join(v.args, " ")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			hash := makeHash(t, v.tool, append(v.args, v.password)...)
			if got := SchemeOf(hash); got != v.scheme {
				t.Errorf("SchemeOf(%q) = %q, want %q", hash, got, v.scheme)
			}
			if !Verify(hash, v.password) {
				t.Errorf("Verify(%q, %q) = false, want true", hash, v.password)
			}
			for _, wrong := range []string{v.password + "x", "", strings.ToUpper(v.password)} {
				if Verify(hash, wrong) {
					t.Errorf("Verify(%q, %q) = true, want false", hash, wrong)
				}
			}
		})
	}
}

// TestVerifyBcryptLongPassword: htpasswd (as Apache) hashes only the first
// 72 bytes, so any password sharing them matches.
func TestVerifyBcryptLongPassword(t *testing.T) {
	long := strings.Repeat("0123456789", 10)
	hash := makeHash(t, "htpasswd", "-nbB", "-C", "4", "u", long)
	for pw, want := range map[string]bool{long: true, long[:72] + "different tail": true, long[:72]: true, long[:71]: false} {
		if got := Verify(hash, pw); got != want {
			t.Errorf("Verify(bcrypt of 100 bytes, %d bytes %q…) = %v, want %v", len(pw), pw[60:], got, want)
		}
	}
}

// TestVerifyDESEightCharacters: traditional crypt reads 8 characters.
func TestVerifyDESEightCharacters(t *testing.T) {
	hash := makeHash(t, "htpasswd", "-nbd", "u", "abcdefgh1234")
	for pw, want := range map[string]bool{"abcdefgh1234": true, "abcdefgh": true, "abcdefghXYZ": true, "abcdefg": false} {
		if got := Verify(hash, pw); got != want {
			t.Errorf("Verify(%q, %q) = %v, want %v", hash, pw, got, want)
		}
	}
}

// TestVerifyKnownHashes holds vectors made by this machine's libxcrypt
// (through perl's crypt) for formats no tool here makes.
func TestVerifyKnownHashes(t *testing.T) {
	tests := []struct{ hash, password string }{
		{"$sha1$248488$ggu.H673kaZ5$O0hk4dftocjyzJtoN4VO.ur.0HHA", "pw"},
		{"ab2wHQ4RTFVKIaGh1tlLec.A", "0123456789abc"}, // bigcrypt
		{"$md5,rounds=10$abc$$svOgwY5VWAqsw3BSXyEsJ0", "pw"},
		{"$md5$abc$smXkxYjcI0YQanw8QxFxW1", "pw"},
		{"$7$CU..../....abc$8mpmwDfPwXvAD4FQLaqP0K4jqc.9uy5ID9yj4xdVLb3", "pw"},
		{"$2x$05$abcdefghijklmnopqrstuuWG29KuyeAicPCJODk1zjyGvyQUU2awu", "password"},
		{"$5$rounds=1000$abc$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"$5$$EPxZX4DoQWu4KoghxUArtr9dmHmQzOXFqq.aJMdG0bA", "pw"},
		{"$1$$F0Fc2lbYpzr3KKdKkM0Wj.", "pw"},
		{"$3$$8cc19b6a8cfeac299c2871c86b38de28", "pw"},
		{"_J9..abcdTZ/33djMPto", "pw"},
		{"$y$j9T$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9", "pw"},
	}
	for _, tt := range tests {
		if !Verify(tt.hash, tt.password) {
			t.Errorf("Verify(%q, %q) = false; computed %q", tt.hash, tt.password, libxcrypt(tt.hash, tt.password))
		}
		if Verify(tt.hash, tt.password+"x") {
			t.Errorf("Verify(%q, wrong) = true", tt.hash)
		}
	}
}

// TestVerifyRejects: hashes Apache on Linux refuses whatever the password.
func TestVerifyRejects(t *testing.T) {
	tests := []struct{ hash, password string }{
		{"pw", "pw"},                         // plaintext
		{"{SSHA}abcdefgh", "{SSHA}abcdefgh"}, // not APR's nor crypt()'s
		{"{smd5}abcdefgh", "pw"},             // AIX
		{"$5$rounds=abc$abc$xyz", "pw"},      // rounds not a number
		{"$5$rounds=999$abc$xyz", "pw"},      // below libxcrypt's minimum
		{"$5$rounds=01000$abc$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"$2y$05$TR5V5zlf7kfa0YBU6Jkdl", "pw"},                                 // truncated bcrypt
		{"$2b$04$abcdefghijklmnopqrstuvyvPXIbu7xe6/CED2DzX8z6Si09MlzlW", "pw"}, // salt not canonical
		{"$gy$j9T$abc$def", "pw"},
		{"$y$j9T$", "pw"},
		{"$7$", "pw"},
		{"$7$//........abc$x", "pw"}, // p·r·128 bytes: 80 GB, above maxScryptMemory
		{"$md5,rounds=0$abc$$x", "pw"},
		{"$sha1$$abc$", "pw"},
		{"_J9..abcd", "pw"},
		{"", ""},
	}
	for _, tt := range tests {
		if Verify(tt.hash, tt.password) {
			t.Errorf("Verify(%q, %q) = true, want false", tt.hash, tt.password)
		}
	}
	// The password ends at its first NUL, as Apache reads a C string.
	if !Verify("$1$abc$Kb85XxsXB.VXinPhbS4431", "pw\x00ignored") {
		t.Error("Verify with a NUL after the password = false, want true")
	}
	// libxcrypt refuses passwords of 512 bytes or more.
	long := strings.Repeat("x", 511)
	hash := md5Crypt(long, "$1$abc$", "$1$")
	if !Verify(hash, long) || Verify(md5Crypt(long+"x", "$1$abc$", "$1$"), long+"x") {
		t.Error("the 512-byte limit of crypt() is not applied")
	}
}

// FuzzVerify checks that no hash, however malformed, panics.
func FuzzVerify(f *testing.F) {
	for _, seed := range []string{
		"$2y$04$abcdefghijklmnopqrstuuyvPXIbu7xe6/CED2DzX8z6Si09MlzlW", "$apr1$abc$x", "{SHA}x",
		"abzlUXK5ed5rs", "ab2wHQ4RTFVKIaGh1tlLec.A", "_J9..abcdTZ/33djMPto", "$5$rounds=1000$abc$x",
		"$6$abc$x", "$sha1$1$abc$x", "$y$j9T$abc$x", "$7$C/..../....abc$x", "$md5,rounds=1$abc$$x",
		"$3$$x", "$1$abc$x",
	} {
		f.Add(seed, "pw")
	}
	f.Fuzz(func(t *testing.T, hash, password string) {
		// Keep each run cheap: slow settings are legitimate but not what
		// the fuzzer looks for (memory is bounded by Verify itself).
		if slowSetting(hash) {
			return
		}
		Verify(hash, password)
	})
}

// slowSetting reports whether a hash asks for more work than a fuzzing run
// should spend on one input: a cost or round count above the formats'
// cheap settings.
func slowSetting(hash string) bool {
	count := func(s string) uint32 { v, _ := decode64LE(s); return v }
	switch {
	case strings.Contains(hash, "rounds="):
		_, n, _ := strings.Cut(hash, "rounds=")
		digits := len(n) - len(strings.TrimLeft(n, "0123456789"))
		return digits > 4
	case len(hash) >= 6 && hash[0] == '$' && hash[1] == '2' && hash[3] == '$':
		return hash[4:6] > "06"
	case strings.HasPrefix(hash, "$sha1$"):
		n, _, _ := strings.Cut(hash[len("$sha1$"):], "$")
		return len(n) > 5
	case len(hash) >= 5 && hash[0] == '_':
		return count(hash[1:5]) > 1<<12
	case strings.HasPrefix(hash, "$7$") && len(hash) >= 14:
		return uint64(count(hash[4:9]))*uint64(count(hash[9:14]))<<max(0, ascii64(hash[3])) > 1<<16
	}
	return false
}

// BenchmarkVerify measures one successful check per format.
func BenchmarkVerify(b *testing.B) {
	tests := []struct{ name, hash string }{
		{"bcrypt5", bcryptHash(b, 5)},
		{"bcrypt10", bcryptHash(b, 10)},
		{"apr1", md5Crypt("pw", "$apr1$abcdefgh$", "$apr1$")},
		{"md5crypt", md5Crypt("pw", "$1$abcdefgh$", "$1$")},
		{"sha1", "{SHA}" + base64.StdEncoding.EncodeToString(sha1Sum("pw"))},
		{"descrypt", "abzlUXK5ed5rs"},
		{"bsdicrypt", "_J9..abcdTZ/33djMPto"},
		{"sha256crypt", shaCrypt("pw", "$5$abcdefgh$", sha256Crypt)},
		{"sha512crypt", shaCrypt("pw", "$6$abcdefgh$", sha512Crypt)},
		{"sha1crypt", "$sha1$248488$ggu.H673kaZ5$O0hk4dftocjyzJtoN4VO.ur.0HHA"},
		{"yescrypt", "$y$j9T$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9"},
		{"scrypt", "$7$CU..../....abc$8mpmwDfPwXvAD4FQLaqP0K4jqc.9uy5ID9yj4xdVLb3"},
		{"sunmd5", "$md5$abc$smXkxYjcI0YQanw8QxFxW1"},
		{"nt", "$3$$8cc19b6a8cfeac299c2871c86b38de28"},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			if !Verify(tt.hash, "pw") {
				b.Fatalf("Verify(%q, pw) = false", tt.hash)
			}
			b.ReportAllocs()
			for b.Loop() {
				Verify(tt.hash, "pw")
			}
		})
	}
}

// bcryptHash makes a $2y$ hash of "pw" at the given cost.
func bcryptHash(b *testing.B, cost int) string {
	h, err := bcrypt.GenerateFromPassword([]byte("pw"), cost)
	if err != nil {
		b.Fatal(err)
	}
	return "$2y$" + string(h[4:])
}

// sha1Sum is SHA-1 of s.
func sha1Sum(s string) []byte {
	sum := sha1.Sum([]byte(s))
	return sum[:]
}
