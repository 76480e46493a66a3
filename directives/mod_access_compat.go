package directives

import (
	"errors"
	"fmt"
	"strings"
)

// AccessConfig is mod_access_compat's per-directory config: Order, Allow,
// Deny and Satisfy, each recorded with the methods of its <Limit>. The
// module has no merger, so a section with any of these directives replaces
// the enclosing config whole (defaults and all), and one without inherits
// it whole.
type AccessConfig struct {
	Orders    []OrderRule   // Order directives, in config order
	Allow     []AccessRule  // Allow from …, in config order
	Deny      []AccessRule  // Deny from …, in config order
	Satisfies []SatisfyRule // Satisfy directives, in config order
}

// AccessOrder is Order's value.
type AccessOrder int

// The orders; DenyThenAllow is the default.
const (
	DenyThenAllow AccessOrder = iota // "deny,allow": allowed unless denied and not allowed
	AllowThenDeny                    // "allow,deny": refused unless allowed and not denied
	MutualFailure                    // allowed only if allowed and not denied
)

// OrderRule is one Order directive, for the methods it was given in.
type OrderRule struct {
	Order AccessOrder
	Limit Methods
}

// Satisfy is Satisfy's value for a method.
type Satisfy int

// The Satisfy values; unset behaves as SatisfyAll.
const (
	SatisfyNoSpec Satisfy = iota
	SatisfyAll
	SatisfyAny
)

// SatisfyRule is one Satisfy directive, for the methods it was given in.
type SatisfyRule struct {
	Satisfy Satisfy
	Limit   Methods
}

// AccessFrom is what an Allow or Deny rule matches.
type AccessFrom int

// The kinds of Allow/Deny arguments.
const (
	FromAll    AccessFrom = iota // "all"
	FromEnv                      // "env=VAR": VAR is set (names compare case-insensitively)
	FromNotEnv                   // "env=!VAR": VAR is not set
	FromIP                       // an address, partial address or subnet
	FromHost                     // a host name or domain (double reverse DNS)
)

// AccessRule is one argument of an Allow from or Deny from directive.
type AccessRule struct {
	From   AccessFrom
	Text   string   // as written
	Env    string   // for FromEnv and FromNotEnv
	Subnet IPSubnet // for FromIP
	// Host is for FromHost: it matches a client host name equal to it, or
	// ending with it where it starts with ".", or ending with "." and it
	// (case-insensitively). A client without a verified host name matches
	// no host rule.
	Host  string
	Limit Methods
}

// Order returns the order that applies to method.
func (a *AccessConfig) Order(method string) AccessOrder {
	o := DenyThenAllow
	for _, r := range a.Orders {
		if r.Limit.Has(method) {
			o = r.Order
		}
	}
	return o
}

// Satisfy returns the Satisfy setting that applies to method.
func (a *AccessConfig) Satisfy(method string) Satisfy {
	s := SatisfyNoSpec
	for _, r := range a.Satisfies {
		if r.Limit.Has(method) {
			s = r.Satisfy
		}
	}
	return s
}

// Allowed answers mod_access_compat's access check for a request with
// method: matches reports whether a rule matches the client (its address,
// verified host name, environment). Rules of other methods are skipped.
func (a *AccessConfig) Allowed(method string, matches func(*AccessRule) bool) bool {
	find := func(rules []AccessRule) bool {
		for i := range rules {
			if rules[i].Limit.Has(method) && matches(&rules[i]) {
				return true
			}
		}
		return false
	}
	if a.Order(method) == DenyThenAllow {
		return !find(a.Deny) || find(a.Allow)
	}
	// allow,deny and mutual-failure come to the same verdict.
	return find(a.Allow) && !find(a.Deny)
}

func (d *AccessConfig) set() bool {
	return len(d.Orders)+len(d.Allow)+len(d.Deny)+len(d.Satisfies) > 0
}

func (d *AccessConfig) merge(parent *AccessConfig) AccessConfig {
	if d.set() {
		return *d
	}
	return *parent
}

func init() {
	usage := "'from' followed by hostnames or IP-address wildcards"
	register(&Module{Name: "access_compat_module", Source: "mod_access_compat.c", Commands: []*Command{
		{Name: "order", How: Take1, Where: OrLimit, Run: setOrder,
			Usage: "'allow,deny', 'deny,allow', or 'mutual-failure'"},
		{Name: "allow", How: Iterate2, Where: OrLimit, Run: addAccessRule(true), Usage: usage},
		{Name: "deny", How: Iterate2, Where: OrLimit, Run: addAccessRule(false), Usage: usage},
		{Name: "Satisfy", How: Take1, Where: OrAuthCfg, Run: setSatisfy,
			Usage: "access policy if both allow and require used ('all' or 'any')"},
	}})
}

func setOrder(c *Cmd, args []string) error {
	var o AccessOrder
	switch strings.ToLower(args[0]) {
	case "allow,deny":
		o = AllowThenDeny
	case "deny,allow":
		o = DenyThenAllow
	case "mutual-failure":
		o = MutualFailure
	default:
		return errors.New("unknown order")
	}
	c.Dir.Access.Orders = append(c.Dir.Access.Orders, OrderRule{Order: o, Limit: cleanLimit(c.Limit)})
	return nil
}

func setSatisfy(c *Cmd, args []string) error {
	var s Satisfy
	switch strings.ToLower(args[0]) {
	case "all":
		s = SatisfyAll
	case "any":
		s = SatisfyAny
	default:
		return errors.New("Satisfy either 'any' or 'all'.")
	}
	c.Dir.Access.Satisfies = append(c.Dir.Access.Satisfies, SatisfyRule{Satisfy: s, Limit: cleanLimit(c.Limit)})
	return nil
}

// addAccessRule runs Allow or Deny for one word after "from", as Apache's
// allow_cmd.
func addAccessRule(allow bool) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		if !strings.EqualFold(args[0], "from") {
			return errors.New("allow and deny must be followed by 'from'")
		}
		r, err := parseAccessRule(args[1])
		if err != nil {
			return err
		}
		r.Limit = cleanLimit(c.Limit)
		if allow {
			c.Dir.Access.Allow = append(c.Dir.Access.Allow, r)
		} else {
			c.Dir.Access.Deny = append(c.Dir.Access.Deny, r)
		}
		return nil
	}
}

func parseAccessRule(where string) (AccessRule, error) {
	r := AccessRule{Text: where}
	lower := strings.ToLower(where)
	switch {
	case strings.HasPrefix(lower, "env=!"):
		r.From, r.Env = FromNotEnv, where[5:]
		return r, nil
	case strings.HasPrefix(lower, "env="):
		r.From, r.Env = FromEnv, where[4:]
		return r, nil
	case lower == "all":
		r.From = FromAll
		return r, nil
	}
	addr, mask, hasMask := strings.Cut(where, "/")
	s, err := ParseIPSubnet(addr, mask, hasMask)
	switch {
	case err == nil:
		s.Text = where
		r.From, r.Subnet = FromIP, s
		return r, nil
	case hasMask && errors.Is(err, errNotIP):
		return r, errors.New("An IP address was expected")
	case !errors.Is(err, errNotIP):
		return r, fmt.Errorf("%v", err)
	case strings.Contains(where, "#"):
		return r, errors.New("No comments are allowed here")
	}
	r.From, r.Host = FromHost, where
	return r, nil
}
