package server

import (
	"fmt"
	"net"
	"net/netip"
	"path"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// vhostAddr is one address of a <VirtualHost>, resolved at start as
// Apache resolves it.
type vhostAddr struct {
	wild bool       // "*" or "_default_": every local address
	ip   netip.Addr // when not wild
	port int        // 0: every port
}

// resolveVhostAddrs turns a virtual host's addresses into IPs. A name
// stands for every address it resolves to, as Apache's
// get_addresses does.
func resolveVhostAddrs(v *directives.Server) ([]vhostAddr, error) {
	var out []vhostAddr
	for _, a := range v.Addrs {
		if a.Host == "*" || a.Host == "_default_" {
			out = append(out, vhostAddr{wild: true, port: a.Port})
			continue
		}
		if ip, err := netip.ParseAddr(strings.Trim(a.Host, "[]")); err == nil {
			out = append(out, vhostAddr{ip: ip.Unmap(), port: a.Port})
			continue
		}
		ips, err := net.LookupIP(a.Host)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: AH00547: Could not resolve host name %s -- ignoring!: %w", v.File, v.Line, a.Host, err)
		}
		for _, ip := range ips {
			nip, _ := netip.AddrFromSlice(ip)
			out = append(out, vhostAddr{ip: nip.Unmap(), port: a.Port})
		}
	}
	return out, nil
}

// chain returns the virtual hosts a connection to ip:port may be served
// by, in config order, as Apache's ap_update_vhost_given_ip: those naming
// the address itself if any, else those naming every address ("*",
// "_default_") on that port. The first is the connection's default; nil
// means the main server serves it.
func (g *generation) chain(ip netip.Addr, port int) []*site {
	ip = ip.Unmap()
	var exact, wild []*site
	for _, v := range g.vhost {
		for _, a := range v.addrs {
			if a.port != 0 && a.port != port {
				continue
			}
			if a.wild {
				wild = append(wild, v)
			} else if a.ip == ip {
				exact = append(exact, v)
			} else {
				continue
			}
			break
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return wild
}

// byName picks the site of chain whose ServerName or ServerAlias is
// host (lower-case, without port), as Apache's check_hostname; the
// chain's first when none is, and the main server for an empty chain.
func (g *generation) byName(chain []*site, host string) *site {
	if len(chain) == 0 {
		return g.main
	}
	if host != "" {
		for _, v := range chain {
			if v.answersTo(host) {
				return v
			}
		}
	}
	return chain[0]
}

// answersTo reports whether host is one of the site's names: its
// ServerName, an alias, or a match of a wildcard alias, case aside.
func (st *site) answersTo(host string) bool {
	c := &st.conf.Core
	if strings.EqualFold(c.ServerName, host) {
		return true
	}
	for _, a := range c.Aliases {
		if strings.EqualFold(a, host) {
			return true
		}
	}
	for _, w := range c.WildAliases {
		// Host names hold no '/', so path.Match is apr_fnmatch here.
		if ok, _ := path.Match(strings.ToLower(w), host); ok {
			return true
		}
	}
	return false
}

// requestHost is the host a request names, as Apache's fix_hostname
// leaves r->hostname: lower-case, without port or a trailing dot; empty
// when the request named none.
func requestHost(host string) string {
	if host == "" {
		return ""
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	} else if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		host = host[1 : len(host)-1]
	}
	return strings.TrimSuffix(strings.ToLower(host), ".")
}
