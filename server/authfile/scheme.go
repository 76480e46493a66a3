package authfile

import (
	"regexp"
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
	b64      = `[./0-9A-Za-z]`
	desRe    = regexp.MustCompile(`^` + b64 + `{13}$`)
	bigRe    = regexp.MustCompile(`^` + b64 + `{2}(` + b64 + `{11}){2,16}$`)
	extDESRe = regexp.MustCompile(`^_` + b64 + `{19}$`)
	bcryptRe = regexp.MustCompile(`^\$2[abxy]\$\d\d\$` + b64 + `{53}$`)
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
	case bcryptRe.MatchString(hash):
		return Bcrypt
	case desRe.MatchString(hash):
		return DESCrypt
	case bigRe.MatchString(hash):
		return BigCrypt
	case extDESRe.MatchString(hash):
		return ExtDESCrypt
	}
	for _, p := range prefixed {
		if strings.HasPrefix(hash, p.prefix) && len(hash) > len(p.prefix) {
			return p.scheme
		}
	}
	return Unusable
}
