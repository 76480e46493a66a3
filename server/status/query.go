package status

import (
	"strconv"
	"strings"
)

// Query is what a request's query string asks of the report.
type Query struct {
	Auto    bool // "auto": the machine-readable report
	NoTable bool // "notable": recent requests as a list
	// Refresh is the Refresh header's seconds, 0 for none: "refresh=N",
	// or 10 for "refresh" without a number or with one below 1.
	Refresh int
}

// ParseQuery reads a query as mod_status does: each word counts wherever
// it appears in the string ("?auto", "?x=auto" and "?autos" alike ask
// for the machine-readable report), and refresh's number is the digits
// right after "refresh=".
func ParseQuery(q string) Query {
	var out Query
	if i := strings.Index(q, "refresh"); i >= 0 {
		t := 0
		if rest := q[i+len("refresh"):]; strings.HasPrefix(rest, "=") {
			t = atol(rest[1:])
		}
		if t < 1 {
			t = 10
		}
		out.Refresh = t
	}
	out.NoTable = strings.Contains(q, "notable")
	out.Auto = strings.Contains(q, "auto")
	return out
}

// atol is C's atol: leading blanks, a sign, then digits as far as they
// go; 0 when there are none.
func atol(s string) int {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	end := 0
	if end < len(s) && (s[end] == '-' || s[end] == '+') {
		end++
	}
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n, err := strconv.Atoi(s[:end])
	if err != nil {
		return 0
	}
	return n
}
