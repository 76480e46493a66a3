// Package errorpage makes the answers Apache httpd 2.4 writes itself when a
// request ends in an error or a redirect that no ErrorDocument replaces:
// the status line's reason phrase and the small HTML page
// (ap_send_error_response in Apache's http_protocol.c), byte for byte as
// Debian's Apache 2.4 sends them.
package errorpage

import "strconv"

// statusLines are Apache's status lines by code. They differ from Go's
// http.StatusText for some codes (413 "Request Entity Too Large", 414
// "Request-URI Too Long", 416 "Requested Range Not Satisfiable", 422
// "Unprocessable Entity"), and Apache knows no 418, 425 or 509.
var statusLines = map[int]string{
	100: "Continue", 101: "Switching Protocols", 102: "Processing", 103: "Early Hints",
	200: "OK", 201: "Created", 202: "Accepted", 203: "Non-Authoritative Information",
	204: "No Content", 205: "Reset Content", 206: "Partial Content", 207: "Multi-Status",
	208: "Already Reported", 226: "IM Used",
	300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other",
	304: "Not Modified", 305: "Use Proxy", 307: "Temporary Redirect", 308: "Permanent Redirect",
	400: "Bad Request", 401: "Unauthorized", 402: "Payment Required", 403: "Forbidden",
	404: "Not Found", 405: "Method Not Allowed", 406: "Not Acceptable",
	407: "Proxy Authentication Required", 408: "Request Timeout", 409: "Conflict", 410: "Gone",
	411: "Length Required", 412: "Precondition Failed", 413: "Request Entity Too Large",
	414: "Request-URI Too Long", 415: "Unsupported Media Type",
	416: "Requested Range Not Satisfiable", 417: "Expectation Failed",
	421: "Misdirected Request", 422: "Unprocessable Entity", 423: "Locked",
	424: "Failed Dependency", 426: "Upgrade Required", 428: "Precondition Required",
	429: "Too Many Requests", 431: "Request Header Fields Too Large",
	451: "Unavailable For Legal Reasons",
	500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway",
	503: "Service Unavailable", 504: "Gateway Timeout", 505: "HTTP Version Not Supported",
	506: "Variant Also Negotiates", 507: "Insufficient Storage", 508: "Loop Detected",
	510: "Not Extended", 511: "Network Authentication Required",
}

// Known reports whether Apache has a status line of its own for status.
func Known(status int) bool {
	_, ok := statusLines[status]
	return ok
}

// StatusLine returns the status line Apache writes for an answer it makes
// itself, without the protocol: "401 Unauthorized". A code Apache does not
// know (418, 425, 599…) is answered as "500 Internal Server Error", as
// Apache's ap_get_status_line does; the caller then sends status 500.
func StatusLine(status int) string {
	if !Known(status) {
		status = 500
	}
	return strconv.Itoa(status) + " " + statusLines[status]
}
