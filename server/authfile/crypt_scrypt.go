package authfile

import (
	"strings"

	"github.com/openwall/yescrypt-go"
	"golang.org/x/crypto/scrypt"
)

// maxScryptMemory bounds the memory one scrypt hash may ask for: 128·r·N
// bytes for its table and 128·r·p for its blocks. libxcrypt's own scrypt
// settings stay far below it; a hash asking for more is treated as
// failing, where Apache would try to allocate it.
const maxScryptMemory = 1 << 30

// yescryptCrypt computes a $y$ hash with openwall's yescrypt-go, which
// handles the parameters libxcrypt generates (flavor 'j', N up to 2^18,
// no p, t, g or ROM); other parameters fail.
func yescryptCrypt(password, hash string) string {
	out, err := yescrypt.Hash([]byte(password), []byte(hash))
	if err != nil {
		return ""
	}
	return string(out)
}

// scryptCrypt computes a $7$ hash as libxcrypt does: "$7$", one character
// of log2(N), r and p as 5 characters each, then the salt used as text up
// to the last '$'.
func scryptCrypt(password, hash string) string {
	if len(hash) < 14 || !scryptSaltOK(hash) {
		return ""
	}
	logN := ascii64(hash[3])
	r, ok1 := decode64LE(hash[4:9])
	p, ok2 := decode64LE(hash[9:14])
	if logN < 1 || logN > 32 || !ok1 || !ok2 || r < 1 || p < 1 ||
		uint64(r)*uint64(p) >= 1<<30 || 128*uint64(r)*(1<<logN+uint64(p)) > maxScryptMemory {
		return ""
	}
	salt := hash[14:]
	if i := strings.LastIndexByte(salt, '$'); i >= 0 {
		salt = salt[:i]
	}
	key, err := scrypt.Key([]byte(password), []byte(salt), 1<<logN, int(r), int(p), 32)
	if err != nil {
		return ""
	}
	return hash[:14] + salt + "$" + string(encode64LE(nil, key))
}

// scryptSaltOK is libxcrypt's check of a $7$ salt: crypt characters and
// '$', or anything after a '$'.
func scryptSaltOK(hash string) bool {
	for i := 14; i < len(hash); i++ {
		if c := hash[i]; c != '$' && ascii64(c) < 0 {
			return hash[i-1] == '$'
		}
	}
	return true
}

// encode64LE appends bytes as yescrypt encodes them: groups of 3 bytes,
// least significant first, a short last group in fewer characters.
func encode64LE(dst, src []byte) []byte {
	for i := 0; i < len(src); i += 3 {
		var v uint32
		n := 0
		for j := 0; j < 3 && i+j < len(src); j++ {
			v |= uint32(src[i+j]) << (8 * j)
			n += 8
		}
		dst = to64(dst, v, (n+5)/6)
	}
	return dst
}
