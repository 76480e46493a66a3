package auth

import (
	"fmt"
	"net/netip"

	"github.com/gohttpd/gohttpd/directives"
)

// apply evaluates the Require tree for req; user is nil before
// authentication.
func (c *Checker) apply(req *Request, user *string) directives.AuthzStatus {
	return c.dir.Authz.Requires.Apply(req.Method, func(l *directives.RequireLine) directives.AuthzStatus {
		return c.line(l, req, user)
	})
}

// line answers one Require line's provider, as its module does.
func (c *Checker) line(l *directives.RequireLine, req *Request, user *string) directives.AuthzStatus {
	switch p := l.Provider.(type) {
	case *directives.RequireAll:
		return verdict(p.Granted)
	case *directives.RequireMethod:
		return verdict(p.Methods.Has(req.Method))
	case *directives.RequireEnv:
		return verdict(anyWord(p.Vars, req.hasEnv))
	case *directives.RequireIP:
		for _, s := range p.Subnets {
			if inSubnet(s, req.RemoteIP) {
				return directives.AuthzGranted
			}
		}
		return directives.AuthzDenied
	case *directives.RequireLocal:
		ip := req.RemoteIP.Unmap()
		return verdict(ip.IsLoopback() || ip.IsValid() && ip == req.LocalIP.Unmap())
	case *directives.RequireHost:
		return verdict(req.RemoteHost != "" && anyWord(p.Hosts, func(h string) bool { return hostInDomain(h, req.RemoteHost) }))
	case *directives.RequireValidUser:
		if user == nil {
			return directives.AuthzDeniedNoUser
		}
		return directives.AuthzGranted
	case *directives.RequireUser:
		if user == nil {
			return directives.AuthzDeniedNoUser
		}
		return verdict(anyWord(p.Users, func(w string) bool { return w == *user }))
	case *directives.RequireGroup:
		if user == nil {
			return directives.AuthzDeniedNoUser
		}
		return c.inGroup(p.Groups, *user)
	}
	return directives.AuthzGeneralError // refused by New
}

// inGroup is mod_authz_groupfile's check: denied without a group file or
// when it cannot be read; group names compare case-insensitively, as
// Apache looks them up in a table.
func (c *Checker) inGroup(want []string, user string) directives.AuthzStatus {
	if c.groups == nil {
		return directives.AuthzDenied
	}
	have, err := c.groups.GroupsOf(user)
	if err != nil {
		return directives.AuthzDenied
	}
	return verdict(anyWord(want, func(w string) bool {
		for _, g := range have {
			if asciiEqualFold(g, w) {
				return true
			}
		}
		return false
	}))
}

func verdict(ok bool) directives.AuthzStatus {
	if ok {
		return directives.AuthzGranted
	}
	return directives.AuthzDenied
}

// anyWord reports whether match holds for a word of a Require list,
// stopping at an empty word as Apache's loops over ap_getword_conf do.
func anyWord(words []string, match func(string) bool) bool {
	for _, w := range words {
		if w == "" {
			return false
		}
		if match(w) {
			return true
		}
	}
	return false
}

// supported refuses the Require lines gohttpd cannot decide as Apache.
func supported(item directives.RequireItem) error {
	switch it := item.(type) {
	case *directives.RequireSection:
		for _, child := range it.Items {
			if err := supported(child); err != nil {
				return err
			}
		}
	case *directives.RequireLine:
		var expr bool
		switch p := it.Provider.(type) {
		case *directives.RequireUser:
			expr = p.Expr != nil
		case *directives.RequireGroup:
			expr = p.Expr != nil
		case *directives.RequireHost:
			expr = p.Expr != nil
		case *directives.RequireForwardDNS, *directives.RequireFileGroup:
			return fmt.Errorf("%s:%d: %s is not implemented by gohttpd", it.File, it.Line, it)
		}
		if expr {
			return fmt.Errorf("%s:%d: %s: expressions are not implemented by gohttpd", it.File, it.Line, it)
		}
	}
	return nil
}

// accessMatches reports whether an Allow or Deny rule matches the client,
// as mod_access_compat's find_allowdeny.
func accessMatches(r *directives.AccessRule, req *Request) bool {
	switch r.From {
	case directives.FromAll:
		return true
	case directives.FromEnv:
		return req.hasEnv(r.Env)
	case directives.FromNotEnv:
		return !req.hasEnv(r.Env)
	case directives.FromIP:
		return inSubnet(r.Subnet, req.RemoteIP)
	case directives.FromHost:
		return req.RemoteHost != "" && hostInDomain(r.Host, req.RemoteHost)
	}
	return false
}

// inSubnet is apr_ipsubnet_test; a request without a client address
// matches no subnet.
func inSubnet(s directives.IPSubnet, ip netip.Addr) bool {
	return ip.IsValid() && s.Contains(ip)
}
