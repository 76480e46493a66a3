package authfile

import (
	"bufio"
	"crypto/sha1"
	"encoding/base64"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// vectorsFile holds hashes made by htpasswd, openssl passwd and mkpasswd,
// and by hand, each with passwords and Apache's verdict on them.
const vectorsFile = "testdata/vectors.txt"

var writeVectors = flag.Bool("write-vectors", false,
	"remake "+vectorsFile+" with the tools, asking Apache (htpasswd -v) for each verdict")

// vector is one check: whether Apache accepts password for hash.
type vector struct {
	source   string // the tool and options that made hash, or "hand: why"
	hash     string
	password string
	want     bool
	line     int
}

// readVectors reads the committed vectors: lines of source, hash,
// password and verdict ("ok" or "fail") separated by tabs, hash and
// password as Go string literals; '#' starts a comment line.
func readVectors(t testing.TB) []vector {
	t.Helper()
	f, err := os.Open(vectorsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []vector
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		v, err := parseVector(line)
		if err != nil {
			t.Fatalf("%s:%d: %v", vectorsFile, n, err)
		}
		v.line = n
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func parseVector(line string) (vector, error) {
	f := strings.Split(line, "\t")
	if len(f) != 4 || (f[3] != "ok" && f[3] != "fail") {
		return vector{}, fmt.Errorf("want source, hash, password and ok/fail, tab-separated: %q", line)
	}
	hash, err := strconv.Unquote(f[1])
	if err != nil {
		return vector{}, fmt.Errorf("hash %s: %w", f[1], err)
	}
	pw, err := strconv.Unquote(f[2])
	if err != nil {
		return vector{}, fmt.Errorf("password %s: %w", f[2], err)
	}
	return vector{source: f[0], hash: hash, password: pw, want: f[3] == "ok"}, nil
}

func (v vector) String() string {
	verdict := map[bool]string{true: "ok", false: "fail"}[v.want]
	return strings.Join([]string{v.source, strconv.Quote(v.hash), strconv.Quote(v.password), verdict}, "\t")
}

// TestVectors requires Verify to give Apache's recorded verdict on every
// committed vector: the right passwords pass, wrong ones and every hash
// Apache refuses fail.
func TestVectors(t *testing.T) {
	t.Parallel()
	vectors := readVectors(t)
	if len(vectors) < 100 {
		t.Fatalf("%s has %d vectors; it should have hundreds", vectorsFile, len(vectors))
	}
	seen := map[Scheme]bool{}
	bySource := map[string][]vector{}
	for _, v := range vectors {
		bySource[v.source] = append(bySource[v.source], v)
		if v.want {
			seen[SchemeOf(v.hash)] = true
		}
	}
	for source, vs := range bySource {
		t.Run(source, func(t *testing.T) {
			t.Parallel()
			for _, v := range vs {
				if got := Verify(v.hash, v.password); got != v.want {
					t.Errorf("%s:%d: Verify(%q, %q) = %v, Apache says %v", vectorsFile, v.line, v.hash, v.password, got, v.want)
				}
			}
		})
	}
	// Every format Apache accepts on Debian has a passing vector.
	for _, s := range []Scheme{Bcrypt, APR1, MD5Crypt, SHA1, DESCrypt, ExtDESCrypt, SHA256Crypt, SHA512Crypt,
		Yescrypt, GostYescrypt, Scrypt, SunMD5, NTHash} {
		if !seen[s] {
			t.Errorf("no vector that Apache accepts is of scheme %s", s)
		}
	}
}

// TestVectorsAreApaches asks Apache again (htpasswd -v) about every
// committed vector, so a verdict in the file cannot drift from Apache's.
func TestVectorsAreApaches(t *testing.T) {
	t.Parallel()
	for _, v := range readVectors(t) {
		if got := apacheVerifies(t, v.hash, v.password); got != v.want {
			t.Errorf("%s:%d: %s: Apache says %v for %q with %q; the file says %v", vectorsFile, v.line, v.source, got, v.hash, v.password, v.want)
		}
	}
}

// TestWriteVectors remakes the committed vectors when asked to with
// -write-vectors: go test ./server/authfile -run TestWriteVectors -write-vectors
func TestWriteVectors(t *testing.T) {
	if !*writeVectors {
		t.Skip("remakes " + vectorsFile + " only with -write-vectors")
	}
	var out strings.Builder
	out.WriteString("# Password hashes as migrating users have them, each with passwords and Apache's\n" +
		"# verdict (htpasswd -v, i.e. apr_password_validate with Debian's libxcrypt).\n" +
		"# Made by TestWriteVectors (-write-vectors); read by TestVectors.\n" +
		"# source<TAB>hash<TAB>password<TAB>ok|fail; hash and password are Go string literals.\n")
	add := func(source, hash, password string) {
		v := vector{source: source, hash: hash, password: password, want: apacheVerifies(t, hash, password)}
		out.WriteString(v.String() + "\n")
	}
	for _, r := range recipes {
		for i, pw := range vectorPasswords(r) {
			hash := r.hash(t, pw)
			ps, ms := probes(pw), mutations(hash)
			if r.slow() {
				ps, ms = ps[:2], ms[:1] // each check takes seconds under -race
			}
			for _, probe := range ps {
				add(r.String(), hash, probe)
			}
			if i == 0 {
				for _, m := range ms {
					add(r.String()+" (damaged)", m, pw)
				}
			}
		}
	}
	for _, h := range handVectors() {
		add("hand: "+h.why, h.hash, h.password)
	}
	if err := os.WriteFile(vectorsFile, []byte(out.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// vectorPasswords are the passwords the committed vectors hash with a
// recipe: ASCII, UTF-8, empty, and past the lengths DES and bcrypt read.
func vectorPasswords(r recipe) []string {
	pws := []string{"s3cret pass", "pässwörd €"}
	if r.slow() {
		return pws[1:]
	}
	if r.acceptsEmpty() {
		pws = append(pws, "")
	}
	switch r.String() {
	case "htpasswd -B -C 4", "mkpasswd -m bcrypt", "mkpasswd -m bcrypt-a":
		pws = append(pws, strings.Repeat("0123456789", 10))
	case "htpasswd -d", "mkpasswd -m descrypt":
		pws = append(pws, "abcdefgh1234")
	}
	return pws
}

// handVector is a hash no tool here makes: formats Apache refuses and
// malformed hashes, which must fail without a panic.
type handVector struct{ why, hash, password string }

func handVectors() []handVector {
	sum := sha1.Sum([]byte("s3cretsalt"))
	ssha := "{SSHA}" + base64.StdEncoding.EncodeToString(append(sum[:], "salt"...))
	bcrypt53 := "abcdefghijklmnopqrstuuyvPXIbu7xe6/CED2DzX8z6Si09MlzlW"
	return []handVector{
		{"{SSHA}, OpenLDAP's salted SHA-1", ssha, "s3cret"},
		{"{SHA} spelled in lower case", "{sha}" + "qUqP5cyxm6YcTAhz05Hph5gvu9M=", "test"},
		{"{SHA} correct, for comparison", "{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=", "test"},
		{"AIX {smd5}", "{smd5}O4a84AgC$Xs1B98EUJgSoljP.pxdc31", "pw"},
		{"plaintext equal to the password", "s3cret", "s3cret"},
		{"plaintext of 13 crypt characters", "abcdefghijklm", "abcdefghijklm"},
		{"empty hash", "", ""},
		{"rounds not a number", "$5$rounds=abc$salt$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"rounds below the minimum", "$5$rounds=999$abc$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"rounds with a leading zero", "$5$rounds=01000$abc$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"rounds, correct", "$5$rounds=1000$abc$zdUXQ3de2d3x/8MYX1t30oZjPfJThZR5heHeVDYi8j6", "pw"},
		{"sha512crypt cut short", "$6$abc$", "pw"},
		{"md5crypt salt with a bad character", "$1$ab!d$Kb85XxsXB.VXinPhbS4431", "pw"},
		{"md5crypt, correct", "$1$abc$Kb85XxsXB.VXinPhbS4431", "pw"},
		{"apr1 salt longer than 8", "$apr1$abcdefghijk$Kb85XxsXB.VXinPhbS4431", "pw"},
		{"bcrypt cost 99", "$2y$99$" + bcrypt53, "pw"},
		{"bcrypt cost 03", "$2y$03$" + bcrypt53, "pw"},
		{"bcrypt with a bad character", "$2y$04$abcdefghijklmnopqrstuu!vPXIbu7xe6/CED2DzX8z6Si09MlzlW", "pw"},
		{"bcrypt cut short", "$2y$05$TR5V5zlf7kfa0YBU6Jkdl", "pw"},
		{"bcrypt $2z$", "$2z$04$" + bcrypt53, "pw"},
		{"yescrypt cut short", "$y$j9T$", "pw"},
		{"yescrypt bad parameters", "$y$jZZZZ$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9", "pw"},
		{"yescrypt, correct", "$y$j9T$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9", "pw"},
		{"gost-yescrypt garbage", "$gy$j9T$abc$def", "pw"},
		{"gost-yescrypt without output", "$gy$j9T$abcdefghijklmnopqrst$", "pw"},
		{"scrypt cut short", "$7$", "pw"},
		{"scrypt, correct", "$7$CU..../....abc$8mpmwDfPwXvAD4FQLaqP0K4jqc.9uy5ID9yj4xdVLb3", "pw"},
		{"sunmd5 rounds not a number", "$md5,rounds=abc$abc$$svOgwY5VWAqsw3BSXyEsJ0", "pw"},
		{"sunmd5, correct", "$md5,rounds=10$abc$$svOgwY5VWAqsw3BSXyEsJ0", "pw"},
		{"bsdicrypt cut short", "_J9..abcd", "pw"},
		{"bsdicrypt, correct", "_J9..abcdTZ/33djMPto", "pw"},
		{"NT hash in upper-case hex", "$3$$8CC19B6A8CFEAC299C2871C86B38DE28", "pw"},
		{"NT hash, correct", "$3$$8cc19b6a8cfeac299c2871c86b38de28", "pw"},
		{"sha1crypt, correct", "$sha1$248488$ggu.H673kaZ5$O0hk4dftocjyzJtoN4VO.ur.0HHA", "pw"},
		{"bigcrypt, correct", "ab2wHQ4RTFVKIaGh1tlLec.A", "0123456789abc"},
		{"descrypt with a bad salt character", "a!zlUXK5ed5rs", "pw"},
		{"md5crypt with an empty salt", "$1$$F0Fc2lbYpzr3KKdKkM0Wj.", "pw"},
		{"a blank inside the hash", "$1$abc$Kb85XxsXB .VXinPhbS4431", "pw"},
		{"a trailing blank", "$1$abc$Kb85XxsXB.VXinPhbS4431 ", "pw"},
	}
}
