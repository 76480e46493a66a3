package directives

import "strings"

// Apache parses numbers with C's library; these do the same, so that
// out-of-range and trailing-text cases get Apache's verdicts.

// cStrtol reads a decimal number as C's strtol: leading white space, a
// sign, digits; the value saturates on overflow. It returns what follows
// the digits and whether any digit was read.
func cStrtol(s string) (n int64, rest string, digits, overflow bool) {
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		d := uint64(s[i] - '0')
		if u > (1<<63-d)/10 {
			overflow = true
		} else {
			u = u*10 + d
		}
		i++
	}
	if i == start {
		return 0, s, false, false
	}
	switch {
	case overflow && neg:
		return -1 << 63, s[i:], true, true
	case overflow, !neg && u == 1<<63:
		return 1<<63 - 1, s[i:], true, true
	case neg:
		return -int64(u), s[i:], true, false
	}
	return int64(u), s[i:], true, false
}

// cAtol is C's atol (strtol without error checks).
func cAtol(s string) int64 {
	n, _, _, _ := cStrtol(s)
	return n
}

// cAtoi is C's atoi on Linux: strtol's result cut to 32 bits.
func cAtoi(s string) int { return int(int32(cAtol(s))) }
