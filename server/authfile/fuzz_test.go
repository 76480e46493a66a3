package authfile

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzReadUsers feeds htpasswd files of any bytes to ReadUsers: it must
// not panic, and every user it returns must be one Apache could match: a
// name without ':', a hash without ':', a line within the file.
func FuzzReadUsers(f *testing.F) {
	for _, seed := range []string{
		"alice:$apr1$x$y\n", "# c\r\n\r\n  bob:h:extra  \r\n", "a:\nb::h\n", "c:con\\\ntinued\n",
		"x:\x00y\n", ":h\n", "\\\n\\\n", strings.Repeat("z", 8191) + "\nd:h\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		u := ReadUsers("fuzz", data)
		lines := strings.Count(string(data), "\n") + 1
		for name, user := range u.ByName {
			if name != user.Name || strings.Contains(name, ":") || strings.Contains(user.Hash, ":") {
				t.Errorf("user %q: %+v", name, user)
			}
			if user.Line < 1 || user.Line > lines {
				t.Errorf("user %q on line %d of a %d-line file", name, user.Line, lines)
			}
		}
		for _, s := range u.Shadowed {
			if first, ok := u.ByName[s.Name]; !ok || first.Line >= s.Line {
				t.Errorf("shadowed %+v, first %+v", s, first)
			}
		}
	})
}

// FuzzReadGroups feeds group files of any bytes to ReadGroups: it must
// not panic, and no group name ends in a blank or holds a ':'.
func FuzzReadGroups(f *testing.F) {
	for _, seed := range []string{
		"pushers: alice \"bob smith\" 'carol'\n", "g:: a\r\n# x\n", "g : \"unclosed\n", "esc: \"a\\\"b\" \\\\c\n",
		"split: a\\\nb\n", "nocolon\n", "\x00:\x00\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := ReadGroups("fuzz", data)
		for name := range g.Members {
			if strings.Contains(name, ":") || strings.TrimRight(name, " \t\n\v\f\r") != name {
				t.Errorf("group name %q", name)
			}
		}
	})
}

// FuzzVerifyVectors starts from a committed vector of each tool and
// option (the quick ones), so each verifier is fuzzed from real hashes of
// its format: no hash or password may panic.
func FuzzVerifyVectors(f *testing.F) {
	seen := map[string]bool{}
	for _, v := range readVectors(f) {
		if !seen[v.source] && cheap(v.hash) {
			seen[v.source] = true
			f.Add(v.hash, v.password)
		}
	}
	f.Fuzz(func(t *testing.T, hash, password string) {
		if !cheap(hash) {
			return // legitimate but slow settings are not what the fuzzer looks for
		}
		if Verify(hash, password) && SchemeOf(hash) == Unusable {
			t.Errorf("Verify(%q, %q) = true for a hash of no known scheme", hash, password)
		}
	})
}

// cheap reports whether hash asks for little enough work to verify many
// times a second: a low bcrypt cost, few rounds, small yescrypt and
// scrypt parameters.
func cheap(hash string) bool {
	switch SchemeOf(hash) {
	case Bcrypt:
		return hash[4:6] <= "05"
	case SHA256Crypt, SHA512Crypt, SunMD5:
		return fieldNumber(hash, "rounds=") <= 10000
	case SHA1Crypt:
		return fieldNumber(hash, "$sha1$") <= 100000
	case ExtDESCrypt:
		n, _ := decode64LE(hash[1:5])
		return n <= 100000
	case Yescrypt, GostYescrypt:
		params, _, _ := strings.Cut(hash[strings.Index(hash[1:], "$")+2:], "$")
		return len(params) == 3 && params[0] == 'j' && strings.IndexByte("5678", params[1]) >= 0 && params[2] == 'T'
	case Scrypt:
		if len(hash) < 14 {
			return true
		}
		r, _ := decode64LE(hash[4:9])
		p, _ := decode64LE(hash[9:14])
		return ascii64(hash[3]) <= 10 && r <= 32 && p <= 4
	}
	return true
}

// fieldNumber is the decimal number after key in hash, 0 when there is
// none, or a huge value when it does not parse.
func fieldNumber(hash, key string) int {
	i := strings.Index(hash, key)
	if i < 0 {
		return 0
	}
	rest := hash[i+len(key):]
	end := strings.IndexAny(rest, "$,")
	if end < 0 {
		end = len(rest)
	}
	n, err := strconv.Atoi(rest[:end])
	if err != nil {
		return 1 << 62
	}
	return n
}
