// Package auth decides whether a request may proceed as Apache's access,
// authentication and authorization phases decide it: mod_access_compat's
// Order/Allow/Deny/Satisfy, mod_authz_core's Require tree (with
// mod_authz_user, mod_authz_groupfile and mod_authz_host's providers) and
// mod_auth_basic with the file provider of mod_authn_file.
//
// A Checker is built once per merged per-directory config; its Check
// answers per request without parsing anything but the request's own
// Authorization header. Password and group files are seen as they are at
// each request, as Apache sees them, but read only when they change; an
// Env shares them and a credential cache among all Checkers.
package auth

import (
	"net/netip"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// Request is what the access and auth phases look at in a request.
type Request struct {
	// Method is the request method as sent (case-sensitive, as Apache's
	// method numbers are); HEAD counts as GET.
	Method string
	// RemoteIP is the client's address (Apache's useragent address);
	// LocalIP is the address the connection came in on, for Require
	// local.
	RemoteIP netip.Addr
	LocalIP  netip.Addr
	// RemoteHost is the client's host name verified by a double reverse
	// DNS lookup, or "" when there is none; host rules match nothing then.
	RemoteHost string
	// Authorization holds every Authorization header value, in order.
	// Apache merges repeated headers into one, separated by ", ", and
	// reads credentials from the start of the result.
	Authorization []string
	// URI is the request's path (r->uri), Filename what it maps to
	// (r->filename: a file, or "proxy:" and the backend URL) and PathInfo
	// the rest of the path past that file, for the messages Apache logs.
	URI, Filename, PathInfo string
	// Env is the request's environment (SetEnvIf and the like), for
	// "Require env" and "Allow from env="; names compare case-insensitively.
	Env map[string]string
}

// hasEnv reports whether the environment holds name, as apr_table_get
// finds it: case aside, an empty value counts as set.
func (r *Request) hasEnv(name string) bool {
	for k := range r.Env {
		if asciiEqualFold(k, name) {
			return true
		}
	}
	return false
}

// Decision is the outcome of the access and auth phases.
type Decision struct {
	// Status is 0 when the request may go on, else the status Apache
	// answers: 401, 403 or 500.
	Status int
	// User is the user name Apache records (r->user, the access log's
	// %u): the authenticated user when Status is 0, and on a 401 the name
	// the client sent, if it sent one that could be read. It is empty when
	// no authentication took place.
	User string
	// HasUser tells a User that is set, if empty (Basic credentials whose
	// user name decodes to nothing), from none: Apache logs the first as
	// "" and the second as -.
	HasUser bool
	// Authenticate is the WWW-Authenticate value to send with a 401, as
	// `Basic realm="<AuthName>"`; empty otherwise.
	Authenticate string
	// Reason is the error Apache would log for a refusal, with its
	// message number; empty when the request goes on.
	Reason string
}

// Allowed reports whether the request may go on.
func (d Decision) Allowed() bool { return d.Status == 0 }

// Check builds a Checker for dir in an Env of its own, reading files by
// their paths as the config names them (no mounts) and caching nothing,
// and decides req. A config the Checker cannot run is a 500 whose Reason
// says why. Servers should build one Env and a Checker per config with
// New instead.
func Check(dir *directives.DirConfig, req *Request) Decision {
	c, err := New(dir, NewEnv(nil, CacheOptions{Off: true}))
	if err != nil {
		return Decision{Status: 500, Reason: err.Error()}
	}
	return c.Check(req)
}

// asciiEqualFold compares as strcasecmp does: ASCII letters only fold.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hostInDomain is Apache's in_domain: host equals domain, or ends with
// it at a label boundary (or domain starts with "."), case aside.
func hostInDomain(domain, host string) bool {
	if len(host) < len(domain) || !asciiEqualFold(domain, host[len(host)-len(domain):]) {
		return false
	}
	if len(host) == len(domain) {
		return true
	}
	return strings.HasPrefix(domain, ".") || host[len(host)-len(domain)-1] == '.'
}
