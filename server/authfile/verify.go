package authfile

import (
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"golang.org/x/crypto/md4"
)

// maxCryptPassword is libxcrypt's CRYPT_MAX_PASSPHRASE_SIZE: crypt() fails
// for a password this long or longer.
const maxCryptPassword = 512

// Verify reports whether password matches hash as Apache's
// apr_password_validate on Debian decides: APR computes $apr1$, {SHA} and
// bcrypt $2a$/$2y$ itself and hands every other hash to libxcrypt's crypt();
// either way the recomputed string must equal hash exactly. A hash no
// format accepts, or a malformed one, matches no password.
func Verify(hash, password string) bool {
	// Apache passes the password as a C string: it ends at the first NUL.
	if i := strings.IndexByte(password, 0); i >= 0 {
		password = password[:i]
	}
	switch SchemeOf(hash) {
	case Bcrypt:
		return verifyBcrypt(hash, password)
	case APR1:
		return equal(md5Crypt(password, hash, "$apr1$"), hash)
	case SHA1:
		sum := sha1.Sum([]byte(password))
		return equal("{SHA}"+base64.StdEncoding.EncodeToString(sum[:]), hash)
	}
	if !cryptAccepts(hash, password) {
		return false
	}
	return equal(libxcrypt(hash, password), hash)
}

// libxcrypt computes what crypt(password, hash) returns for the formats
// Apache leaves to the system's crypt(), or "" where crypt() fails.
func libxcrypt(hash, password string) string {
	switch SchemeOf(hash) {
	case MD5Crypt:
		return md5Crypt(password, hash, "$1$")
	case DESCrypt, BigCrypt:
		return desCrypt(password, hash)
	case ExtDESCrypt:
		return bsdiCrypt(password, hash)
	case SHA256Crypt:
		return shaCrypt(password, hash, sha256Crypt)
	case SHA512Crypt:
		return shaCrypt(password, hash, sha512Crypt)
	case SHA1Crypt:
		return sha1Crypt(password, hash)
	case Yescrypt:
		return yescryptCrypt(password, hash)
	case GostYescrypt:
		return gostYescryptCrypt(password, hash)
	case Scrypt:
		return scryptCrypt(password, hash)
	case SunMD5:
		return sunMD5Crypt(password, hash)
	case NTHash:
		return ntHash(password)
	}
	return ""
}

// cryptAccepts mirrors libxcrypt's checks before any format runs: the
// password must be shorter than 512 bytes and the setting free of blanks,
// control and non-ASCII bytes, and of "!*:;\".
func cryptAccepts(hash, password string) bool {
	if len(password) >= maxCryptPassword {
		return false
	}
	for i := 0; i < len(hash); i++ {
		if c := hash[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`!*:;\`, c) >= 0 {
			return false
		}
	}
	return true
}

// equal compares a computed hash with the stored one in time that does not
// depend on where they differ. An empty computed hash is a failure.
func equal(computed, hash string) bool {
	return computed != "" && subtle.ConstantTimeCompare([]byte(computed), []byte(hash)) == 1
}

// ntHash is FreeBSD's NT hash as libxcrypt computes it: MD4 of the
// password's bytes widened to 16-bit little-endian units, in hex.
func ntHash(password string) string {
	h := md4.New()
	for i := 0; i < len(password); i++ {
		h.Write([]byte{password[i], 0})
	}
	return "$3$$" + hex.EncodeToString(h.Sum(nil))
}

// verifyBcrypt checks a bcrypt hash. $2a$ and $2y$ go to APR's own
// crypt_blowfish, $2b$ and $2x$ to libxcrypt's (the same code, behind
// crypt()'s checks). Only the first 72 bytes of a password count.
func verifyBcrypt(hash, password string) bool {
	minor := hash[2]
	if (minor == 'b' || minor == 'x') && !cryptAccepts(hash, password) {
		return false
	}
	// crypt_blowfish writes the salt back canonically: its last character
	// carries only 2 bits, so any other spelling never compares equal.
	if strings.IndexByte(".Oeu", hash[28]) < 0 {
		return false
	}
	diff, sign := blowfishKeyQuirks(password)
	switch {
	case minor == 'x' && diff:
		// $2x$ keeps the old sign-extension bug, which x/crypto lacks;
		// it changes the key only for such passwords.
		return false
	case minor == 'a' && sign && !diff:
		// crypt_blowfish's $2a$ countermeasure alters the key for these
		// passwords; x/crypto does not, so it would accept what Apache
		// refuses.
		return false
	}
	if len(password) > 72 {
		password = password[:72]
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// blowfishKeyQuirks runs crypt_blowfish's key setup over the password (a C
// string used cyclically, NUL included, for 72 bytes) and reports whether
// the buggy sign-extending key differs from the correct one, and whether a
// byte with the high bit set was sign-extended into a non-first position.
func blowfishKeyQuirks(password string) (diff, sign bool) {
	key := password + "\x00"
	p := 0
	for i := 0; i < 18; i++ {
		var good, bug uint32
		for j := 0; j < 4; j++ {
			c := key[p]
			good = good<<8 | uint32(c)
			bug = bug<<8 | uint32(int32(int8(c)))
			if j > 0 && bug&0x80 != 0 {
				sign = true
			}
			if p++; p == len(key) {
				p = 0
			}
		}
		diff = diff || good != bug
	}
	return diff, sign
}
