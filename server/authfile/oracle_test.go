package authfile

import (
	"crypto/rand"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// recipe is one way a migrating user's tool makes a hash. The password
// goes in on standard input, so any password the tool accepts can be used.
type recipe struct {
	tool string
	args []string
}

// recipes are the tools and options the htpasswd files users bring were
// made with: Apache's htpasswd, openssl passwd and Debian's mkpasswd.
var recipes = []recipe{
	{"htpasswd", []string{"-B", "-C", "4"}},
	{"htpasswd", []string{"-B"}},
	{"htpasswd", []string{"-B", "-C", "7"}},
	{"htpasswd", []string{"-m"}},
	{"htpasswd", []string{"-s"}},
	{"htpasswd", []string{"-d"}},
	{"htpasswd", []string{"-2"}},
	{"htpasswd", []string{"-2", "-r", "1000"}},
	{"htpasswd", []string{"-5"}},
	{"htpasswd", []string{"-5", "-r", "20000"}},
	{"htpasswd", []string{"-p"}},
	{"openssl", []string{"passwd", "-1"}},
	{"openssl", []string{"passwd", "-apr1"}},
	{"openssl", []string{"passwd", "-5"}},
	{"openssl", []string{"passwd", "-6"}},
	{"openssl", []string{"passwd", "-aixmd5"}},
	{"mkpasswd", []string{"-m", "yescrypt"}},
	{"mkpasswd", []string{"-m", "yescrypt", "-R", "3"}},
	{"mkpasswd", []string{"-m", "gost-yescrypt"}},
	{"mkpasswd", []string{"-m", "gost-yescrypt", "-R", "3"}},
	{"mkpasswd", []string{"-m", "scrypt"}},
	{"mkpasswd", []string{"-m", "bcrypt"}},
	{"mkpasswd", []string{"-m", "bcrypt-a"}},
	{"mkpasswd", []string{"-m", "sha512crypt"}},
	{"mkpasswd", []string{"-m", "sha512crypt", "-R", "1000"}},
	{"mkpasswd", []string{"-m", "sha256crypt"}},
	{"mkpasswd", []string{"-m", "sha256crypt", "-R", "2000"}},
	{"mkpasswd", []string{"-m", "sunmd5"}},
	{"mkpasswd", []string{"-m", "sunmd5", "-R", "100"}},
	{"mkpasswd", []string{"-m", "md5crypt"}},
	{"mkpasswd", []string{"-m", "bsdicrypt"}},
	{"mkpasswd", []string{"-m", "descrypt"}},
	{"mkpasswd", []string{"-m", "nt"}},
}

func (r recipe) String() string { return r.tool + " " + strings.Join(r.args, " ") }

// slow reports whether each hash of the recipe takes long to verify
// (seconds under the race detector): memory-hard defaults. Tests try
// fewer passwords with them.
func (r recipe) slow() bool {
	switch r.String() {
	case "mkpasswd -m yescrypt", "mkpasswd -m gost-yescrypt", "mkpasswd -m scrypt", "htpasswd -B -C 7":
		return true
	}
	return false
}

// acceptsEmpty reports whether the tool makes a hash of an empty password:
// openssl passwd reads no line from empty input.
func (r recipe) acceptsEmpty() bool { return r.tool != "openssl" }

// hash runs the tool on password and returns the hash it printed.
func (r recipe) hash(t testing.TB, password string) string {
	t.Helper()
	args := r.args
	switch r.tool {
	case "htpasswd":
		args = append([]string{"-ni"}, append(args, "u")...)
	case "openssl":
		args = append(args, "-stdin")
	case "mkpasswd":
		args = append(args, "-s")
	}
	pkg := map[string]string{"htpasswd": "apache2-utils", "openssl": "openssl", "mkpasswd": "whois"}[r.tool]
	cmd := exec.Command(tool(t, r.tool, pkg), args...)
	cmd.Stdin = strings.NewReader(password)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s with password %q: %v", r, password, err)
	}
	hash := strings.TrimRight(string(out), "\r\n")
	if r.tool == "htpasswd" {
		_, hash, _ = strings.Cut(hash, ":")
	}
	return hash
}

// apacheVerifies asks Apache's own check, apr_password_validate through
// htpasswd -v, whether password matches hash.
func apacheVerifies(t testing.TB, hash, password string) bool {
	t.Helper()
	file := filepath.Join(t.TempDir(), "htpasswd")
	if err := os.WriteFile(file, []byte("u:"+hash+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool(t, "htpasswd", "apache2-utils"), "-vb", file, "u", password).CombinedOutput()
	if err == nil {
		return true
	}
	// Exit 3 is a wrong password, 7 an empty hash, 9 a hash
	// apr_password_validate cannot use (mod_authn_file denies all three);
	// anything else is a broken run, not a verdict.
	if ee, ok := err.(*exec.ExitError); ok {
		switch code := ee.ExitCode(); {
		case code == 3 || code == 7:
			return false
		case code == 9 && strings.Contains(string(out), "Could not verify password"):
			return false
		}
	}
	t.Fatalf("htpasswd -v for %q: %v\n%s", hash, err, out)
	return false
}

// passwordChars are what the random passwords are made of: ASCII letters,
// digits, blanks and punctuation, and UTF-8 letters.
var passwordChars = []rune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 !#$%&'()*+,-./:;<=>?@[]^_`{|}~\\\"äöüßéçñ€日本語")

// randomPassword makes a password of n characters (not bytes).
func randomPassword(t testing.TB, n int) string {
	t.Helper()
	var b strings.Builder
	for range n {
		i, err := rand.Int(rand.Reader, big.NewInt(int64(len(passwordChars))))
		if err != nil {
			t.Fatal(err)
		}
		b.WriteRune(passwordChars[i.Int64()])
	}
	return b.String()
}

// probes are the passwords to try against a hash of password: itself, a
// wrong one, and ones sharing the prefix that DES (8 bytes) and bcrypt
// (72 bytes) hash.
func probes(password string) []string {
	out := []string{password, "x" + password, password + "x", strings.ToUpper(password)}
	for _, n := range []int{8, 72} {
		if len(password) > n {
			out = append(out, password[:n], password[:n]+"tail")
		}
	}
	return out
}

// mutations are damaged copies of a hash: cut short, one character
// changed, one added, blanks around. Apache must refuse them all, or
// accept exactly what it accepts.
func mutations(hash string) []string {
	if hash == "" {
		return nil
	}
	last := hash[len(hash)-1]
	swap := byte('.')
	if last == '.' {
		swap = '/'
	}
	return []string{
		hash[:len(hash)-1], hash + "a", hash[:len(hash)-1] + string(swap),
		hash[:len(hash)/2], " " + hash, strings.ToUpper(hash[:min(4, len(hash))]) + hash[min(4, len(hash)):],
	}
}

// TestOracleHtpasswd makes fresh hashes of random passwords with every
// recipe and requires Verify to give Apache's verdict (htpasswd -v, which
// is apr_password_validate) for the password, wrong ones, and damaged
// copies of the hash.
func TestOracleHtpasswd(t *testing.T) {
	for _, r := range recipes {
		t.Run(r.String(), func(t *testing.T) {
			t.Parallel()
			passwords := []string{randomPassword(t, 12), randomPassword(t, 30)}
			if r.acceptsEmpty() {
				passwords = append(passwords, "")
			}
			if r.slow() {
				passwords = passwords[:1]
			}
			if r.String() == "htpasswd -B -C 4" || r.String() == "htpasswd -d" {
				passwords = append(passwords, randomPassword(t, 90))
			}
			for i, pw := range passwords {
				hash := r.hash(t, pw)
				ps, ms := probes(pw), mutations(hash)
				if r.slow() {
					ps, ms = ps[:2], ms[:1] // each check takes seconds under -race
				}
				for _, probe := range ps {
					compareWithApache(t, hash, probe)
				}
				if i > 0 {
					continue // damaging one hash per recipe is enough
				}
				for _, m := range ms {
					compareWithApache(t, m, pw)
				}
			}
		})
	}
}

// compareWithApache fails the test where Verify and Apache disagree.
func compareWithApache(t *testing.T, hash, password string) {
	t.Helper()
	want := apacheVerifies(t, hash, password)
	if got := Verify(hash, password); got != want {
		t.Errorf("Verify(%q, %q) = %v; Apache says %v", hash, password, got, want)
	}
}

// TestOracleApacheServer puts one user per recipe in an AuthUserFile and
// logs each in through a real apache2, right and wrong password: the
// server must answer 200 exactly where Verify says yes, else 401.
func TestOracleApacheServer(t *testing.T) {
	apachetest.Require(t)
	t.Parallel()
	var file strings.Builder
	type login struct{ user, password string }
	var logins []login
	hashes := map[string]string{}
	for i, r := range recipes {
		if r.slow() && r.String() != "mkpasswd -m gost-yescrypt" {
			continue // slow, and the same code as a quicker recipe
		}
		user := "u" + strconv.Itoa(i)
		pw := randomPassword(t, 10)
		hashes[user] = r.hash(t, pw)
		file.WriteString(user + ":" + hashes[user] + "\n")
		logins = append(logins, login{user, pw}, login{user, "x" + pw})
	}
	root := apachetest.NewRoot(t)
	writeTestFile(t, filepath.Join(root.Dir, "htpasswd"), file.String())
	writeTestFile(t, filepath.Join(root.Dir, "htdocs", "ok"), "ok\n")
	writeTestFile(t, filepath.Join(root.Dir, "httpd.conf"), root.Head()+authModules+`<Location />
  AuthType Basic
  AuthName test
  AuthUserFile `+filepath.Join(root.Dir, "htpasswd")+`
  Require valid-user
</Location>
`)
	root.Start(t)
	for _, l := range logins {
		want := Verify(hashes[l.user], l.password)
		if got := basicStatus(t, root.Addr, "/ok", l.user, l.password); got != map[bool]int{true: 200, false: 401}[want] {
			t.Errorf("apache2 answers %d to %s (%q) with password %q; Verify says %v", got, l.user, hashes[l.user], l.password, want)
		}
	}
}

// authModules are the modules a basic-auth test config loads.
const authModules = `LoadModule authn_file_module modules/mod_authn_file.so
LoadModule authn_core_module modules/mod_authn_core.so
LoadModule authz_groupfile_module modules/mod_authz_groupfile.so
LoadModule authz_user_module modules/mod_authz_user.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule auth_basic_module modules/mod_auth_basic.so
`

// basicStatus sends GET path to addr with basic credentials and returns
// the status.
func basicStatus(t testing.TB, addr, path, user, password string) int {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(user, password)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func writeTestFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
