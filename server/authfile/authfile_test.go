package authfile

import (
	"os"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

func TestReadUsers(t *testing.T) {
	text := "# comment\r\n\r\n  alice:$apr1$x$y:extra:fields  \r\nbob:\nalice:second\ncarol:con\\\ntinued\n"
	u := ReadUsers("users", []byte(text))
	if u.Err != nil {
		t.Fatal(u.Err)
	}
	want := map[string]User{
		"alice": {Name: "alice", Hash: "$apr1$x$y", Line: 3},
		"bob":   {Name: "bob", Hash: "", Line: 4},
		"carol": {Name: "carol", Hash: "continued", Line: 7},
	}
	if !reflect.DeepEqual(u.ByName, want) {
		t.Errorf("users %+v\nwant %+v", u.ByName, want)
	}
	if len(u.Shadowed) != 1 || u.Shadowed[0].Line != 5 {
		t.Errorf("shadowed %+v, want alice's line 5", u.Shadowed)
	}
}

func TestReadUsersStopsAtATooLongLine(t *testing.T) {
	text := "a:x\n" + strings.Repeat("b", 9000) + "\nc:y\n"
	u := ReadUsers("users", []byte(text))
	if u.Err == nil || len(u.ByName) != 1 {
		t.Errorf("users %v, err %v; want only a and an error", u.ByName, u.Err)
	}
}

func TestReadGroups(t *testing.T) {
	text := "pusher : alice  \"bob smith\"\n# x\npusher: carol\nreaders:\n"
	g := ReadGroups("groups", []byte(text))
	want := map[string][]string{"pusher": {"alice", "bob smith", "carol"}, "readers": nil}
	if !reflect.DeepEqual(g.Members, want) {
		t.Errorf("groups %q, want %q", g.Members, want)
	}
}

func TestSchemeOf(t *testing.T) {
	tests := map[string]Scheme{
		"$2y$05$" + strings.Repeat("a", 53):   Bcrypt,
		"$2b$10$" + strings.Repeat("a", 53):   Bcrypt,
		"$apr1$salt$hash":                     APR1,
		"{SHA}qUqP5cyxm6YcTAhz05Hph5gvu9M=":   SHA1,
		"abJnggxhB/yWI":                       DESCrypt,
		"_J9..salt" + strings.Repeat("a", 11): ExtDESCrypt,
		"$6$rounds=5000$salt$hash":            SHA512Crypt,
		"$y$j9T$salt$hash":                    Yescrypt,
		"plaintext":                           Unusable,
		"{SSHA}abc":                           Unusable,
		"":                                    Unusable,
	}
	for hash, want := range tests {
		if got := SchemeOf(hash); got != want {
			t.Errorf("SchemeOf(%q) = %q, want %q", hash, got, want)
		}
	}
}

// TestSchemeOfHtpasswd classifies what Apache's own htpasswd makes.
func TestSchemeOfHtpasswd(t *testing.T) {
	htpasswd, err := exec.LookPath("htpasswd")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("htpasswd (apache2-utils) is not installed; .ci/run installs it")
		}
		t.Skip("htpasswd (apache2-utils) is not installed; .ci/run installs it")
	}
	for flag, want := range map[string]Scheme{"-B": Bcrypt, "-m": APR1, "-s": SHA1, "-d": DESCrypt, "-2": SHA256Crypt, "-5": SHA512Crypt} {
		out, err := exec.Command(htpasswd, "-nb", flag, "user", "password").Output()
		if err != nil {
			t.Fatalf("htpasswd %s: %v", flag, err)
		}
		u := ReadUsers("out", out)
		if got := SchemeOf(u.ByName["user"].Hash); got != want {
			t.Errorf("htpasswd %s made %q: scheme %q, want %q", flag, out, got, want)
		}
	}
}
