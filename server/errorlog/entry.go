// Package errorlog writes Apache httpd 2.4's error log: lines in the
// shape Apache's server/log.c gives them (the built-in format or an
// ErrorLogFormat), filtered by LogLevel per module, to the targets
// ErrorLog and CustomLog name (files, piped commands, the process's own
// output).
package errorlog

import (
	"net/http"

	"github.com/gohttpd/gohttpd/directives"
)

// Entry is one error log message and what the log items may show of the
// request or connection it is about. Leave a field empty when there is
// nothing to show; the item then drops out as in Apache.
type Entry struct {
	// Module is the module's short name as Apache prints it:
	// "auth_basic", "authz_core", "proxy", "ssl", "core".
	Module string
	// Level is the message's level.
	Level directives.LogPriority
	// Code is the message's number ("AH01618"), printed before the
	// message with ": "; empty for none.
	Code    string
	Message string
	// Err is the system error behind the message; Apache prints it
	// before the message as "(111)Connection refused: ".
	Err error
	// Client is the client's "ip:port" for a message about a request or
	// connection; Backend marks it as a backend's, printed as
	// "[remote …]" instead of "[client …]".
	Client  string
	Backend bool
	// Local is the connection's own "ip:port" (%A).
	Local string
	// Request marks the message as being about a request: %V, %i, %n,
	// %e and the referer suffix need one.
	Request bool
	// LogID and ConnLogID are the request's and connection's log ids
	// (%L, %{c}L). FirstForRequest and FirstForConnection mark the
	// first message of a request or connection, which writes the
	// ErrorLogFormat request and connection lines before it.
	LogID, ConnLogID                    string
	FirstForRequest, FirstForConnection bool
	// Keepalives is how many requests the connection served before (%k).
	Keepalives int
	// ServerName is the request's server name (%V); VirtualHost the
	// virtual host's ServerName (%v).
	ServerName, VirtualHost string
	// Header holds the request's headers (%{…}i and the ", referer: "
	// suffix); Notes and Env the request's notes and environment
	// (%{…}n, %{…}e).
	Header     http.Header
	Notes, Env map[string]string
	// File and Line are where the message was logged from (%F); Apache
	// prints them at debug level and above.
	File string
	Line int
	// Dir is the LogLevel of the request's location when a section set
	// one; nil: the server's.
	Dir *directives.LogLevel
}

// text is the message as the %M item prints it.
func (e *Entry) text() string {
	if e.Code == "" {
		return e.Message
	}
	return e.Code + ": " + e.Message
}
