package authfile

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzVerifyWrongPassword tries any password against a committed hash of
// each format whose password is known: Verify accepts it only when the
// format cannot tell it from the right one (what follows a NUL, bytes
// past bcrypt's 72, DES's eighth bit and its characters past 8).
func FuzzVerifyWrongPassword(f *testing.F) {
	var known []vector
	seen := map[Scheme]int{}
	for _, v := range readVectors(f) {
		// A few vectors of each format keep the run quick and still try
		// every verifier.
		if s := SchemeOf(v.hash); v.want && cheap(v.hash) && s != Unusable && seen[s] < 2 {
			seen[s]++
			known = append(known, v)
		}
	}
	if len(seen) < 12 {
		f.Fatalf("only %d formats among the vectors: %v", len(seen), seen)
	}
	for i, v := range known {
		for _, wrong := range []string{"", v.password + "x", strings.ToUpper(v.password), v.password + "\x00x", v.password[:len(v.password)/2]} {
			f.Add(uint16(i), wrong)
		}
	}
	f.Fuzz(func(t *testing.T, i uint16, password string) {
		v := known[int(i)%len(known)]
		if Verify(v.hash, password) && !same(v.hash, v.password, password) {
			t.Fatalf("Verify(%q, %q) = true; the password is %q (%s, line %d)", v.hash, password, v.password, v.source, v.line)
		}
	})
}

// same reports whether the format of hash sees the passwords a and b as
// one.
func same(hash, a, b string) bool {
	a, _, _ = strings.Cut(a, "\x00")
	b, _, _ = strings.Cut(b, "\x00")
	switch SchemeOf(hash) {
	case Bcrypt:
		return a[:min(len(a), 72)] == b[:min(len(b), 72)]
	case DESCrypt:
		return bytes.Equal(desKeys(a, 1), desKeys(b, 1))
	case BigCrypt:
		segments := (len(hash) - 2) / 11
		return bytes.Equal(desKeys(a, segments), desKeys(b, segments))
	case ExtDESCrypt:
		return bytes.Equal(desKeys(a, len(a)), desKeys(b, len(b)))
	}
	return a == b
}

// desKeys is what DES crypts take of a password: its 8-byte blocks (at
// least one, at most limit), zero-padded, of 7-bit characters.
func desKeys(pw string, limit int) []byte {
	blocks := max(1, min((len(pw)+7)/8, limit))
	out := make([]byte, 8*blocks)
	for i := 0; i < len(out) && i < len(pw); i++ {
		out[i] = pw[i] & 0x7f
	}
	return out
}
