package status

import (
	"strconv"
	"strings"
)

// Numbers are written as Apache writes them with APR's printf, so tools
// that read Apache's report read ours.

// aprG is printf's %g as APR writes it (apr_gcvt): prec significant
// digits, trailing zeros dropped, no leading zero before the point
// (".5"), exponent form only for a number below 1e-4 or with more than
// four zeros past its digits ("1.e+6": APR keeps the point there).
func aprG(v float64, prec int) string {
	if prec == 0 {
		prec = 1
	}
	var b strings.Builder
	if v < 0 {
		b.WriteByte('-')
		v = -v
	}
	digits, decpt := ecvt(v, prec)
	n := len(digits)
	for n > 1 && digits[n-1] == '0' {
		n--
	}
	digits = digits[:n]
	if decpt >= 0 && decpt-n > 4 || decpt < -3 {
		b.WriteByte(digits[0])
		b.WriteByte('.')
		b.WriteString(digits[1:])
		b.WriteByte('e')
		exp := decpt - 1
		if exp < 0 {
			b.WriteByte('-')
			exp = -exp
		} else {
			b.WriteByte('+')
		}
		b.WriteString(strconv.Itoa(exp))
		return b.String()
	}
	if decpt <= 0 {
		if digits[0] != '0' {
			b.WriteByte('.')
		}
		b.WriteString(strings.Repeat("0", -decpt))
	}
	for i := 1; i <= n; i++ {
		b.WriteByte(digits[i-1])
		if i == decpt {
			b.WriteByte('.')
		}
	}
	if n < decpt {
		b.WriteString(strings.Repeat("0", decpt-n))
		b.WriteByte('.')
	}
	return strings.TrimSuffix(b.String(), ".")
}

// ecvt is v (not negative) rounded to ndigit significant digits: the
// digits and where the decimal point falls among them.
func ecvt(v float64, ndigit int) (digits string, decpt int) {
	if v == 0 {
		return strings.Repeat("0", ndigit), 0
	}
	s := strconv.FormatFloat(v, 'e', ndigit-1, 64) // d.ddde±XX
	mant, exp, _ := strings.Cut(s, "e")
	e, _ := strconv.Atoi(exp)
	return strings.Replace(mant, ".", "", 1), e + 1
}

// g6 is %g of a C float: Apache computes its rates in single precision.
func g6(v float64) string { return aprG(float64(float32(v)), 6) }

// fixed is %.Nf.
func fixed(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }

const (
	kiB = 1024
	miB = 1024 * 1024
	giB = 1024 * 1024 * 1024
)

// byteSize writes a byte count as mod_status's format_byte_out: bytes
// under 5 kB, then kB, MB, GB with one decimal.
func byteSize(n int64) string {
	switch {
	case n < 5*kiB:
		return strconv.FormatInt(n, 10) + " B"
	case n < miB/2:
		return fixed(float64(float32(n)/kiB), 1) + " kB"
	case n < giB/2:
		return fixed(float64(float32(n)/miB), 1) + " MB"
	}
	return fixed(float64(float32(n)/giB), 1) + " GB"
}

// kbyteSize writes a count of kB as format_kbyte_out.
func kbyteSize(kb uint64) string {
	switch {
	case kb < kiB:
		return strconv.FormatUint(kb, 10) + " kB"
	case kb < miB:
		return fixed(float64(float32(kb)/kiB), 1) + " MB"
	}
	return fixed(float64(float32(kb)/miB), 1) + " GB"
}

// upTime writes seconds as show_time: " 1 day 2 hours 1 second", each
// part with a leading space, nothing for 0.
func upTime(secs int64) string {
	var b strings.Builder
	part := func(n int64, unit string) {
		if n == 0 {
			return
		}
		b.WriteString(" " + strconv.FormatInt(n, 10) + " " + unit)
		if n != 1 {
			b.WriteByte('s')
		}
	}
	part(secs/86400, "day")
	part(secs/3600%24, "hour")
	part(secs/60%60, "minute")
	part(secs%60, "second")
	return b.String()
}
