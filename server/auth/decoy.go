package auth

import (
	"strings"

	"github.com/gohttpd/gohttpd/server/authfile"
)

// decoyHash picks the hash an unknown user's password is checked against:
// a line of the file in its most common format and cost (the earliest
// such line), so the check costs what a wrong password for a typical user
// costs. A real line serves better than one made up at load: it has the
// exact parameters (bcrypt cost, sha-crypt rounds, yescrypt's settings)
// and costs nothing to make. Its answer is ignored. A file with no usable
// line gives "": there is no user to hide.
func decoyHash(u *authfile.Users) string {
	type class struct {
		count int
		first authfile.User
	}
	classes := map[string]*class{}
	for _, user := range u.ByName {
		s := authfile.SchemeOf(user.Hash)
		if s == authfile.Unusable {
			continue
		}
		key := string(s) + " " + costOf(s, user.Hash)
		c := classes[key]
		if c == nil {
			c = &class{first: user}
			classes[key] = c
		}
		c.count++
		if user.Line < c.first.Line {
			c.first = user
		}
	}
	var best *class
	for _, c := range classes {
		if best == nil || c.count > best.count || c.count == best.count && c.first.Line < best.first.Line {
			best = c
		}
	}
	if best == nil {
		return ""
	}
	return best.first.Hash
}

// costOf is the part of a hash that sets how long checking it takes: the
// bcrypt cost, sha-crypt's rounds, yescrypt's, scrypt's and SunMD5's
// parameters; "" for formats of fixed cost.
func costOf(s authfile.Scheme, hash string) string {
	fields := strings.Split(hash, "$")
	switch s {
	case authfile.Bcrypt, authfile.Yescrypt, authfile.SHA1Crypt:
		return fields[2] // "$2y$10$…", "$y$j9T$…", "$sha1$40000$…"
	case authfile.SHA256Crypt, authfile.SHA512Crypt:
		if len(fields) > 2 && strings.HasPrefix(fields[2], "rounds=") {
			return fields[2]
		}
	case authfile.Scrypt:
		return hash[3:min(len(hash), 14)] // N, r and p, encoded
	case authfile.SunMD5:
		return fields[1] // "md5,rounds=N" or "md5"
	}
	return ""
}
