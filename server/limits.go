package server

import (
	"fmt"
	"net/http"
)

// requestLimit is what Apache's request reading refuses before anything
// else runs (LimitRequestLine, LimitRequestFields, LimitRequestFieldSize):
// the status, the error-notes its page shows and the error it logs at
// level info. net/http has read the request already, within a bound that
// covers all three (maxHeaderBytes); the check here is Apache's own.
type requestLimit struct {
	status int
	notes  string
	reason string
	// line is the part of an overlong request line Apache keeps (and
	// logs as %r); empty for the other limits.
	line string
}

// checkLimits measures the request as Apache read it off the wire,
// against the limits of the server s.
func checkLimits(r *http.Request, s *site) *requestLimit {
	line, fields, fieldSize := limits(s)
	if full := r.Method + " " + r.RequestURI + " " + r.Proto; len(full) > line {
		return &requestLimit{status: http.StatusRequestURITooLong, line: full[:line+1], // ap_rgetline's buffer holds one more
			reason: fmt.Sprintf("AH00565: request failed: client's request-line exceeds LimitRequestLine (longer than %d)", line)}
	}
	count := 0
	if r.Host != "" {
		count++ // net/http keeps Host apart
		if len("Host: ")+len(r.Host) > fieldSize {
			return fieldTooLong("Host")
		}
	}
	for name, values := range r.Header {
		for _, v := range values {
			count++
			if len(name)+2+len(v) > fieldSize {
				return fieldTooLong(name)
			}
		}
	}
	if fields > 0 && count > fields {
		return &requestLimit{status: http.StatusBadRequest,
			notes:  "The number of request header fields exceeds this server's limit.",
			reason: "AH00563: Number of request headers exceeds LimitRequestFields"}
	}
	return nil
}

func fieldTooLong(name string) *requestLimit {
	return &requestLimit{status: http.StatusBadRequest,
		notes:  "Size of a request header field exceeds server limit.",
		reason: "AH00561: Request header exceeds LimitRequestFieldSize: " + name}
}

// limits are the three request limits of a server, Apache's defaults
// where unset.
func limits(s *site) (line, fields, fieldSize int) {
	c := &s.conf.Core
	line, fields, fieldSize = 8190, 100, 8190
	if c.LimitRequestLine != nil {
		line = *c.LimitRequestLine
	}
	if c.LimitRequestFields != nil {
		fields = *c.LimitRequestFields
	}
	if c.LimitRequestFieldSize != nil {
		fieldSize = *c.LimitRequestFieldSize
	}
	return line, fields, fieldSize
}
