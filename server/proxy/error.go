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
	// Followup, when set, is a line mod_proxy_http logs after Reason,
	// without the cause: AH01097 after a body that was not passed on.
	Followup string
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
// the backend at remote (its address) for host: 504 when the write timed
// out, else 502, with AH01084 and mod_proxy_http's AH01097 naming client
// logged.
func sendError(remote, host, client string, err error) *Error {
	status := http.StatusBadGateway
	if errors.Is(err, os.ErrDeadlineExceeded) {
		status = http.StatusGatewayTimeout
	}
	return &Error{Status: status, Reason: "AH01084: pass request body failed to " + remote + " (" + host + ")",
		Followup: bodyFollowup(remote, host, client), Err: err}
}

// clientBodyError is the answer when the client's body broke off while it
// was read for the backend at remote (its address) for host: Apache
// answers 400 (its client is gone anyway), or what the server's reader
// says (413, 408). It logs AH02608 then AH01097 when the body was being
// passed on, AH01095 when it was read ahead, before connecting.
func clientBodyError(remote, host, client string, err error, passing bool) *Error {
	status := http.StatusBadRequest
	var se interface{ StatusCode() int }
	if errors.As(err, &se) {
		status = se.StatusCode()
	}
	to := remote + " (" + host + ") from " + client + " ()"
	if !passing {
		return &Error{Status: status, Reason: "AH01095: prefetch request body failed to " + to, Err: err}
	}
	return &Error{Status: status, Reason: "AH02608: read request body failed to " + to,
		Followup: bodyFollowup(remote, host, client), Err: err}
}

// bodyFollowup is what mod_proxy_http logs once a body was not passed on:
// the client's host name is empty, as without HostnameLookups.
func bodyFollowup(remote, host, client string) string {
	return "AH01097: pass request body failed to " + remote + " (" + host + ") from " + client + " ()"
}

// badGateway is Apache's answer to an answer it cannot use: 502 with the
// ap_proxyerror message.
func badGateway(reason, message string, err error) *Error {
	return &Error{Status: http.StatusBadGateway, Reason: reason, Message: message, Err: err}
}

// backendBroke is an answer whose body the backend broke off after the
// headers went out (AH01110, with the cause).
func backendBroke(err error) *Error {
	return &Error{Status: http.StatusBadGateway, Module: "proxy_http", Reason: "AH01110: error reading response", Written: true, Err: err}
}

// clientGone is an answer the client stopped taking: Apache logs nothing
// of it at level error.
func clientGone(err error) *Error {
	return &Error{Status: http.StatusBadGateway, Written: true, Err: err}
}
