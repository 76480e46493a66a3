package directives

import (
	"net/netip"
	"testing"
)

// The verdicts and messages were checked against Apache 2.4's apache2 -t
// (APR 1.7), through "Require ip" and "Allow from".
func TestParseIPSubnet(t *testing.T) {
	tests := []struct {
		in   string
		net  string // the network address, "" for an error
		mask string // the mask as an address
		err  error
	}{
		{"10.1.2.3", "10.1.2.3", "255.255.255.255", nil},
		{"010.1.1.1", "10.1.1.1", "255.255.255.255", nil}, // leading zeros are decimal
		{"10.1", "10.1.0.0", "255.255.0.0", nil},
		{"10.", "10.0.0.0", "255.0.0.0", nil},
		{"1.2.3.4.", "1.2.3.4", "255.255.255.255", nil},
		{"4294967296", "0.0.0.0", "255.0.0.0", nil}, // atoi wraps, as in APR
		{"1.2.3.4/255.0.255.0", "1.0.3.0", "255.0.255.0", nil},
		{"1.2.3.4/+8", "1.0.0.0", "255.0.0.0", nil},
		{"1.2.3.4/ 8", "1.0.0.0", "255.0.0.0", nil},
		{"1.2.3.4/32", "1.2.3.4", "255.255.255.255", nil},
		{"fe80::1/10", "fe80::", "ffc0::", nil},
		{"00001::", "1::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil},
		{"::1.2.3.4", "::102:304", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil},
		{"::", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil},
		{"foo", "", "", errNotIP},
		{"", "", "", errNotIP},
		{"fe80::1%eth0", "", "", errBadIP},
		{"::ffff:1.2.3.4", "", "", errBadIP},
		{"10.1/8", "", "", errBadIP},
		{"1.2.3.400", "", "", errBadIP},
		{"1.2.3.4.5", "", "", errBadIP},
		{"10..1", "", "", errBadIP},
		{"1234567890123456", "", "", errBadIP},
		{"1:", "", "", errBadIP},
		{":1", "", "", errBadIP},
		{"1::2::3", "", "", errBadIP},
		{"1:2:3:4:5:6:7:1.2.3.4", "", "", errBadIP},
		{"1.2.3.4/40", "", "", errBadMask},
		{"1.2.3.4/0", "", "", errBadMask},
		{"1.2.3.4/", "", "", errBadMask},
		{"1.2.3.4/8x", "", "", errBadMask},
		{"1.2.3.4/-8", "", "", errBadMask},
		{"::1/255.0.0.0", "", "", errBadMask},
		{"::1/129", "", "", errBadMask},
	}
	for _, tt := range tests {
		addr, mask, hasMask := cutSlash(tt.in)
		s, err := ParseIPSubnet(addr, mask, hasMask)
		if err != tt.err {
			t.Errorf("%q: error %v, want %v", tt.in, err, tt.err)
			continue
		}
		if err != nil {
			continue
		}
		m, _ := netip.AddrFromSlice(s.Mask)
		if s.Net.String() != tt.net || m.String() != tt.mask {
			t.Errorf("%q: %v mask %v, want %s mask %s", tt.in, s.Net, m, tt.net, tt.mask)
		}
	}
}

func cutSlash(s string) (string, string, bool) {
	for i := range len(s) {
		if s[i] == '/' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

func TestIPSubnetContains(t *testing.T) {
	tests := []struct {
		subnet, ip string
		want       bool
	}{
		{"10.1", "10.1.200.3", true},
		{"10.1", "10.2.0.1", false},
		{"10.1", "::ffff:10.1.0.1", true}, // a mapped client matches IPv4 subnets
		{"1.2.3.4/255.0.255.0", "1.9.3.9", true},
		{"fe80::/10", "fe80::1234", true},
		{"::1", "127.0.0.1", false},
		{"0.0.0.0/1", "::1", false},
	}
	for _, tt := range tests {
		addr, mask, hasMask := cutSlash(tt.subnet)
		s, err := ParseIPSubnet(addr, mask, hasMask)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Contains(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("%s contains %s: %v, want %v", tt.subnet, tt.ip, got, tt.want)
		}
		if s.Contains(netip.Addr{}) {
			t.Errorf("%s contains a client without an address", tt.subnet)
		}
	}
}

func TestAuthzHostErrors(t *testing.T) {
	loc := func(body string) string { return "<Location />\n" + body + "</Location>\n" }
	checkAuthErrors(t, []authErrorTest{
		{name: "ip without argument", conf: loc("Require ip\n"), line: 2, msg: "'require ip' requires an argument"},
		{name: "ip that is a name", conf: loc("Require ip foo\n"), line: 2, msg: "ip address 'foo' appears to be invalid"},
		{name: "bad ip", conf: loc("Require ip 10.0.0.1 1.2.3.400\n"), line: 2,
			msg: "ip address '1.2.3.400' appears to be invalid: The specified IP address is invalid."},
		{name: "bad mask", conf: loc("Require ip 1.2.3.4/40\n"), line: 2,
			msg: "ip address '1.2.3.4/40' appears to be invalid: The specified network mask is invalid."},
		{name: "host list expression", conf: loc("Require host %{y}\n"), line: 2,
			msg: "Cannot parse expression in require line: Variable 'y' does not exist"},
		{name: "forward-dns list expression", conf: loc("Require forward-dns %{y}\n"), line: 2,
			msg: "Cannot parse expression in require line: Variable 'y' does not exist"},
	})
}
