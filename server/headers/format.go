package headers

import (
	"fmt"
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

// expand gives a value format's text for r, as Apache's process_tags.
func expand(f directives.HeaderFormat, r *Request) string {
	if len(f) == 1 && f[0].Kind == directives.HeaderText {
		return f[0].Text
	}
	var b strings.Builder
	for _, it := range f {
		b.WriteString(expandItem(it, r))
	}
	return b.String()
}

func expandItem(it directives.HeaderFormatItem, r *Request) string {
	switch it.Kind {
	case directives.HeaderText:
		return it.Text
	case directives.HeaderDuration:
		now := time.Now
		if r.Now != nil {
			now = r.Now
		}
		return "D=" + strconv.FormatInt(now().Sub(r.Received).Microseconds(), 10)
	case directives.HeaderTime:
		return "t=" + strconv.FormatInt(r.Received.UnixMicro(), 10)
	case directives.HeaderEnv:
		if v, ok := r.Env[it.Text]; ok {
			return unwrap(v)
		}
		return "(null)"
	case directives.HeaderSSLVar:
		// Apache reports an empty SSL variable as unset.
		if v := r.SSL[it.Text]; v != "" {
			return unwrap(v)
		}
		return "(null)"
	case directives.HeaderLoadAvg:
		return fmt.Sprintf("l=%.2f/%.2f/%.2f", r.LoadAvg[0], r.LoadAvg[1], r.LoadAvg[2])
	case directives.HeaderIdle:
		return "i=" + strconv.Itoa(r.Idle)
	case directives.HeaderBusy:
		return "b=" + strconv.Itoa(r.Busy)
	}
	return ""
}

// unwrap turns line breaks in a variable's value into blanks, so a value
// cannot end the header line early.
func unwrap(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
}
