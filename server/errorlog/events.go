package errorlog

import (
	"fmt"

	"github.com/gohttpd/gohttpd/directives"
)

// The messages Apache 2.4 logs for the recipe's everyday failures, with
// the module, level and number Apache gives them (mod_auth_basic.c,
// mod_authz_core.c, mod_authn_file.c, mod_authz_groupfile.c,
// proxy_util.c, mod_proxy_http.c). Each returns an Entry with Module,
// Level, Code and Message set; the caller adds the request's fields
// (Client, Request, Header …) and Logs it. uri is the request's decoded
// path (r->uri).
//
//	event                                   module       level  code
//	Basic credentials, unknown user         auth_basic   error  AH01618
//	Basic credentials, wrong password       auth_basic   error  AH01617
//	Authorization not Basic                 auth_basic   error  AH01614
//	password file unreadable (answer 500)   authn_file   error  AH01620 (Err set)
//	Require denies, no user involved        authz_core   error  AH01630
//	signed-in user fails Require            authz_core   error  AH01631
//	group file unreadable                   authz_groupfile error AH01665 (Err set)
//	backend refused / unreachable           proxy        error  AH00957 (Err set; no client: logged for the server)
//	then, for the request (answer 503)      proxy_http   error  AH01114
//
// A 401 for a request without credentials logs nothing at error level.

// UserNotFound is AH01618: Basic credentials named a user the file lacks.
func UserNotFound(user, uri string) Entry {
	return event("auth_basic", "AH01618", fmt.Sprintf("user %s not found: %s", user, uri))
}

// PasswordMismatch is AH01617: the user exists, the password is wrong.
func PasswordMismatch(user, uri string) Entry {
	return event("auth_basic", "AH01617", fmt.Sprintf("user %s: authentication failure for \"%s\": Password Mismatch", user, uri))
}

// WrongScheme is AH01614: the Authorization header is not Basic.
func WrongScheme(uri string) Entry {
	return event("auth_basic", "AH01614", "client used wrong authentication scheme: "+uri)
}

// PasswordFileUnreadable is AH01620: AuthUserFile could not be opened;
// err is why.
func PasswordFileUnreadable(file string, err error) Entry {
	e := event("authn_file", "AH01620", "Could not open password file: "+file)
	e.Err = err
	return e
}

// ClientDenied is AH01630: access was refused without a user being
// involved. target is r->filename when the request mapped to one (for
// the recipe's <Directory /> 403s, the DocumentRoot path joined with the
// URI, such as /usr/local/apache2/htdocs/other), else "" to log "uri "
// and the uri.
func ClientDenied(target, uri string) Entry {
	if target == "" {
		target = "uri " + uri
	}
	return event("authz_core", "AH01630", "client denied by server configuration: "+target)
}

// UserDenied is AH01631: a signed-in user failed the Require lines. The
// message ends with ": " in Apache too.
func UserDenied(user, uri string) Entry {
	return event("authz_core", "AH01631", fmt.Sprintf("user %s: authorization failure for \"%s\": ", user, uri))
}

// ConnectFailed is AH00957: connecting to a backend address failed.
// scheme is the worker's ("http"), addr the address tried
// ("172.18.0.2:5000"), host and port the backend as ProxyPass names it.
// Apache logs it for the server, without the client.
func ConnectFailed(scheme, addr, host string, port int, err error) Entry {
	e := event("proxy", "AH00957", fmt.Sprintf("%s: attempt to connect to %s (%s:%d) failed", scheme, addr, host, port))
	e.Err = err
	return e
}

// BackendUnavailable is AH01114, which follows AH00957 for the request,
// answered 503: host is the backend's host name.
func BackendUnavailable(host string) Entry {
	return event("proxy_http", "AH01114", "HTTP: failed to make connection to backend: "+host)
}

func event(module, code, msg string) Entry {
	return Entry{Module: module, Level: directives.LogError, Code: code, Message: msg}
}
