package authfile

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"hash"
	"strconv"
	"strings"
)

// shaCryptKind is one of Ulrich Drepper's SHA-crypt variants.
type shaCryptKind struct {
	magic string
	new   func() hash.Hash
	// order lists the digest's bytes in output order, three at a time,
	// the last group short; -1 stands for a zero byte.
	order []int
}

var (
	sha256Crypt = shaCryptKind{"$5$", sha256.New, []int{
		0, 10, 20, 21, 1, 11, 12, 22, 2, 3, 13, 23, 24, 4, 14, 15, 25, 5, 6, 16, 26,
		27, 7, 17, 18, 28, 8, 9, 19, 29, -1, 31, 30}}
	sha512Crypt = shaCryptKind{"$6$", sha512.New, []int{
		0, 21, 42, 22, 43, 1, 44, 2, 23, 3, 24, 45, 25, 46, 4, 47, 5, 26, 6, 27, 48,
		28, 49, 7, 50, 8, 29, 9, 30, 51, 31, 52, 10, 53, 11, 32, 12, 33, 54, 34, 55, 13,
		56, 14, 35, 15, 36, 57, 37, 58, 16, 59, 17, 38, 18, 39, 60, 40, 61, 19, 62, 20, 41,
		-1, -1, 63}}
)

// shaCryptSetting splits a $5$/$6$ setting as libxcrypt does: an optional
// "rounds=N$" (1000 to 999999999, no leading zero, kept in the output),
// then a salt up to the next '$', at most 16 characters.
func shaCryptSetting(hash, magic string) (prefix, salt string, rounds int, ok bool) {
	rest := strings.TrimPrefix(hash, magic)
	prefix, rounds = magic, 5000
	if num, ok := strings.CutPrefix(rest, "rounds="); ok {
		end := strings.IndexByte(num, '$')
		if end < 1 || num[0] < '1' || num[0] > '9' {
			return "", "", 0, false
		}
		n, err := strconv.Atoi(num[:end])
		if err != nil || n < 1000 || n > 999999999 {
			return "", "", 0, false
		}
		prefix, rounds, rest = magic+"rounds="+num[:end]+"$", n, num[end+1:]
	}
	if i := strings.IndexByte(rest, '$'); i >= 0 {
		rest = rest[:i]
	}
	return prefix, rest[:min(len(rest), 16)], rounds, true
}

// shaCrypt computes a $5$ or $6$ hash.
func shaCrypt(password, hash string, k shaCryptKind) string {
	prefix, salt, rounds, ok := shaCryptSetting(hash, k.magic)
	if !ok {
		return ""
	}
	pw, s := []byte(password), []byte(salt)
	h := k.new()
	size := h.Size()
	h.Write(pw)
	h.Write(s)
	h.Write(pw)
	b := h.Sum(nil)
	h.Reset()
	h.Write(pw)
	h.Write(s)
	writeRepeated(h, b, len(pw))
	for n := len(pw); n > 0; n >>= 1 {
		if n&1 != 0 {
			h.Write(b)
		} else {
			h.Write(pw)
		}
	}
	a := h.Sum(nil)
	h.Reset()
	for range pw {
		h.Write(pw)
	}
	p := repeated(h.Sum(nil), len(pw))
	h.Reset()
	for i := 0; i < 16+int(a[0]); i++ {
		h.Write(s)
	}
	ss := repeated(h.Sum(nil), len(s))
	c := a
	for i := 0; i < rounds; i++ {
		h.Reset()
		if i&1 != 0 {
			h.Write(p)
		} else {
			h.Write(c[:size])
		}
		if i%3 != 0 {
			h.Write(ss)
		}
		if i%7 != 0 {
			h.Write(p)
		}
		if i&1 != 0 {
			h.Write(c[:size])
		} else {
			h.Write(p)
		}
		c = h.Sum(c[:0])
	}
	return string(encodeOrdered([]byte(prefix+salt+"$"), c, k.order))
}

// writeRepeated writes n bytes of b repeated.
func writeRepeated(h hash.Hash, b []byte, n int) {
	for ; n > len(b); n -= len(b) {
		h.Write(b)
	}
	h.Write(b[:n])
}

// repeated is n bytes of b repeated.
func repeated(b []byte, n int) []byte {
	out := make([]byte, 0, n)
	for len(out) < n {
		out = append(out, b[:min(len(b), n-len(out))]...)
	}
	return out
}

// encodeOrdered appends digest d's bytes in the given order, each group of
// three (first most significant) as 4 characters, a short last group as
// fewer.
func encodeOrdered(dst, d []byte, order []int) []byte {
	for i := 0; i < len(order); i += 3 {
		var v uint32
		zeros := 0
		for _, j := range order[i : i+3] {
			v <<= 8
			if j < 0 {
				zeros++
			} else {
				v |= uint32(d[j])
			}
		}
		dst = to64(dst, v, 4-zeros)
	}
	return dst
}

// sha1Crypt is NetBSD's $sha1$ (PBKDF1 on HMAC-SHA1) as libxcrypt computes
// it: "$sha1$N$salt", N iterations in canonical decimal, a salt of crypt
// characters.
func sha1Crypt(password, hash string) string {
	rest := strings.TrimPrefix(hash, "$sha1$")
	num, rest, ok := strings.Cut(rest, "$")
	if !ok {
		return ""
	}
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil || strconv.FormatUint(n, 10) != num {
		// strtoul would read it, but crypt() writes the count back
		// canonically, so the result never equals this hash.
		return ""
	}
	end := 0
	for end < len(rest) && strings.IndexByte(itoa64, rest[end]) >= 0 {
		end++
	}
	if end == 0 || end < len(rest) && rest[end] != '$' {
		return ""
	}
	salt := rest[:end]
	mac := hmac.New(sha1.New, []byte(password))
	mac.Write([]byte(salt + "$sha1$" + num))
	d := mac.Sum(nil)
	for i := uint64(1); i < n; i++ {
		mac.Reset()
		mac.Write(d)
		d = mac.Sum(d[:0])
	}
	out := []byte("$sha1$" + num + "$" + salt + "$")
	for i := 0; i < 18; i += 3 {
		out = to64(out, uint32(d[i])<<16|uint32(d[i+1])<<8|uint32(d[i+2]), 4)
	}
	return string(to64(out, uint32(d[18])<<16|uint32(d[19])<<8|uint32(d[0]), 4))
}
