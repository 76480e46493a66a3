package authfile

import (
	"crypto/hmac"
	"encoding/binary"
	"hash"
	"strings"
	"sync"

	"github.com/openwall/yescrypt-go"
)

// gostYescryptCrypt computes a $gy$ hash as libxcrypt does: yescrypt runs
// on the same setting spelled "$y$", and its 32-byte result r becomes
// HMAC(HMAC(Streebog-256(password), setting), r), both HMACs on
// Streebog-256, where setting is the hash's "$gy$params$salt".
func gostYescryptCrypt(password, hash string) string {
	rest, ok := strings.CutPrefix(hash, "$gy$")
	if !ok {
		return ""
	}
	y, err := yescrypt.Hash([]byte(password), []byte("$y$"+rest))
	if err != nil {
		return ""
	}
	// The yescrypt result is "$y$params$salt$output": the output starts
	// after the second '$' past the magic.
	params := strings.IndexByte(string(y[3:]), '$')
	if params < 0 {
		return ""
	}
	salt := strings.IndexByte(string(y[3+params+1:]), '$')
	if salt < 0 {
		return ""
	}
	start := 3 + params + 1 + salt + 1 // in y; one more in hash
	raw, ok := decode64Bytes(string(y[start:]))
	if !ok || len(raw) != 32 || len(hash) < start {
		return ""
	}
	hk := streebog256Sum([]byte(password))
	inner := hmac.New(newStreebog256, hk[:])
	inner.Write([]byte(hash[:start]))
	outer := hmac.New(newStreebog256, inner.Sum(nil))
	outer.Write(raw)
	return "$gy$" + string(y[3:start]) + string(encode64LE(nil, outer.Sum(nil)))
}

// decode64Bytes reverses encode64LE: groups of 4 characters give 3 bytes,
// least significant first; a short last group gives what its bits hold.
func decode64Bytes(s string) ([]byte, bool) {
	var out []byte
	for i := 0; i < len(s); i += 4 {
		group := s[i:min(i+4, len(s))]
		if len(group) == 1 {
			return nil, false
		}
		v, ok := decode64LE(group)
		if !ok {
			return nil, false
		}
		n := len(group) * 6 / 8
		for j := 0; j < n; j++ {
			out = append(out, byte(v>>(8*j)))
		}
		if v>>(8*n) != 0 {
			return nil, false // bits past the last byte: not what yescrypt writes
		}
	}
	return out, true
}

// streebog256 is the GOST R 34.11-2012 hash (RFC 6986) with a 256-bit
// digest, the hash gost-yescrypt's HMACs use. Messages are read as
// little-endian 512-bit blocks, as in libxcrypt.
type streebog256 struct {
	h, n, sigma [8]uint64
	buf         [64]byte
	nbuf        int
}

func newStreebog256() hash.Hash {
	s := &streebog256{}
	s.Reset()
	return s
}

// streebog256Sum is the Streebog-256 digest of data.
func streebog256Sum(data []byte) [32]byte {
	s := newStreebog256()
	s.Write(data)
	var out [32]byte
	copy(out[:], s.Sum(nil))
	return out
}

// Reset starts a new message: the 256-bit variant's state starts with
// every byte 0x01.
func (s *streebog256) Reset() {
	*s = streebog256{}
	for i := range s.h {
		s.h[i] = 0x0101010101010101
	}
}

// Size is the digest's length in bytes.
func (s *streebog256) Size() int { return 32 }

// BlockSize is the length of a message block in bytes.
func (s *streebog256) BlockSize() int { return 64 }

// Write adds data to the message; full blocks are compressed at once.
func (s *streebog256) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		c := copy(s.buf[s.nbuf:], p)
		s.nbuf += c
		p = p[c:]
		if s.nbuf == 64 {
			s.block(s.buf[:], 512)
			s.nbuf = 0
		}
	}
	return n, nil
}

// block compresses one 64-byte block holding bits message bits into the
// state and adds it to the length and the checksum.
func (s *streebog256) block(b []byte, bits uint64) {
	var m [8]uint64
	for i := range m {
		m[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	streebogG(&s.h, &s.n, &m)
	add512(&s.n, &[8]uint64{bits})
	add512(&s.sigma, &m)
}

// Sum appends the digest of the message so far to b, leaving s as it was.
func (s *streebog256) Sum(b []byte) []byte {
	d := *s
	var last [64]byte
	copy(last[:], d.buf[:d.nbuf])
	last[d.nbuf] = 0x01 // the padding: a one, then zeros
	d.block(last[:], uint64(d.nbuf)*8)
	var zero [8]uint64
	n, sigma := d.n, d.sigma
	streebogG(&d.h, &zero, &n)
	streebogG(&d.h, &zero, &sigma)
	for _, w := range d.h[4:] {
		b = binary.LittleEndian.AppendUint64(b, w)
	}
	return b
}

// add512 adds y to x modulo 2^512, both little-endian.
func add512(x, y *[8]uint64) {
	var carry uint64
	for i := range x {
		s := x[i] + y[i]
		c := uint64(0)
		if s < x[i] {
			c = 1
		}
		s2 := s + carry
		if s2 < s {
			c = 1
		}
		x[i], carry = s2, c
	}
}

// streebogG is the compression function g_N(h, m) = E(LPS(h ⊕ N), m) ⊕ h ⊕ m,
// where E runs 12 rounds keyed by LPS(K ⊕ C_i).
func streebogG(h, n, m *[8]uint64) {
	k := streebogLPS(xor512(*h, *n))
	state := xor512(k, *m)
	for i := range streebogC {
		state = streebogLPS(state)
		k = streebogLPS(xor512(k, streebogC[i]))
		state = xor512(state, k)
	}
	*h = xor512(xor512(state, *h), *m)
}

func xor512(a, b [8]uint64) [8]uint64 {
	for i := range a {
		a[i] ^= b[i]
	}
	return a
}

// streebogLPS applies the substitution S, the byte transposition P and
// the linear map L at once through streebogAx: byte j of input word k
// lands, substituted, in byte k of output word j.
func streebogLPS(x [8]uint64) [8]uint64 {
	ax := streebogAx()
	var out [8]uint64
	for j := range out {
		var w uint64
		for k := range x {
			w ^= ax[k][byte(x[k]>>(8*j))]
		}
		out[j] = w
	}
	return out
}

// streebogAx[k][b] is L applied to the word with Pi[b] in byte k, so that
// one table look-up per byte does S, P and L. It is built on first use:
// few password files hold a $gy$ hash, and every start would pay for it.
var streebogAx = sync.OnceValue(func() *[8][256]uint64 {
	var ax [8][256]uint64
	for k := range ax {
		for b := range ax[k] {
			ax[k][b] = streebogL(uint64(streebogPi[b]) << (8 * k))
		}
	}
	return &ax
})

// streebogL multiplies a word by the matrix A over GF(2): the most
// significant bit selects row 0.
func streebogL(x uint64) uint64 {
	var out uint64
	for i, row := range streebogA {
		if x&(1<<(63-i)) != 0 {
			out ^= row
		}
	}
	return out
}

// streebogPi is the substitution π' of RFC 6986, section 6.2.
var streebogPi = [256]byte{
	252, 238, 221, 17, 207, 110, 49, 22, 251, 196, 250, 218, 35, 197, 4, 77,
	233, 119, 240, 219, 147, 46, 153, 186, 23, 54, 241, 187, 20, 205, 95, 193,
	249, 24, 101, 90, 226, 92, 239, 33, 129, 28, 60, 66, 139, 1, 142, 79,
	5, 132, 2, 174, 227, 106, 143, 160, 6, 11, 237, 152, 127, 212, 211, 31,
	235, 52, 44, 81, 234, 200, 72, 171, 242, 42, 104, 162, 253, 58, 206, 204,
	181, 112, 14, 86, 8, 12, 118, 18, 191, 114, 19, 71, 156, 183, 93, 135,
	21, 161, 150, 41, 16, 123, 154, 199, 243, 145, 120, 111, 157, 158, 178, 177,
	50, 117, 25, 61, 255, 53, 138, 126, 109, 84, 198, 128, 195, 189, 13, 87,
	223, 245, 36, 169, 62, 168, 67, 201, 215, 121, 214, 246, 124, 34, 185, 3,
	224, 15, 236, 222, 122, 148, 176, 188, 220, 232, 40, 80, 78, 51, 10, 74,
	167, 151, 96, 115, 30, 0, 98, 68, 26, 184, 56, 130, 100, 159, 38, 65,
	173, 69, 70, 146, 39, 94, 85, 47, 140, 163, 165, 125, 105, 213, 149, 59,
	7, 88, 179, 64, 134, 172, 29, 247, 48, 55, 107, 228, 136, 217, 231, 137,
	225, 27, 131, 73, 76, 63, 248, 254, 141, 83, 170, 144, 202, 216, 133, 97,
	32, 113, 103, 164, 45, 43, 9, 91, 203, 155, 37, 208, 190, 229, 108, 82,
	89, 166, 116, 210, 230, 244, 180, 192, 209, 102, 175, 194, 57, 75, 99, 182,
}

// streebogA is the matrix of the linear map l of RFC 6986, section 6.4,
// one row per word.
var streebogA = [64]uint64{
	0x8e20faa72ba0b470, 0x47107ddd9b505a38, 0xad08b0e0c3282d1c, 0xd8045870ef14980e,
	0x6c022c38f90a4c07, 0x3601161cf205268d, 0x1b8e0b0e798c13c8, 0x83478b07b2468764,
	0xa011d380818e8f40, 0x5086e740ce47c920, 0x2843fd2067adea10, 0x14aff010bdd87508,
	0x0ad97808d06cb404, 0x05e23c0468365a02, 0x8c711e02341b2d01, 0x46b60f011a83988e,
	0x90dab52a387ae76f, 0x486dd4151c3dfdb9, 0x24b86a840e90f0d2, 0x125c354207487869,
	0x092e94218d243cba, 0x8a174a9ec8121e5d, 0x4585254f64090fa0, 0xaccc9ca9328a8950,
	0x9d4df05d5f661451, 0xc0a878a0a1330aa6, 0x60543c50de970553, 0x302a1e286fc58ca7,
	0x18150f14b9ec46dd, 0x0c84890ad27623e0, 0x0642ca05693b9f70, 0x0321658cba93c138,
	0x86275df09ce8aaa8, 0x439da0784e745554, 0xafc0503c273aa42a, 0xd960281e9d1d5215,
	0xe230140fc0802984, 0x71180a8960409a42, 0xb60c05ca30204d21, 0x5b068c651810a89e,
	0x456c34887a3805b9, 0xac361a443d1c8cd2, 0x561b0d22900e4669, 0x2b838811480723ba,
	0x9bcf4486248d9f5d, 0xc3e9224312c8c1a0, 0xeffa11af0964ee50, 0xf97d86d98a327728,
	0xe4fa2054a80b329c, 0x727d102a548b194e, 0x39b008152acb8227, 0x9258048415eb419d,
	0x492c024284fbaec0, 0xaa16012142f35760, 0x550b8e9e21f7a530, 0xa48b474f9ef5dc18,
	0x70a6a56e2440598e, 0x3853dc371220a247, 0x1ca76e95091051ad, 0x0edd37c48a08a6d8,
	0x07e095624504536c, 0x8d70c431ac02a736, 0xc83862965601dd1b, 0x641c314b2b8ee083,
}

// streebogC are the round constants C_1…C_12 of RFC 6986, section 6.6, as
// little-endian words.
var streebogC = [12][8]uint64{
	{0xdd806559f2a64507, 0x05767436cc744d23, 0xa2422a08a460d315, 0x4b7ce09192676901,
		0x714eb88d7585c4fc, 0x2f6a76432e45d016, 0xebcb2f81c0657c1f, 0xb1085bda1ecadae9},
	{0xe679047021b19bb7, 0x55dda21bd7cbcd56, 0x5cb561c2db0aa7ca, 0x9ab5176b12d69958,
		0x61d55e0f16b50131, 0xf3feea720a232b98, 0x4fe39d460f70b5d7, 0x6fa3b58aa99d2f1a},
	{0x991e96f50aba0ab2, 0xc2b6f443867adb31, 0xc1c93a376062db09, 0xd3e20fe490359eb1,
		0xf2ea7514b1297b7b, 0x06f15e5f529c1f8b, 0x0a39fc286a3d8435, 0xf574dcac2bce2fc7},
	{0x220cbebc84e3d12e, 0x3453eaa193e837f1, 0xd8b71333935203be, 0xa9d72c82ed03d675,
		0x9d721cad685e353f, 0x488e857e335c3c7d, 0xf948e1a05d71e4dd, 0xef1fdfb3e81566d2},
	{0x601758fd7c6cfe57, 0x7a56a27ea9ea63f5, 0xdfff00b723271a16, 0xbfcd1747253af5a3,
		0x359e35d7800fffbd, 0x7f151c1f1686104a, 0x9a3f410c6ca92363, 0x4bea6bacad474799},
	{0xfa68407a46647d6e, 0xbf71c57236904f35, 0x0af21f66c2bec6b6, 0xcffaa6b71c9ab7b4,
		0x187f9ab49af08ec6, 0x2d66c4f95142a46c, 0x6fa4c33b7a3039c0, 0xae4faeae1d3ad3d9},
	{0x8886564d3a14d493, 0x3517454ca23c4af3, 0x06476983284a0504, 0x0992abc52d822c37,
		0xd3473e33197a93c9, 0x399ec6c7e6bf87c9, 0x51ac86febf240954, 0xf4c70e16eeaac5ec},
	{0xa47f0dd4bf02e71e, 0x36acc2355951a8d9, 0x69d18d2bd1a5c42f, 0xf4892bcb929b0690,
		0x89b4443b4ddbc49a, 0x4eb7f8719c36de1e, 0x03e7aa020c6e4141, 0x9b1f5b424d93c9a7},
	{0x7261445183235adb, 0x0e38dc92cb1f2a60, 0x7b2b8a9aa6079c54, 0x800a440bdbb2ceb1,
		0x3cd955b7e00d0984, 0x3a7d3a1b25894224, 0x944c9ad8ec165fde, 0x378f5a541631229b},
	{0x74b4c7fb98459ced, 0x3698fad1153bb6c3, 0x7a1e6c303b7652f4, 0x9fe76702af69334b,
		0x1fffe18a1b336103, 0x8941e71cff8a78db, 0x382ae548b2e4f3f3, 0xabbedea680056f52},
	{0x6bcaa4cd81f32d1b, 0xdea2594ac06fd85d, 0xefbacd1d7d476e98, 0x8a1d71efea48b9ca,
		0x2001802114846679, 0xd8fa6bbbebab0761, 0x3002c6cd635afe94, 0x7bcd9ed0efc889fb},
	{0x48bc924af11bd720, 0xfaf417d5d9b21b99, 0xe71da4aa88e12852, 0x5d80ef9d1891cc86,
		0xf82012d430219f9b, 0xcda43c32bcdf1d77, 0xd21380b00449b17a, 0x378ee767f11631ba},
}
