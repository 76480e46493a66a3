package directives

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// RequireIP is "Require ip": granted when the client's address (the
// useragent address, which mod_remoteip may change) is in one of these
// subnets.
type RequireIP struct{ Subnets []IPSubnet }

// RequireHost is "Require host": granted when the client's host name,
// found by a double reverse DNS lookup, is one of these names or ends with
// "." and one of them (a name starting with "." matches any suffix), case
// aside.
// Without a host name (the lookup fails or gives back the address) it is
// denied.
type RequireHost struct {
	// Hosts are the names when the list has no variables; the text from a
	// '#' on is already cut, as Apache cuts it per request.
	Hosts []string
	// Expr is the list as an expression when it has variables: evaluate
	// it, cut it at the first '#' (denied when that is its first
	// character), and split it into words as ap_getword_conf.
	Expr *StringExpr
}

// RequireForwardDNS is "Require forward-dns": granted when one of these
// names resolves to the client's address.
type RequireForwardDNS struct {
	// Names are the names when the list has no variables, up to the first
	// word holding a '#' (that word's text before the '#' included).
	Names []string
	// Expr is the list as an expression when it has variables, to be
	// evaluated and cut the same way per request.
	Expr *StringExpr
}

// RequireLocal is "Require local": granted when the client's address is
// the connection's local address, or in 127.0.0.0/8, or ::1. Arguments are
// ignored.
type RequireLocal struct{}

func (*RequireIP) requireProvider()         {}
func (*RequireHost) requireProvider()       {}
func (*RequireForwardDNS) requireProvider() {}
func (*RequireLocal) requireProvider()      {}

func init() {
	register(&Module{Name: "authz_host_module", Source: "mod_authz_host.c"})
	registerAuthzProvider("ip", "authz_host_module", parseRequireIP)
	registerAuthzProvider("host", "authz_host_module", parseRequireHost)
	registerAuthzProvider("forward-dns", "authz_host_module", parseRequireForwardDNS)
	registerAuthzProvider("local", "authz_host_module", func(*Cmd, string) (RequireProvider, error) {
		return &RequireLocal{}, nil
	})
}

func parseRequireIP(_ *Cmd, args string) (RequireProvider, error) {
	words := confWords(args)
	if len(words) == 0 {
		return nil, errors.New("'require ip' requires an argument")
	}
	r := &RequireIP{}
	for _, w := range words {
		addr, mask, hasMask := strings.Cut(w, "/")
		s, err := ParseIPSubnet(addr, mask, hasMask)
		switch {
		case errors.Is(err, errNotIP):
			return nil, fmt.Errorf("ip address '%s' appears to be invalid", w)
		case err != nil:
			return nil, fmt.Errorf("ip address '%s' appears to be invalid: %v", w, err)
		}
		s.Text = w
		r.Subnets = append(r.Subnets, s)
	}
	return r, nil
}

func parseRequireHost(c *Cmd, args string) (RequireProvider, error) {
	e, err := parseStringExpr(c, args)
	if err != nil {
		return nil, fmt.Errorf("Cannot parse expression in require line: %v", err)
	}
	s, ok := e.Static()
	if !ok {
		return &RequireHost{Expr: &e}, nil
	}
	s, _, _ = strings.Cut(s, "#")
	return &RequireHost{Hosts: confWords(s)}, nil
}

func parseRequireForwardDNS(c *Cmd, args string) (RequireProvider, error) {
	e, err := parseStringExpr(c, args)
	if err != nil {
		return nil, fmt.Errorf("Cannot parse expression in require line: %v", err)
	}
	s, ok := e.Static()
	if !ok {
		return &RequireForwardDNS{Expr: &e}, nil
	}
	r := &RequireForwardDNS{}
	for _, w := range confWords(s) {
		name, _, comment := strings.Cut(w, "#")
		if name != "" {
			r.Names = append(r.Names, name)
		}
		if comment {
			break
		}
	}
	return r, nil
}

// IPSubnet is an address pattern as APR's apr_ipsubnet_t: an IPv4 or IPv6
// network and mask. Masks need not be contiguous ("10.0.0.0/255.0.255.0").
type IPSubnet struct {
	Text string     // as written
	Net  netip.Addr // the network address, with the bits outside Mask cleared
	Mask []byte     // 4 bytes for IPv4, 16 for IPv6
}

// Contains reports whether ip is in the subnet, as apr_ipsubnet_test: an
// IPv4 client (or an IPv4-mapped IPv6 one) matches only IPv4 subnets.
func (s IPSubnet) Contains(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.Is4() != s.Net.Is4() {
		return false
	}
	a, n := ip.AsSlice(), s.Net.AsSlice()
	for i := range a {
		if a[i]&s.Mask[i] != n[i] {
			return false
		}
	}
	return true
}

// The failures of apr_ipsubnet_create, with APR's messages.
var (
	errNotIP   = errors.New("not an IP address") // APR_EINVAL: maybe a host name
	errBadIP   = errors.New("The specified IP address is invalid.")
	errBadMask = errors.New("The specified network mask is invalid.")
)

// ParseIPSubnet parses an address and optional mask exactly as APR's
// apr_ipsubnet_create: a full IPv4 or IPv6 address, or without a mask a
// partial IPv4 network ("10.1", "10.1."); the mask is a bit count or a
// dotted IPv4 mask. An error is errNotIP when addr does not look like an
// address at all, else errBadIP or errBadMask.
func ParseIPSubnet(addr, mask string, hasMask bool) (IPSubnet, error) {
	if !looksLikeIP(addr) {
		return IPSubnet{}, errNotIP
	}
	var s IPSubnet
	if a, ok := inetPton6(addr); ok {
		if a.Is4In6() {
			return IPSubnet{}, errBadIP // APR refuses IPv4-mapped addresses
		}
		s.Net, s.Mask = a, fullMask(16)
	} else if a, ok := inetPton4(addr); ok {
		s.Net, s.Mask = a, fullMask(4)
	} else if hasMask {
		return IPSubnet{}, errBadIP
	} else if s, ok = parseNetwork(addr); !ok {
		return IPSubnet{}, errBadIP
	}
	if hasMask {
		m, ok := parseMask(mask, s.Net.Is4())
		if !ok {
			return IPSubnet{}, errBadMask
		}
		s.Mask = m
	}
	b := s.Net.AsSlice()
	for i := range b {
		b[i] &= s.Mask[i]
	}
	s.Net, _ = netip.AddrFromSlice(b)
	return s, nil
}

// looksLikeIP is APR's filter: anything with a ':' is meant as IPv6, and
// only digits and dots as IPv4.
func looksLikeIP(s string) bool {
	if s == "" {
		return false
	}
	return strings.Contains(s, ":") || strings.Trim(s, "0123456789.") == ""
}

func fullMask(n int) []byte {
	m := make([]byte, n)
	for i := range m {
		m[i] = 0xff
	}
	return m
}

// parseMask reads a bit count as strtol (leading blanks and a sign
// allowed) or, for IPv4, a dotted mask.
func parseMask(mask string, v4 bool) ([]byte, bool) {
	maxBits := 128
	if v4 {
		maxBits = 32
	}
	if bits, ok := strtol(mask); ok && bits > 0 && bits <= int64(maxBits) {
		m := make([]byte, maxBits/8)
		for i := range int(bits) {
			m[i/8] |= 0x80 >> (i % 8)
		}
		return m, true
	}
	if a, ok := inetPton4(mask); ok && v4 {
		return a.AsSlice(), true
	}
	return nil, false
}

// strtol parses s as C's strtol in base 10 and reports whether all of s
// was used; values beyond int64 saturate, as strtol's do.
func strtol(s string) (int64, bool) {
	t := strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if t != "" && (t[0] == '+' || t[0] == '-') {
		neg = t[0] == '-'
		t = t[1:]
	}
	digits := len(t) - len(strings.TrimLeft(t, "0123456789"))
	if digits == 0 {
		return 0, s == "" // no conversion: the end pointer is s itself
	}
	v, err := strconv.ParseInt(t[:digits], 10, 64)
	if err != nil {
		v = 1<<63 - 1
	}
	if neg {
		v = -v
	}
	return v, digits == len(t)
}

// parseNetwork reads APR's legacy partial IPv4 network: up to four
// dot-separated numbers, a trailing dot allowed ("10.1." is 10.1.0.0/16).
func parseNetwork(s string) (IPSubnet, bool) {
	if len(s) >= len("255.255.255.255") {
		return IPSubnet{}, false
	}
	var net, mask [4]byte
	for i := 0; s != ""; i++ {
		digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
		if digits == 0 || i > 3 {
			return IPSubnet{}, false
		}
		// atoi: the value wraps to C's int, and octets that wrap into
		// 0‥255 pass, as in APR.
		v, _ := strconv.ParseInt(s[:digits], 10, 64)
		octet := int32(v)
		if octet < 0 || octet > 255 {
			return IPSubnet{}, false
		}
		net[i], mask[i] = byte(octet), 0xff
		s = s[digits:]
		if s != "" {
			if s[0] != '.' {
				return IPSubnet{}, false
			}
			s = s[1:]
		}
	}
	return IPSubnet{Net: netip.AddrFrom4(net), Mask: mask[:]}, true
}

// inetPton4 is APR's inet_pton for IPv4: exactly four decimal numbers up
// to 255, leading zeros allowed.
func inetPton4(s string) (netip.Addr, bool) {
	var out [4]byte
	octets, sawDigit, val := 0, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case asciiDigit(c):
			val = val*10 + int(c-'0')
			if val > 255 {
				return netip.Addr{}, false
			}
			if !sawDigit {
				if octets++; octets > 4 {
					return netip.Addr{}, false
				}
				sawDigit = true
			}
			out[octets-1] = byte(val)
		case c == '.' && sawDigit:
			if octets == 4 {
				return netip.Addr{}, false
			}
			sawDigit, val = false, 0
		default:
			return netip.Addr{}, false
		}
	}
	if octets < 4 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4(out), true
}

// inetPton6 is APR's inet_pton for IPv6 (BIND's): groups of hex digits
// whose value fits 16 bits, one "::", an IPv4 tail; no zone.
func inetPton6(s string) (netip.Addr, bool) {
	var out [16]byte
	tp, colon := 0, -1
	if strings.HasPrefix(s, ":") {
		if !strings.HasPrefix(s, "::") {
			return netip.Addr{}, false
		}
		s = s[1:]
	}
	curtok, sawX, val := 0, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if h := strings.IndexByte("0123456789abcdef", asciiLower(c)); h >= 0 {
			if val = val<<4 | h; val > 0xffff {
				return netip.Addr{}, false
			}
			sawX = true
			continue
		}
		switch {
		case c == ':':
			curtok = i + 1
			if !sawX {
				if colon >= 0 {
					return netip.Addr{}, false
				}
				colon = tp
				continue
			}
			if tp+2 > 16 {
				return netip.Addr{}, false
			}
			out[tp], out[tp+1] = byte(val>>8), byte(val)
			tp, sawX, val = tp+2, false, 0
		case c == '.' && tp+4 <= 16:
			v4, ok := inetPton4(s[curtok:])
			if !ok {
				return netip.Addr{}, false
			}
			b := v4.As4()
			copy(out[tp:], b[:])
			tp, sawX = tp+4, false
			i = len(s)
		default:
			return netip.Addr{}, false
		}
	}
	if sawX {
		if tp+2 > 16 {
			return netip.Addr{}, false
		}
		out[tp], out[tp+1] = byte(val>>8), byte(val)
		tp += 2
	}
	if colon >= 0 {
		n := tp - colon
		copy(out[16-n:], out[colon:tp])
		clear(out[colon : 16-n])
		tp = 16
	}
	if tp != 16 {
		return netip.Addr{}, false
	}
	return netip.AddrFrom16(out), true
}

func asciiLower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
