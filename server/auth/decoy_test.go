package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"github.com/gohttpd/gohttpd/server/authfile"
)

// slowLine is an htpasswd line at bcrypt cost 10, htpasswd -B's default.
func slowLine(t testing.TB, user, password string) string {
	h, err := bcrypt.GenerateFromPassword([]byte(password), 10)
	if err != nil {
		t.Fatal(err)
	}
	return user + ":$2y$" + string(h[4:]) + "\n"
}

// TestUnknownUserDecoy checks that an unknown user's password is hashed
// as a wrong one would be, against the file's typical line, and refused.
func TestUnknownUserDecoy(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{})
	get(t, c, "nobody:testpassword", 401)
	// The decoy is a real line: its password still gets nobody in.
	for _, p := range users {
		get(t, c, "nobody:"+p, 401)
	}
	if s := env.Stats(); s.Decoys != uint64(1+len(users)) || s.Verifications != 0 || s.CacheHits != 0 {
		t.Errorf("unknown users: %+v, want %d decoys and nothing else", s, 1+len(users))
	}
	get(t, c, "testuser:wrong", 401)
	if s := env.Stats(); s.Verifications != 1 {
		t.Errorf("a wrong password: %+v", s)
	}
}

func TestDecoyHash(t *testing.T) {
	t.Parallel()
	b4, b5a, b5b := "$2y$04$"+strings.Repeat("a", 53), "$2y$05$"+strings.Repeat("b", 53), "$2y$05$"+strings.Repeat("c", 53)
	r1, r2 := "$5$rounds=1000$abc$"+strings.Repeat("d", 43), "$5$rounds=9000$abc$"+strings.Repeat("e", 43)
	for _, tc := range []struct {
		file, want string
	}{
		{"a:" + b4 + "\nb:" + b5a + "\nc:{SHA}x=\nd:" + b5b + "\n", b5a},
		{"a:" + b5b + "\nb:" + b4 + "\nc:" + b5a + "\n", b5b},
		{"a:" + r1 + "\nb:" + r2 + "\nc:" + r2 + "\n", r2},
		{"a:{SHA}x=\nb:" + b4 + "\n", "{SHA}x="},
		{"a:plain\nb:\n# c:" + b4 + "\n", ""},
		{"", ""},
	} {
		if got := decoyHash(authfile.ReadUsers("htpasswd", []byte(tc.file))); got != tc.want {
			t.Errorf("decoyHash(%q) = %q, want %q", tc.file, got, tc.want)
		}
	}
}

func TestCostOf(t *testing.T) {
	t.Parallel()
	for hash, want := range map[string]string{
		"$2y$10$" + strings.Repeat("a", 53): "10",
		"$5$rounds=5000$salt$x":             "rounds=5000",
		"$6$salt$x":                         "",
		"$y$j9T$abcdefghijklmnopqrst$NR51gc/5sS6liFt0f9ndGOFyfHzjCFVe7KXETcO5fI9": "j9T",
		"$7$CU..../....abc$8mpmwDfPwXvAD4FQLaqP0K4jqc.9uy5ID9yj4xdVLb3":           "CU..../....",
		"$md5,rounds=10$abc$$svOgwY5VWAqsw3BSXyEsJ0":                              "md5,rounds=10",
		"$apr1$abc$x": "",
	} {
		if got := costOf(authfile.SchemeOf(hash), hash); got != want {
			t.Errorf("costOf(%q) = %q, want %q", hash, got, want)
		}
	}
}

// bcryptHash is a $2y$ hash of "pw" at cost.
func bcryptHash(t testing.TB, cost int) string {
	h, err := bcrypt.GenerateFromPassword([]byte("pw"), cost)
	if err != nil {
		t.Fatal(err)
	}
	return "$2y$" + string(h[4:])
}
