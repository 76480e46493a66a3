package headers

import (
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// Request is what mod_headers reads and changes of one request besides
// its response headers: Apache's request_rec fields the actions and the
// value formats use.
type Request struct {
	// Header is the request's headers (r->headers_in): RequestHeader
	// changes them, Header echo copies from them.
	Header Table
	// Env is the request's environment (r->subprocess_env), read by
	// env= conditions and %{VAR}e.
	Env map[string]string
	// Notes receives what the note action stores (r->notes); nil
	// maps are made on first use.
	Notes map[string]string
	// Received is when the request arrived (r->request_time), for %t
	// and %D.
	Received time.Time
	// Now, when set, gives the current time for %D; nil: time.Now.
	Now func() time.Time
	// SSL is the connection's SSL variables (SSL_PROTOCOL, …) for
	// %{VAR}s; nil on a plain connection.
	SSL map[string]string
	// LoadAvg, Idle and Busy are what %l, %i and %b report: the 1, 5
	// and 15 minute load averages and the percentages of idle and busy
	// workers.
	LoadAvg    [3]float64
	Idle, Busy int
}

// expand gives a value format's text for r, as Apache's process_tags. A
// format of one item whose text exists already (plain text, a variable)
// costs no copy; others are written into one new string.
func expand(f directives.HeaderFormat, r *Request) string {
	if len(f) == 1 {
		if v, ok := itemText(f[0], r); ok {
			return v
		}
	}
	var b strings.Builder
	b.Grow(64)
	for _, it := range f {
		writeItem(&b, it, r)
	}
	return b.String()
}

// itemText is the text of an item that needs no formatting: plain text,
// and environment and SSL variables (Apache reports an empty SSL variable
// as unset).
func itemText(it directives.HeaderFormatItem, r *Request) (string, bool) {
	switch it.Kind {
	case directives.HeaderText:
		return it.Text, true
	case directives.HeaderEnv:
		if v, ok := r.Env[it.Text]; ok {
			return unwrap(v), true
		}
		return "(null)", true
	case directives.HeaderSSLVar:
		if v := r.SSL[it.Text]; v != "" {
			return unwrap(v), true
		}
		return "(null)", true
	}
	return "", false
}

// writeItem writes one item's text.
func writeItem(b *strings.Builder, it directives.HeaderFormatItem, r *Request) {
	if v, ok := itemText(it, r); ok {
		b.WriteString(v)
		return
	}
	var num [24]byte
	switch it.Kind {
	case directives.HeaderDuration:
		now := time.Now
		if r.Now != nil {
			now = r.Now
		}
		b.WriteString("D=")
		b.Write(strconv.AppendInt(num[:0], now().Sub(r.Received).Microseconds(), 10))
	case directives.HeaderTime:
		b.WriteString("t=")
		b.Write(strconv.AppendInt(num[:0], r.Received.UnixMicro(), 10))
	case directives.HeaderLoadAvg:
		b.WriteString("l=")
		for i, avg := range r.LoadAvg {
			if i > 0 {
				b.WriteByte('/')
			}
			b.Write(strconv.AppendFloat(num[:0], avg, 'f', 2, 64))
		}
	case directives.HeaderIdle:
		b.WriteString("i=")
		b.Write(strconv.AppendInt(num[:0], int64(r.Idle), 10))
	case directives.HeaderBusy:
		b.WriteString("b=")
		b.Write(strconv.AppendInt(num[:0], int64(r.Busy), 10))
	}
}

// unwrap turns line breaks in a variable's value into blanks, so a value
// cannot end the header line early.
func unwrap(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
