package directives

import (
	"net/netip"
	"reflect"
	"testing"
)

// The messages were checked against Apache 2.4's apache2 -t.
func TestAccessCompatErrors(t *testing.T) {
	loc := func(body string) string { return "<Location />\n" + body + "</Location>\n" }
	usage := "allow requires at least two arguments, 'from' followed by hostnames or IP-address wildcards"
	checkAuthErrors(t, []authErrorTest{
		{name: "unknown order", conf: loc("Order foo\n"), line: 2, msg: "unknown order"},
		{name: "order at server level", conf: "Order allow,deny\n", line: 1, msg: "order not allowed here"},
		{name: "allow without from", conf: loc("Allow 1.2.3.4\n"), line: 2, msg: usage},
		{name: "allow from nothing", conf: loc("Allow from\n"), line: 2, msg: usage},
		{name: "deny by", conf: loc("Allow From all\nDeny by all\n"), line: 3, msg: "allow and deny must be followed by 'from'"},
		{name: "name with a mask", conf: loc("Allow from foo/8\n"), line: 2, msg: "An IP address was expected"},
		{name: "comment", conf: loc("Allow from foo#bar\n"), line: 2, msg: "No comments are allowed here"},
		{name: "bad address", conf: loc("Allow from 1.2.3.400\n"), line: 2, msg: "The specified IP address is invalid."},
		{name: "empty mask", conf: loc("Deny from 1.2.3.4/\n"), line: 2, msg: "The specified network mask is invalid."},
		{name: "satisfy value", conf: loc("Satisfy foo\n"), line: 2, msg: "Satisfy either 'any' or 'all'."},
		{name: "satisfy at server level", conf: "Satisfy any\n", line: 1, msg: "Satisfy not allowed here"},
		{name: "satisfy without argument", conf: loc("Satisfy\n"), line: 2,
			msg: "Satisfy takes one argument, access policy if both allow and require used ('all' or 'any')"},
	})
}

func TestAccessModel(t *testing.T) {
	cfg := loadAuth(t, `<Directory /srv>
  Order Allow,Deny
  Allow from 10.1 env=OK env=!BAD all .example.org
  <Limit POST>
    Order deny,allow
    Deny from 192.168.0.0/16
    Satisfy Any
  </Limit>
</Directory>
<Directory /srv/sub>
  Satisfy all
</Directory>
`)
	a := &cfg.Main.Sections[0].Dir.Access
	var kinds []AccessFrom
	for _, r := range a.Allow {
		kinds = append(kinds, r.From)
	}
	if want := []AccessFrom{FromIP, FromEnv, FromNotEnv, FromAll, FromHost}; !reflect.DeepEqual(kinds, want) {
		t.Errorf("allow kinds %v, want %v", kinds, want)
	}
	if a.Allow[1].Env != "OK" || a.Allow[2].Env != "BAD" || a.Allow[4].Host != ".example.org" {
		t.Errorf("allow rules %+v", a.Allow)
	}
	if a.Order("GET") != AllowThenDeny || a.Order("POST") != DenyThenAllow {
		t.Errorf("orders GET %v POST %v", a.Order("GET"), a.Order("POST"))
	}
	if a.Satisfy("GET") != SatisfyNoSpec || a.Satisfy("POST") != SatisfyAny {
		t.Errorf("satisfy GET %v POST %v", a.Satisfy("GET"), a.Satisfy("POST"))
	}
	if !a.Deny[0].Limit.Equal(Methods{Names: []string{"POST"}}) {
		t.Errorf("deny limit %v", a.Deny[0].Limit)
	}
	// A section with any mod_access_compat directive starts afresh.
	sub := cfg.Main.Sections[1].Dir.Merge(cfg.Main.Sections[0].Dir).Access
	if len(sub.Allow) != 0 || sub.Order("GET") != DenyThenAllow || sub.Satisfy("POST") != SatisfyAll {
		t.Errorf("sub-directory access %+v", sub)
	}
	// One without inherits.
	if got := (&AccessConfig{}).merge(a); !reflect.DeepEqual(got, *a) {
		t.Errorf("inherited %+v", got)
	}
}

func TestAccessAllowed(t *testing.T) {
	ip := netip.MustParseAddr("10.1.2.3")
	matches := func(r *AccessRule) bool {
		return r.From == FromAll || r.From == FromIP && r.Subnet.Contains(ip)
	}
	rule := func(text string) AccessRule {
		r, err := parseAccessRule(text)
		if err != nil {
			t.Fatal(err)
		}
		r.Limit = AllMethods
		return r
	}
	order := func(o AccessOrder) []OrderRule { return []OrderRule{{Order: o, Limit: AllMethods}} }
	tests := []struct {
		name string
		a    AccessConfig
		want bool
	}{
		{"nothing configured", AccessConfig{}, true},
		{"allow,deny with no allow", AccessConfig{Orders: order(AllowThenDeny)}, false},
		{"allow,deny allowed and denied", AccessConfig{Orders: order(AllowThenDeny),
			Allow: []AccessRule{rule("10.1")}, Deny: []AccessRule{rule("all")}}, false},
		{"deny,allow denied and allowed", AccessConfig{Orders: order(DenyThenAllow),
			Allow: []AccessRule{rule("10.1")}, Deny: []AccessRule{rule("all")}}, true},
		{"mutual-failure", AccessConfig{Orders: order(MutualFailure), Allow: []AccessRule{rule("10.0.0.0/8")}}, true},
		{"deny,allow denied", AccessConfig{Deny: []AccessRule{rule("10.1.2.3")}}, false},
	}
	for _, tt := range tests {
		if got := tt.a.Allowed("GET", matches); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
