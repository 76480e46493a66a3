package directives

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// AuthzConfig is mod_authz_core's per-directory config: the Require tree,
// AuthMerging and AuthzSendForbiddenOnFailure. A section without any of its
// directives inherits the enclosing one whole, as Apache creates the
// module's config only where one of them appears.
//
// How the merged DirConfig d answers "may this request, method M, go here",
// in Apache's order (ap_process_request_internal); HEAD counts as GET:
//
//  1. Access: d.Access.Allowed(M, client) applies Order/Allow/Deny
//     (mod_access_compat). With d.Access.Satisfy(M) == SatisfyAny, an
//     allowed client goes in now, without authentication. Otherwise
//     (SatisfyAll or unset) a refused client gets 403; with SatisfyAny a
//     refused one goes on to step 2.
//  2. Authorization before authentication: with no Requires, the request
//     goes in, unless d.Auth.Type is set (and not "None"): then 500
//     (AH01627). Otherwise Requires.Apply(M, check) with no user:
//     AuthzGranted goes in (no authentication, even with AuthType);
//     AuthzDenied and AuthzNeutral give 403 (AH01630); AuthzGeneralError
//     gives 500; AuthzDeniedNoUser goes on to step 3.
//  3. Authentication: with no AuthType (or "None") there is no user: 500
//     (AH00027). With "Basic", mod_auth_basic needs an AuthName (else 500,
//     AH01615), reads Authorization (Proxy-Authorization for a forward proxy
//     request), and tries d.Auth.BasicProviders (default "file") until one
//     knows the user: no or malformed credentials, an unknown user or a
//     wrong password give 401 with `WWW-Authenticate: Basic realm="<AuthName>"`;
//     a provider error gives 500. With AuthBasicAuthoritative Off, an unknown
//     user or a provider error passes to the next authentication module,
//     and with none left Apache answers 500 (AH01796). Any other AuthType
//     is 500 (AH01796).
//  4. Authorization with the user: Requires.Apply(M, check) again:
//     AuthzGranted goes in; AuthzDeniedNoUser gives 401 with
//     WWW-Authenticate; AuthzDenied and AuthzNeutral give the same 401, or
//     403 when SendForbiddenOnFailure is on; AuthzGeneralError gives 500.
//
// The check function evaluates one Require line's provider (RequireUser,
// RequireGroup, RequireIP, …) for the request; each provider type says what
// it answers.
type AuthzConfig struct {
	// Requires is the tree of Require lines and sections, nil when the
	// section has none. Its root is the implicit section Apache makes: a
	// RequireAny that is not negated.
	Requires *RequireSection
	// Merging is AuthMerging: how Requires combine with the enclosing
	// section's when both have some.
	Merging AuthMerging
	// SendForbiddenOnFailure is AuthzSendForbiddenOnFailure; unset is Off.
	SendForbiddenOnFailure *bool
}

// AuthMerging is AuthMerging's value.
type AuthMerging int

// The AuthMerging values; unset behaves as Off.
const (
	MergingUnset AuthMerging = iota
	MergingOff
	MergingAnd
	MergingOr
)

// RequireLogic is how a section combines its items: Apache's
// AUTHZ_LOGIC_AND (<RequireAll>) or AUTHZ_LOGIC_OR (<RequireAny>).
type RequireLogic int

// The two ways of combining; <RequireNone> is LogicOr negated.
const (
	LogicOr RequireLogic = iota
	LogicAnd
)

// RequireItem is a *RequireLine or a nested *RequireSection.
type RequireItem interface {
	limited() Methods
	negated() bool
	setNegated(bool)
}

// RequireSection is <RequireAll>, <RequireAny> or <RequireNone>, the
// implicit section around a directory's Require lines, or (Merged) the
// section AuthMerging And/Or makes of a parent's and a child's trees.
type RequireSection struct {
	Op     RequireLogic
	Negate bool // <RequireNone> is LogicOr negated
	Merged bool // made by AuthMerging (Apache's is_merged), for logs
	// Limit is the union of the items' methods: for any other method the
	// section is skipped, as a line would be.
	Limit Methods
	Items []RequireItem
	// File and Line are where the section starts; the implicit and the
	// merged sections have none.
	File string
	Line int
}

// RequireLine is one Require directive.
type RequireLine struct {
	Negate bool   // "Require not …"
	Name   string // the provider name, as written (case-sensitive)
	Args   string // the text after the name, for logs
	// Limit is the methods of the enclosing <Limit>/<LimitExcept> (every
	// method outside them): for any other method the line is skipped.
	// HEAD is written as GET, as in Apache's method numbers.
	Limit Methods
	// Provider is the parsed arguments, one of the Require* provider types.
	Provider RequireProvider
	File     string
	Line     int
}

// RequireProvider is the parsed form of a Require line's arguments:
// *RequireAll, *RequireEnv, *RequireMethod, *RequireUser,
// *RequireValidUser, *RequireGroup, *RequireFileGroup, *RequireIP,
// *RequireHost, *RequireForwardDNS or *RequireLocal. Each answers
// AuthzGranted when its condition holds and AuthzDenied otherwise; those
// about the user answer AuthzDeniedNoUser while there is none, which makes
// Apache authenticate and ask again.
type RequireProvider interface{ requireProvider() }

// RequireAll is "Require all granted" or "Require all denied".
type RequireAll struct{ Granted bool }

// RequireEnv is "Require env": granted when one of these variables is set
// in the request's environment (SetEnvIf and the like; names compare
// case-insensitively, as in APR tables).
type RequireEnv struct{ Vars []string }

// RequireMethod is "Require method": granted when the request's method is
// one of these (HEAD written as GET).
type RequireMethod struct{ Methods Methods }

func (*RequireAll) requireProvider()    {}
func (*RequireEnv) requireProvider()    {}
func (*RequireMethod) requireProvider() {}

func (s *RequireSection) limited() Methods  { return s.Limit }
func (s *RequireSection) negated() bool     { return s.Negate }
func (s *RequireSection) setNegated(n bool) { s.Negate = n }
func (l *RequireLine) limited() Methods     { return l.Limit }
func (l *RequireLine) negated() bool        { return l.Negate }
func (l *RequireLine) setNegated(n bool)    { l.Negate = n }

// String names the section as Apache's logs do ("<RequireAll>",
// "AuthMerging Any" …).
func (s *RequireSection) String() string {
	var kind string
	switch {
	case s.Op == LogicAnd && s.Negate:
		kind = "NotAll"
	case s.Op == LogicAnd:
		kind = "All"
	case s.Negate:
		kind = "None"
	default:
		kind = "Any"
	}
	if s.Merged {
		return "AuthMerging " + kind
	}
	return "<Require" + kind + ">"
}

// String is the line as Apache's logs show it.
func (l *RequireLine) String() string {
	not := ""
	if l.Negate {
		not = "not "
	}
	return "Require " + not + l.Name + " " + l.Args
}

// AuthzStatus is a verdict of a provider or section (Apache's authz_status).
type AuthzStatus int

// The verdicts.
const (
	AuthzDenied AuthzStatus = iota
	AuthzGranted
	AuthzNeutral
	AuthzGeneralError
	AuthzDeniedNoUser // a user might be granted: authenticate first
)

// String is the verdict as Apache's debug log names it.
func (s AuthzStatus) String() string {
	switch s {
	case AuthzDenied:
		return "denied"
	case AuthzGranted:
		return "granted"
	case AuthzDeniedNoUser:
		return "denied (no authenticated user yet)"
	case AuthzGeneralError:
		return "general error"
	}
	return "neutral"
}

// Apply evaluates the tree for a request with the given method as Apache's
// apply_authz_sections does, calling check for each line that applies.
func (s *RequireSection) Apply(method string, check func(*RequireLine) AuthzStatus) AuthzStatus {
	return applyRequire(s, method, LogicAnd, check)
}

func applyRequire(item RequireItem, method string, parent RequireLogic, check func(*RequireLine) AuthzStatus) AuthzStatus {
	if !item.limited().Has(method) {
		if parent == LogicAnd {
			return AuthzGranted
		}
		return AuthzNeutral
	}
	var res AuthzStatus
	switch it := item.(type) {
	case *RequireLine:
		res = check(it)
	case *RequireSection:
		res = applyItems(it, method, check)
		if res == AuthzGeneralError {
			return res
		}
	}
	if item.negated() {
		switch res {
		case AuthzGranted:
			res = AuthzDenied
		case AuthzDenied, AuthzDeniedNoUser:
			res = AuthzNeutral // not being refused is no reason to grant
		}
	}
	return res
}

func applyItems(s *RequireSection, method string, check func(*RequireLine) AuthzStatus) AuthzStatus {
	res := AuthzNeutral
	for _, child := range s.Items {
		r := applyRequire(child, method, s.Op, check)
		switch {
		case r == AuthzGeneralError:
			return r
		case r == AuthzNeutral:
		case s.Op == LogicAnd:
			if r == AuthzDenied {
				return r
			}
			if r == AuthzDeniedNoUser && res != AuthzDenied || res == AuthzNeutral {
				res = r
			}
		default:
			if r == AuthzGranted {
				return r
			}
			if r == AuthzDeniedNoUser && res == AuthzDenied || res == AuthzNeutral {
				res = r
			}
		}
	}
	return res
}

// merge follows merge_authz_core_dir_config: a section that sets nothing
// inherits; one that only sets SendForbiddenOnFailure keeps the parent's
// Requires; with AuthMerging unset or Off the section's Requires replace
// the parent's; with And/Or both trees become the two items of a merged
// section.
func (d *AuthzConfig) merge(parent *AuthzConfig) AuthzConfig {
	if d.Requires == nil && d.Merging == MergingUnset && d.SendForbiddenOnFailure == nil {
		return *parent
	}
	var out AuthzConfig
	switch {
	case d.Merging == MergingUnset && d.Requires == nil && parent.Requires != nil:
		out = *parent
	case d.Merging == MergingOff || d.Merging == MergingUnset || parent.Requires == nil && d.Requires == nil:
		out = *d
	default:
		out = AuthzConfig{Requires: parent.Requires, Merging: d.Merging}
		if parent.Requires == nil {
			out.Requires = d.Requires
		} else if d.Requires != nil {
			op := LogicOr
			if d.Merging == MergingAnd {
				op = LogicAnd
			}
			out.Requires = &RequireSection{Op: op, Merged: true,
				Limit: unionMethods(parent.Requires.Limit, d.Requires.Limit),
				Items: []RequireItem{parent.Requires, d.Requires}}
		}
	}
	out.SendForbiddenOnFailure = parent.SendForbiddenOnFailure
	if d.SendForbiddenOnFailure != nil {
		out.SendForbiddenOnFailure = d.SendForbiddenOnFailure
	}
	return out
}

// authzProvider is one name Require accepts: the module registering it and
// the parser of its arguments (nil for providers gohttpd does not
// implement).
type authzProvider struct {
	module string
	parse  func(c *Cmd, args string) (RequireProvider, error)
}

var authzProviders = map[string]authzProvider{}

// registerAuthzProvider registers a Require provider of a module, as the
// module's register_hooks does in Apache; it exists only while the module
// is loaded.
func registerAuthzProvider(name, module string, parse func(c *Cmd, args string) (RequireProvider, error)) {
	authzProviders[name] = authzProvider{module: module, parse: parse}
}

func init() {
	register(&Module{Name: "authz_core_module", Source: "mod_authz_core.c", Commands: []*Command{
		{Name: "<AuthzProviderAlias", How: RawArgs, Where: RsrcConf, Run: providerAliasSection},
		{Name: "Require", How: RawArgs, Where: OrAuthCfg, Run: addRequire},
		{Name: "<RequireAll", How: RawArgs, Where: OrAuthCfg, Run: requireSection(LogicAnd, false)},
		{Name: "<RequireAny", How: RawArgs, Where: OrAuthCfg, Run: requireSection(LogicOr, false)},
		{Name: "<RequireNone", How: RawArgs, Where: OrAuthCfg, Run: requireSection(LogicOr, true)},
		{Name: "AuthMerging", How: Take1, Where: OrAuthCfg, Run: setAuthMerging,
			Usage: "controls how a <Directory>, <Location>, or similar directive's authorization directives are combined with those of its predecessor"},
		{Name: "AuthzSendForbiddenOnFailure", How: Flag, Where: OrAuthCfg, Run: setSendForbiddenOnFailure,
			Usage: "Controls if an authorization failure should result in a '403 FORBIDDEN' response instead of the HTTP-conforming '401 UNAUTHORIZED'"},
	}})
	registerAuthzProvider("all", "authz_core_module", parseRequireAll)
	registerAuthzProvider("env", "authz_core_module", func(_ *Cmd, args string) (RequireProvider, error) {
		return &RequireEnv{Vars: confWords(args)}, nil
	})
	registerAuthzProvider("method", "authz_core_module", parseRequireMethod)
	for name, module := range map[string]string{
		"expr":      "authz_core_module",
		"dbm-group": "authz_dbm_module", "dbm-file-group": "authz_dbm_module",
		"file-owner": "authz_owner_module",
		"dbd-group":  "authz_dbd_module", "dbd-login": "authz_dbd_module", "dbd-logout": "authz_dbd_module",
		"ldap-user": "authnz_ldap_module", "ldap-group": "authnz_ldap_module", "ldap-dn": "authnz_ldap_module",
		"ldap-attribute": "authnz_ldap_module", "ldap-filter": "authnz_ldap_module",
		"ssl": "ssl_module", "ssl-verify-client": "ssl_module",
	} {
		registerAuthzProvider(name, module, nil)
	}
}

// addRequire adds a Require line to the current section: the implicit one
// (made now if needed) or the enclosing <RequireAll>/<RequireAny>/<RequireNone>.
func addRequire(c *Cmd, args []string) error {
	line := &RequireLine{File: c.Directive.File, Line: c.Directive.Line, Limit: cleanLimit(c.Limit)}
	name, rest := parser.FirstWord(args[0])
	if strings.EqualFold(name, "not") {
		name, rest = parser.FirstWord(rest)
		line.Negate = true
	}
	line.Name, line.Args = name, rest
	p, ok := authzProviders[name]
	if !ok || !c.ModuleLoaded(p.module) {
		return fmt.Errorf("Unknown Authz provider: %s", name)
	}
	if p.parse == nil {
		return fmt.Errorf("Require %s: the '%s' Authz provider of %s is not implemented by gohttpd", name, name, p.module)
	}
	var err error
	if line.Provider, err = p.parse(c, rest); err != nil {
		return err
	}
	az := &c.Dir.Authz
	if az.Requires == nil {
		az.Requires = &RequireSection{Op: LogicOr}
	}
	sec := az.Requires
	if line.Negate && sec.Op == LogicOr {
		return fmt.Errorf("negative %s directive has no effect in %s directive", c.Command.Name, sec)
	}
	sec.Limit = unionMethods(sec.Limit, line.Limit)
	sec.Items = append(sec.Items, line)
	return nil
}

// authzSectionMethod is a method no request has. Apache runs a
// <RequireAll>'s body with one method bit cleared so that directives
// refusing <Limit> refuse it too; excluding this name does the same, and
// cleanLimit removes it again from what the lines record.
const authzSectionMethod = "\x00<Require>"

// requireSection runs <RequireAll>, <RequireAny> and <RequireNone> as
// Apache's add_authz_section: the body's lines go into a new section,
// which then joins the enclosing one (spliced in when it combines the same
// way, as the logic is associative).
func requireSection(op RequireLogic, negate bool) func(c *Cmd, _ []string) error {
	return func(c *Cmd, _ []string) error {
		raw, ok := c.Directive.SectionArgs()
		if !ok {
			return errors.New(c.Command.Name + "> directive missing closing '>'")
		}
		if raw != "" {
			return errors.New(c.Command.Name + "> directive doesn't take additional arguments")
		}
		sec := &RequireSection{Op: op, Negate: negate, File: c.Directive.File, Line: c.Directive.Line}
		az := &c.Dir.Authz
		outer := az.Requires
		az.Requires = sec
		limit := c.Limit.Intersect(Methods{Except: true, Names: []string{authzSectionMethod}})
		err := c.Walk(c.Directive.Children, c.Server, c.Dir, nil, limit, OrAuthCfg)
		az.Requires = outer
		if err != nil {
			return err
		}
		if len(sec.Items) == 0 {
			return fmt.Errorf("%s directive contains no authorization directives", sec)
		}
		if outer == nil {
			outer = &RequireSection{Op: LogicOr}
			az.Requires = outer
		}
		if sec.Negate && outer.Op == LogicOr {
			return fmt.Errorf("%s directive has no effect in %s directive", sec, outer)
		}
		outer.Limit = unionMethods(outer.Limit, sec.Limit)
		added := []RequireItem{sec}
		if !sec.Negate && sec.Op == outer.Op {
			added = sec.Items
		}
		outer.Items = append(outer.Items, added...)
		if insideRequireSection(c.Directive) {
			return nil
		}
		for _, item := range added {
			if s, ok := item.(*RequireSection); ok {
				if err := checkRequireSection(s); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// insideRequireSection reports whether d lies in a <RequireAll>,
// <RequireAny> or <RequireNone>.
func insideRequireSection(d *parser.Directive) bool {
	for p := d.Parent; p != nil; p = p.Parent {
		switch strings.ToLower(p.Name) {
		case "<requireall", "<requireany", "<requirenone":
			return true
		}
	}
	return false
}

// checkRequireSection is Apache's start-up check of a finished section
// (authz_core_check_section): a negated subsection that combines the other
// way is replaced by its items negated (De Morgan), and a section must
// hold at least one item that is not negated. Apache reports this after
// reading the whole config, without a line (AH01624, then AH00014).
func checkRequireSection(s *RequireSection) error {
	for i := 0; i < len(s.Items); i++ {
		sub, ok := s.Items[i].(*RequireSection)
		if !ok || len(sub.Items) == 0 {
			continue
		}
		if err := checkRequireSection(sub); err != nil {
			return err
		}
		if sub.Negate && sub.Op != s.Op {
			for _, it := range sub.Items {
				it.setNegated(!it.negated())
			}
			s.Items = slices.Concat(s.Items[:i], sub.Items, s.Items[i+1:])
			i += len(sub.Items) - 1
		}
	}
	for _, it := range s.Items {
		if !it.negated() {
			return nil
		}
	}
	return fmt.Errorf("AH01624: %s directive contains only negative authorization directives", s)
}

func parseRequireAll(_ *Cmd, args string) (RequireProvider, error) {
	switch {
	case strings.EqualFold(args, "granted"):
		return &RequireAll{Granted: true}, nil
	case strings.EqualFold(args, "denied"):
		return &RequireAll{}, nil
	}
	return nil, errors.New("Argument for 'Require all' must be 'granted' or 'denied'")
}

func parseRequireMethod(c *Cmd, args string) (RequireProvider, error) {
	m := &RequireMethod{}
	for _, w := range confWords(args) {
		if !knownMethod(c, w) {
			return nil, fmt.Errorf("Invalid Method '%s'", w)
		}
		if w == "HEAD" {
			w = "GET"
		}
		if !slices.Contains(m.Methods.Names, w) {
			m.Methods.Names = append(m.Methods.Names, w)
		}
	}
	return m, nil
}

// builtinMethods are the methods Apache knows by number from the start
// (ap_method_registry_init); names are case-sensitive.
var builtinMethods = []string{
	"GET", "HEAD", "PUT", "POST", "DELETE", "CONNECT", "OPTIONS", "TRACE",
	"PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
	"UNLOCK", "VERSION-CONTROL", "CHECKOUT", "UNCHECKOUT", "CHECKIN",
	"UPDATE", "LABEL", "REPORT", "MKWORKSPACE", "MKACTIVITY",
	"BASELINE-CONTROL", "MERGE",
}

// knownMethod reports whether Apache's ap_method_number_of knows m: a
// built-in method, or one a <Limit> registered. Only the enclosing <Limit>
// is seen here; a method only an earlier, unrelated <Limit> registered is
// refused, where Apache would accept it.
func knownMethod(c *Cmd, m string) bool {
	return slices.Contains(builtinMethods, m) || !c.Limit.Except && slices.Contains(c.Limit.Names, m)
}

func setAuthMerging(c *Cmd, args []string) error {
	switch strings.ToLower(args[0]) {
	case "off":
		c.Dir.Authz.Merging = MergingOff
	case "and":
		c.Dir.Authz.Merging = MergingAnd
	case "or":
		c.Dir.Authz.Merging = MergingOr
	default:
		return errors.New(c.Command.Name + " must be one of: Off | And | Or")
	}
	return nil
}

func setSendForbiddenOnFailure(c *Cmd, args []string) error {
	on := args[0] == "on"
	c.Dir.Authz.SendForbiddenOnFailure = &on
	return nil
}

// cleanLimit returns the methods a directive records from c.Limit: without
// the marker of Require sections, HEAD written as GET (Apache gives both
// one number).
func cleanLimit(m Methods) Methods {
	out := Methods{Except: m.Except}
	for _, n := range m.Names {
		if n == authzSectionMethod {
			continue
		}
		if n == "HEAD" {
			n = "GET"
		}
		if !slices.Contains(out.Names, n) {
			out.Names = append(out.Names, n)
		}
	}
	return out
}

// unionMethods returns the methods in a or b (Apache ORs method masks).
func unionMethods(a, b Methods) Methods {
	switch {
	case !a.Except && !b.Except:
		names := slices.Clone(a.Names)
		for _, n := range b.Names {
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
		return Methods{Names: names}
	case a.Except && b.Except:
		return Methods{Except: true, Names: filter(a.Names, func(n string) bool { return slices.Contains(b.Names, n) })}
	case !a.Except:
		a, b = b, a
	}
	return Methods{Except: true, Names: filter(a.Names, func(n string) bool { return !slices.Contains(b.Names, n) })}
}
