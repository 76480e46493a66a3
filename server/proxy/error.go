package proxy

import (
	"errors"
	"fmt"
	"net/http"
	"os"
)

// Error is why a request could not be forwarded, or why its answer broke.
type Error struct {
	// Status is what Apache answers the client: 502, 503 or 504 (or 500
	// for a backend Apache would not handle). Meaningless when Written.
	Status int
	// Reason is the error Apache logs about the request, with its AH
	// number.
	Reason string
	// Module is the module Apache logs Reason under; empty for "proxy".
	Module string
	// ServerNote, when set, is what Apache logs before Reason about the
	// server rather than the request (no client shown), with Err: AH00957
	// when a connection fails. Without it Err goes with Reason.
	ServerNote string
	// Message is the reason Apache's ap_proxyerror shows on its error page
	// ("The proxy server could not handle the request<p>Reason: …"), with
	// the status line "NNN Proxy Error"; empty when Apache sends its plain
	// page for Status.
	Message string
	// Written is set when the answer's headers already went out: the
	// client must see the answer break off.
	Written bool
	// Err is the cause, when there is one.
	Err error
}

// Error describes the failure as Apache's log line does.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Reason + ": " + e.Err.Error()
	}
	return e.Reason
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// connectError is Apache's answer when the backend cannot be reached:
// 503, with AH00957 and AH01114 logged.
func connectError(addr, host string, err error) *Error {
	return &Error{
		Status:     http.StatusServiceUnavailable,
		ServerNote: fmt.Sprintf("AH00957: http: attempt to connect to %s (%s) failed", addr, addr),
		Reason:     "AH01114: HTTP: failed to make connection to backend: " + host,
		Module:     "proxy_http",
		Err:        err,
	}
}

// readError is Apache's answer when the backend sent no status line: 502
// (AH01102) — Apache answers 502 on a read timeout too, not 504.
func readError(addr string, err error) *Error {
	return &Error{
		Status:  http.StatusBadGateway,
		Reason:  "AH01102: error reading status line from remote server " + addr,
		Module:  "proxy_http",
		Message: "Error reading from remote server",
		Err:     err,
	}
}

// sendError is Apache's answer when the request could not be written to
// the backend (AH01084): 504 when the write timed out, else 502.
func sendError(addr string, err error) *Error {
	status := http.StatusBadGateway
	if errors.Is(err, os.ErrDeadlineExceeded) {
		status = http.StatusGatewayTimeout
	}
	return &Error{Status: status, Reason: "AH01084: pass request body failed to " + addr + " (" + hostOnly(addr) + ")", Err: err}
}

// clientBodyError is the answer when the client's body broke off while it
// was being forwarded: Apache answers 400 (its client is gone anyway).
func clientBodyError(addr string, err error) *Error {
	status := http.StatusBadRequest
	var se interface{ StatusCode() int }
	if errors.As(err, &se) { // the server's reader knows Apache's status (413, 408)
		status = se.StatusCode()
	}
	return &Error{Status: status, Reason: "AH01097: pass request body failed to " + addr + " from the client", Err: err}
}

// badGateway is Apache's answer to an answer it cannot use: 502 with the
// ap_proxyerror message.
func badGateway(reason, message string, err error) *Error {
	return &Error{Status: http.StatusBadGateway, Reason: reason, Message: message, Err: err}
}

// broken is a transfer that broke after the answer's headers went out.
func broken(reason string, err error) *Error {
	return &Error{Status: http.StatusBadGateway, Reason: reason, Written: true, Err: err}
}
