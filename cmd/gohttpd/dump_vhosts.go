package main

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net/netip"
	"os"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// vhostTable is Apache's table of virtual hosts by address
// (ap_fini_vhost_config): a hash of chains for named addresses and a
// list for wildcard ones, built the way Apache builds it so DUMP_VHOSTS
// lists them in Apache's order.
type vhostTable struct {
	buckets  [256][]*addrChain // named addresses, by Apache's hash
	defaults []*addrChain      // "*" and "_default_"
	names    map[*directives.Server]string
}

// addrChain is one address with the virtual hosts that share it.
type addrChain struct {
	wild    bool
	ip      netip.Addr
	port    int // 0: every port
	server  *directives.Server
	initial *nameEntry   // the first host, until a second makes it name-based
	named   []*nameEntry // set once two or more hosts share the address
}

// nameEntry is one host on a name-based address.
type nameEntry struct {
	server *directives.Server
	port   int
}

// vhostAddress is one resolved address of a <VirtualHost>.
type vhostAddress struct {
	wild bool
	ip   netip.Addr
	port int
}

// newVhostTable builds the table from the virtual hosts, walked last to
// first as Apache walks its server list.
func newVhostTable(cfg *directives.Config) *vhostTable {
	t := &vhostTable{names: map[*directives.Server]string{}}
	mainName := cfg.Main.Core.ServerName
	if mainName == "" {
		mainName = localHost()
	}
	for _, s := range slices.Backward(cfg.VirtualHosts) {
		addrs := resolveAddrs(s)
		hasDefault := false
		var prev *vhostAddress
		for i := range addrs {
			a := &addrs[i]
			if a.wild {
				t.addWild(s, a, prev)
				hasDefault = true
			} else {
				t.addNamed(s, a)
			}
			prev = a
		}
		t.names[s] = vhostName(s, addrs, hasDefault, mainName)
	}
	return t
}

func (t *vhostTable) addWild(s *directives.Server, a, prev *vhostAddress) {
	c := t.findDefault(a.port)
	if c == nil || c.port != a.port {
		c = &addrChain{wild: true, port: a.port}
		t.defaults = slices.Insert(t.defaults, 0, c)
	} else if prev != nil && prev.wild && prev.port == a.port {
		return // the same host twice in a row on one wildcard address
	}
	c.add(s, a.port)
}

func (t *vhostTable) addNamed(s *directives.Server, a *vhostAddress) {
	c := t.findIP(a.ip, a.port)
	if c == nil || c.port != a.port {
		b := apacheHash(a.ip)
		c = &addrChain{ip: a.ip, port: a.port}
		t.buckets[b] = slices.Insert(t.buckets[b], 0, c)
	}
	c.add(s, a.port)
}

// findDefault is find_default_server: the wildcard chain for the port,
// else one for every port.
func (t *vhostTable) findDefault(port int) *addrChain {
	var wild *addrChain
	for _, c := range t.defaults {
		if c.port == port {
			return c
		}
		if wild == nil && c.port == 0 {
			wild = c
		}
	}
	return wild
}

// findIP is find_ipaddr: the chain for the address and port, else the
// first for the address where either port is every port.
func (t *vhostTable) findIP(ip netip.Addr, port int) *addrChain {
	var wild *addrChain
	for _, c := range t.buckets[apacheHash(ip)] {
		if c.ip != ip {
			continue
		}
		if c.port == port {
			return c
		}
		if wild == nil && (c.port == 0 || port == 0) {
			wild = c
		}
	}
	return wild
}

// add is add_name_vhost_config: the host walked last becomes the
// chain's default, and a second host makes the address name-based.
func (c *addrChain) add(s *directives.Server, port int) {
	e := &nameEntry{server: s, port: port}
	c.server = s
	switch {
	case c.named != nil:
		c.named = slices.Insert(c.named, 0, e)
	case c.initial == nil:
		c.initial = e
	default:
		c.named = []*nameEntry{e, c.initial}
		c.initial = nil
	}
}

// apacheHash is Apache's hash_addr: the address's last four bytes, read
// as the machine reads them (little-endian here), folded into 256.
func apacheHash(ip netip.Addr) int {
	b := ip.AsSlice()
	key := binary.LittleEndian.Uint32(b[len(b)-4:])
	key ^= key >> 16
	return int(((key >> 8) ^ key) % 256)
}

// resolveAddrs resolves a <VirtualHost>'s addresses as get_addresses:
// "*", "_default_" and the any-address are wildcards, a name stands for
// each address it resolves to, and one that does not resolve is left out.
func resolveAddrs(s *directives.Server) []vhostAddress {
	var out []vhostAddress
	for _, a := range s.Addrs {
		host := strings.Trim(a.Host, "[]")
		if host == "*" || strings.EqualFold(host, "_default_") {
			out = append(out, vhostAddress{wild: true, port: a.Port})
			continue
		}
		ips := []netip.Addr{}
		if ip, err := netip.ParseAddr(host); err == nil {
			ips = append(ips, ip)
		} else if found, err := resolver.LookupNetIP(context.Background(), "ip", host); err == nil {
			ips = found
		}
		for _, ip := range ips {
			ip = ip.Unmap()
			out = append(out, vhostAddress{wild: ip.IsUnspecified(), ip: ip, port: a.Port})
		}
	}
	return out
}

// vhostName is the name Apache gives a virtual host: its ServerName; for
// one on a wildcard address the main server's; else its first address's
// reverse DNS.
func vhostName(s *directives.Server, addrs []vhostAddress, hasDefault bool, mainName string) string {
	switch {
	case s.Core.ServerName != "":
		return s.Core.ServerName
	case hasDefault:
		return mainName
	case len(addrs) == 0:
		return "bogus_host_without_forward_dns"
	}
	names, err := resolver.LookupAddr(context.Background(), addrs[0].ip.String())
	if err != nil || len(names) == 0 {
		return "bogus_host_without_reverse_dns"
	}
	return strings.TrimSuffix(names[0], ".")
}

// localHost is Apache's ap_get_local_host, the main server's name when
// it has no ServerName: the machine's fully qualified name, else its
// address.
func localHost() string {
	host, err := os.Hostname()
	if err != nil {
		return "127.0.0.1"
	}
	ips, err := resolver.LookupNetIP(context.Background(), "ip", host)
	if err != nil || len(ips) == 0 {
		return "127.0.0.1"
	}
	if names, err := resolver.LookupAddr(context.Background(), ips[0].String()); err == nil && len(names) > 0 {
		if name := strings.TrimSuffix(names[0], "."); strings.Contains(name, ".") {
			return name
		}
	}
	if strings.Contains(host, ".") {
		return host
	}
	return ips[0].Unmap().String()
}

// dumpVhosts is DUMP_VHOSTS: named addresses by hash bucket, then the
// wildcard ones.
func dumpVhosts(cfg *directives.Config, w io.Writer) {
	t := newVhostTable(cfg)
	fmt.Fprintln(w, "VirtualHost configuration:")
	for _, bucket := range t.buckets {
		for _, c := range bucket {
			t.dumpChain(c, w)
		}
	}
	for _, c := range t.defaults {
		t.dumpChain(c, w)
	}
}

func (t *vhostTable) dumpChain(c *addrChain, w io.Writer) {
	port := "*"
	if c.port != 0 {
		port = fmt.Sprint(c.port)
	}
	addr := "*:" + port
	if !c.wild {
		addr = netip.AddrPortFrom(c.ip, 0).String()
		addr = addr[:strings.LastIndexByte(addr, ':')+1] + port
	}
	at := func(s *directives.Server) string {
		return fmt.Sprintf("%s (%s:%d)", t.names[s], s.File, s.Line)
	}
	if c.named == nil {
		fmt.Fprintf(w, "%-22s %s\n", addr, at(c.server))
		return
	}
	fmt.Fprintf(w, "%-22s is a NameVirtualHost\n%8s default server %s\n", addr, "", at(c.server))
	for _, e := range c.named {
		port := "*"
		if e.port != 0 {
			port = fmt.Sprint(e.port)
		}
		fmt.Fprintf(w, "%8s port %s namevhost %s\n", "", port, at(e.server))
		for _, a := range e.server.Core.Aliases {
			fmt.Fprintf(w, "%16s alias %s\n", "", a)
		}
		for _, a := range e.server.Core.WildAliases {
			fmt.Fprintf(w, "%16s wild alias %s\n", "", a)
		}
	}
}
