package authfile

import (
	"math/bits"
	"strings"
)

// The DES tables of FIPS 46, bit 1 being the most significant.
var (
	desPC1 = [56]byte{
		57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18,
		10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36,
		63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22,
		14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4}
	desPC2 = [48]byte{
		14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10,
		23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2,
		41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48,
		44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32}
	desShifts = [16]byte{1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1}
	desIP     = [64]byte{
		58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4,
		62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40, 32, 24, 16, 8,
		57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3,
		61, 53, 45, 37, 29, 21, 13, 5, 63, 55, 47, 39, 31, 23, 15, 7}
	desP = [32]byte{
		16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10,
		2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25}
	desS = [8][64]byte{
		{14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7,
			0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8,
			4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0,
			15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13},
		{15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10,
			3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5,
			0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15,
			13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9},
		{10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8,
			13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1,
			13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7,
			1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12},
		{7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15,
			13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9,
			10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4,
			3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14},
		{2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9,
			14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6,
			4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14,
			11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3},
		{12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11,
			10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8,
			9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6,
			4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13},
		{4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1,
			13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6,
			1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2,
			6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12},
		{13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7,
			1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2,
			7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8,
			2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11}}
	// desSP is each S-box followed by P, indexed by the box's 6 input
	// bits in order, so a round is eight lookups.
	desSP = func() (sp [8][64]uint32) {
		for box := range sp {
			for in := range 64 {
				row := in>>4&2 | in&1
				col := in >> 1 & 0xf
				out := uint32(desS[box][row*16+col]) << (28 - 4*box)
				sp[box][in] = permute32(out)
			}
		}
		return sp
	}()
)

// permute32 applies DES's P permutation.
func permute32(x uint32) (y uint32) {
	for i, from := range desP {
		y |= (x >> (32 - uint(from)) & 1) << (31 - uint(i))
	}
	return y
}

// permute64 applies a DES bit table to a 64-bit block; the result has
// len(table) bits, right-aligned.
func permute64(x uint64, table []byte) (y uint64) {
	for _, from := range table {
		y = y<<1 | x>>(64-uint(from))&1
	}
	return y
}

// desKey is a DES key schedule with crypt's salt, which swaps bits i and
// i+24 of the expansion for each set salt bit i.
type desKey struct {
	sub  [16]uint64 // 48-bit round keys
	salt uint64     // salt bits at the right half's positions
}

// newDESKey schedules an 8-byte key (the low bit of each byte ignored).
func newDESKey(key uint64, salt uint32) *desKey {
	k := &desKey{}
	cd := permute64(key, desPC1[:])
	c, d := uint32(cd>>28), uint32(cd&0xfffffff)
	for i, s := range desShifts {
		c = (c<<s | c>>(28-s)) & 0xfffffff
		d = (d<<s | d>>(28-s)) & 0xfffffff
		k.sub[i] = permute64((uint64(c)<<28|uint64(d))<<8, desPC2[:])
	}
	for i := 0; i < 24; i++ {
		if salt&(1<<i) != 0 {
			k.salt |= 1 << (23 - i)
		}
	}
	return k
}

// encrypt runs DES count times over a block, with the initial and final
// permutations once around all of them, as crypt does.
func (k *desKey) encrypt(block uint64, count uint32) uint64 {
	x := permute64(block, desIP[:])
	l, r := uint32(x>>32), uint32(x)
	for ; count > 0; count-- {
		for _, sub := range k.sub {
			l, r = r, l^k.feistel(r, sub)
		}
		l, r = r, l
	}
	return permute64(uint64(l)<<32|uint64(r), desFP[:])
}

// feistel is DES's f: expand, salt, mix in the round key, S-boxes and P.
func (k *desKey) feistel(r uint32, sub uint64) uint32 {
	x := bits.RotateLeft32(r, -1)
	var e uint64
	for i := 0; i < 8; i++ {
		e = e<<6 | uint64(bits.RotateLeft32(x, 4*i)>>26)
	}
	t := (e>>24 ^ e) & k.salt
	e ^= t | t<<24
	e ^= sub
	var f uint32
	for i := 0; i < 8; i++ {
		f |= desSP[i][e>>(42-6*i)&0x3f]
	}
	return f
}

// desFP is the inverse of desIP.
var desFP = func() (fp [64]byte) {
	for i, from := range desIP {
		fp[from-1] = byte(i + 1)
	}
	return fp
}()

// ascii64 decodes a crypt character, or -1.
func ascii64(c byte) int {
	return strings.IndexByte(itoa64, c)
}

// decode64LE decodes crypt characters, least significant first.
func decode64LE(s string) (v uint32, ok bool) {
	for i := len(s) - 1; i >= 0; i-- {
		c := ascii64(s[i])
		if c < 0 {
			return 0, false
		}
		v = v<<6 | uint32(c)
	}
	return v, true
}

// desBlock is the next 8 password bytes, each shifted left one bit, zero
// padded, and the rest of the password.
func desBlock(pw string) (uint64, string) {
	var key uint64
	for i := 0; i < 8; i++ {
		key <<= 8
		if i < len(pw) {
			key |= uint64(pw[i] << 1)
		}
	}
	return key, pw[min(len(pw), 8):]
}

// encodeDES appends a DES block as 11 crypt characters, most significant
// first.
func encodeDES(dst []byte, b uint64) []byte {
	for shift := 58; shift > -6; shift -= 6 {
		if shift >= 0 {
			dst = append(dst, itoa64[b>>uint(shift)&0x3f])
		} else {
			dst = append(dst, itoa64[b<<2&0x3f])
		}
	}
	return dst
}

// desCrypt is the traditional crypt (a 2-character salt, 25 DES rounds over
// the first 8 password characters) and, for a longer password under a
// longer hash, bigcrypt, which encrypts each further 8 characters salted
// with the previous block's first two characters.
func desCrypt(password, hash string) string {
	salt, ok := decode64LE(hash[:2])
	if !ok {
		return ""
	}
	out := []byte(hash[:2])
	bigcrypt := len(password) > 8 && len(hash) > 13
	for seg := 0; seg < 16; seg++ {
		var key uint64
		key, password = desBlock(password)
		start := len(out)
		out = encodeDES(out, newDESKey(key, salt).encrypt(0, 25))
		if !bigcrypt || password == "" {
			break
		}
		salt, _ = decode64LE(string(out[start : start+2]))
	}
	return string(out)
}

// bsdiCrypt is BSDi's extended DES crypt: "_", a 4-character round count
// and a 4-character salt; a password of any length is folded into one key.
func bsdiCrypt(password, hash string) string {
	count, ok1 := decode64LE(hash[1:5])
	salt, ok2 := decode64LE(hash[5:9])
	if !ok1 || !ok2 {
		return ""
	}
	var fold, key uint64
	for {
		key, password = desBlock(password)
		key ^= fold
		if password == "" {
			break
		}
		fold = newDESKey(key, 0).encrypt(key, 1)
	}
	k := newDESKey(key, salt)
	return string(encodeDES([]byte(hash[:9]), k.encrypt(0, count)))
}
