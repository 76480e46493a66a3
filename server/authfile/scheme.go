package authfile

import (
	"strings"
)

// Scheme names a password hash format.
type Scheme string

// The hash formats Apache on Debian accepts: its own (apr1, bcrypt, {SHA})
// and what the system's crypt() knows. Unusable is anything else: Apache on
// Unix never compares plaintext, so such a line logs nobody in.
const (
	Bcrypt      Scheme = "bcrypt"
	APR1        Scheme = "apr1"
	MD5Crypt    Scheme = "md5-crypt"
	SHA1        Scheme = "sha1"
	DESCrypt    Scheme = "des-crypt"
	ExtDESCrypt Scheme = "bsdi-des-crypt"
	SHA256Crypt Scheme = "sha256-crypt"
	SHA512Crypt Scheme = "sha512-crypt"
	SHA1Crypt   Scheme = "sha1-crypt"
	BigCrypt    Scheme = "bigcrypt"
	Yescrypt    Scheme = "yescrypt"
	// GostYescrypt ($gy$) is yescrypt followed by HMACs on GOST R
	// 34.11-2012 (Streebog), as libxcrypt computes it.
	GostYescrypt Scheme = "gost-yescrypt"
	Scrypt       Scheme = "scrypt"
	SunMD5       Scheme = "sun-md5"
	NTHash       Scheme = "nt"
	Unusable     Scheme = ""
)

var (
	prefixed = []struct {
		prefix string
		scheme Scheme
	}{
		{"$apr1$", APR1}, {"$1$", MD5Crypt}, {"{SHA}", SHA1}, {"$5$", SHA256Crypt}, {"$6$", SHA512Crypt},
		{"$sha1$", SHA1Crypt}, {"$y$", Yescrypt}, {"$gy$", GostYescrypt}, {"$7$", Scrypt}, {"$md5", SunMD5}, {"$3$", NTHash},
	}
)

// SchemeOf names the format of an htpasswd hash, or Unusable.
func SchemeOf(hash string) Scheme {
	switch {
	case isBcrypt(hash):
		return Bcrypt
	case len(hash) == 13 && isB64(hash):
		return DESCrypt
	case len(hash) >= 2+2*11 && len(hash) <= 2+16*11 && (len(hash)-2)%11 == 0 && isB64(hash):
		return BigCrypt
	case len(hash) == 20 && hash[0] == '_' && isB64(hash[1:]):
		return ExtDESCrypt
	}
	for _, p := range prefixed {
		if strings.HasPrefix(hash, p.prefix) && len(hash) > len(p.prefix) {
			return p.scheme
		}
	}
	return Unusable
}

// isB64 reports whether s is all crypt(3)'s base-64 characters
// (./0-9A-Za-z).
func isB64(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '.' || c == '/' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return false
		}
	}
	return true
}

// isBcrypt reports whether s has bcrypt's shape: $2a$, $2b$, $2x$ or $2y$,
// a two-digit cost, $, then 53 base-64 characters of salt and hash.
func isBcrypt(s string) bool {
	return len(s) == 60 && s[0] == '$' && s[1] == '2' && strings.IndexByte("abxy", s[2]) >= 0 && s[3] == '$' &&
		s[4] >= '0' && s[4] <= '9' && s[5] >= '0' && s[5] <= '9' && s[6] == '$' && isB64(s[7:])
}
