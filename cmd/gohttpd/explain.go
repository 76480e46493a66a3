package main

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/route"
)

// probeMethods are the methods explain asks about; otherMethod stands for
// every method no <Limit> names, as a made-up one does.
var probeMethods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", otherMethod}

const otherMethod = "X-ANY-OTHER"

// explain prints, per virtual host and location, who may use each method
// and where the request goes, then warns of methods that reach a backend
// without authentication while others need it.
func explain(cfg *directives.Config, w io.Writer) {
	servers := append([]*directives.Server{cfg.Main}, cfg.VirtualHosts...)
	var warnings []string
	for _, s := range servers {
		fmt.Fprintln(w, serverTitle(cfg, s))
		var main *directives.Server
		sections := s.Sections
		if s.Virtual {
			main = cfg.Main
			sections = slices.Concat(cfg.Main.Sections, s.Sections)
		}
		router, err := route.New(s, main)
		if err != nil {
			fmt.Fprintf(w, "  cannot map requests: %v\n", err)
			continue
		}
		places := []place{{title: "any other path", path: "/.any-other-path"}}
		for _, sec := range sections {
			if sec.Kind == directives.LocationSection && sec.Regex == nil {
				places = append(places, place{title: "<Location " + sec.Path + ">", path: sec.Path, file: sec.File, line: sec.Line})
			}
		}
		for _, r := range s.Proxy.Passes {
			if r.Regex == nil && !slices.ContainsFunc(places, func(p place) bool { return p.path == r.Path }) {
				places = append(places, place{title: "ProxyPass " + r.Path, path: r.Path, file: r.File, line: r.Line})
			}
		}
		for _, p := range places {
			warnings = append(warnings, explainPlace(w, p, router.Route("GET", &url.URL{Path: p.path}))...)
		}
	}
	for _, warning := range warnings {
		fmt.Fprintln(w, "warning: "+warning)
	}
}

// place is one path explain describes.
type place struct {
	title, path string
	file        string
	line        int
}

func serverTitle(cfg *directives.Config, s *directives.Server) string {
	if !s.Virtual {
		return fmt.Sprintf("Main server (%s)", cfg.File)
	}
	var addrs []string
	for _, a := range s.Addrs {
		if a.Port == 0 {
			addrs = append(addrs, a.Host)
		} else {
			addrs = append(addrs, fmt.Sprintf("%s:%d", a.Host, a.Port))
		}
	}
	name := s.Core.ServerName
	if name == "" {
		name = "no ServerName"
	}
	return fmt.Sprintf("VirtualHost %s (%s), %s:%d", strings.Join(addrs, " "), name, s.File, s.Line)
}

// explainPlace prints one place's methods, grouped by what they need, and
// returns its warnings.
func explainPlace(w io.Writer, p place, rt route.Route) []string {
	target, proxied := "", rt.Proxy != nil
	where := "served locally"
	switch {
	case rt.Status != 0:
		where = fmt.Sprintf("answered %d before mapping", rt.Status)
	case proxied:
		target = rt.Proxy.URL
		where = "proxied to " + target
	}
	if p.file != "" {
		fmt.Fprintf(w, "  %s (%s:%d) → %s\n", p.title, p.file, p.line, where)
	} else {
		fmt.Fprintf(w, "  %s → %s\n", p.title, where)
	}
	type group struct {
		who     string
		methods []string
	}
	var groups []*group
	var open, guarded []string
	for _, m := range probeMethods {
		who, needsUser, anyone := whoMay(rt.Dir, m)
		name := m
		switch m {
		case otherMethod:
			name = "any other method"
		case "GET":
			name = "GET HEAD"
		}
		if anyone {
			open = append(open, name)
		} else if needsUser {
			guarded = append(guarded, name)
		}
		if i := slices.IndexFunc(groups, func(g *group) bool { return g.who == who }); i >= 0 {
			groups[i].methods = append(groups[i].methods, name)
		} else {
			groups = append(groups, &group{who: who, methods: []string{name}})
		}
	}
	for _, g := range groups {
		methods := strings.Join(g.methods, " ")
		if len(groups) == 1 {
			methods = "every method"
		}
		fmt.Fprintf(w, "    %-40s %s\n", methods, g.who)
	}
	if proxied && len(open) > 0 && len(guarded) > 0 {
		return []string{fmt.Sprintf("%s:%d: %s: %s reach %s without authentication, while %s need it; "+
			"a <LimitExcept GET HEAD> (or no <Limit> at all) around the Require lines would cover every method",
			p.file, p.line, p.title, strings.Join(open, ", "), target, strings.Join(guarded, ", "))}
	}
	return nil
}

// whoMay describes who may use method m under dir, following Apache's
// order: access rules, then Require without a user, then with one.
// needsUser says a login is asked for; anyone that no login is.
func whoMay(dir *directives.DirConfig, m string) (who string, needsUser, anyone bool) {
	access := describeAccess(&dir.Access, m)
	if access == "no client" {
		return "nobody (403: Order/Deny)", false, false
	}
	if dir.Access.Satisfy(m) == directives.SatisfyAny && access == "any client" {
		return "anyone (Satisfy Any with Allow from all)", false, true
	}
	prefix := ""
	if access != "any client" {
		prefix = access + ", and "
	}
	req := dir.Authz.Requires
	if req == nil {
		if t, ok := staticAuthType(dir); ok && !strings.EqualFold(t, "none") {
			return prefix + "nobody (500: AuthType without Require)", false, false
		}
		return prefix + "anyone (no Require)", false, access == "any client"
	}
	noUser := req.Apply(m, func(l *directives.RequireLine) directives.AuthzStatus { return symbolicCheck(l, m) })
	switch noUser {
	case directives.AuthzGranted:
		return prefix + "anyone, no authentication (" + describeRequire(req, m) + ")", false, access == "any client"
	case directives.AuthzDeniedNoUser:
		return prefix + describeRequire(req, m) + " (basic auth" + realm(dir) + ")", true, false
	}
	return prefix + "nobody (403: " + describeRequire(req, m) + ")", false, false
}

// symbolicCheck answers a Require line without knowing the client: user
// lines want a user; all granted/denied and method answer; the rest
// depend on the client and count as wanting more than is known.
func symbolicCheck(l *directives.RequireLine, m string) directives.AuthzStatus {
	switch p := l.Provider.(type) {
	case *directives.RequireAll:
		if p.Granted {
			return directives.AuthzGranted
		}
		return directives.AuthzDenied
	case *directives.RequireMethod:
		if p.Methods.Has(m) {
			return directives.AuthzGranted
		}
		return directives.AuthzDenied
	}
	return directives.AuthzDeniedNoUser
}

// describeRequire writes the Require tree that applies to m as a formula.
func describeRequire(s *directives.RequireSection, m string) string {
	var parts []string
	for _, item := range s.Items {
		switch it := item.(type) {
		case *directives.RequireLine:
			if it.Limit.Has(m) {
				parts = append(parts, strings.TrimPrefix(it.String(), "Require "))
			}
		case *directives.RequireSection:
			if it.Limit.Has(m) {
				parts = append(parts, "("+describeRequire(it, m)+")")
			}
		}
	}
	if len(parts) == 0 {
		return "no Require covers the method"
	}
	op := " or "
	if s.Op == directives.LogicAnd {
		op = " and "
	}
	text := strings.Join(parts, op)
	if s.Negate {
		text = "not (" + text + ")"
	}
	return strings.TrimSpace(text)
}

// describeAccess sums up Order/Allow/Deny for m by asking about three
// clients: one matching every rule, one matching none, and a typical one
// matching only the "all" rules.
func describeAccess(a *directives.AccessConfig, m string) string {
	every := a.Allowed(m, func(*directives.AccessRule) bool { return true })
	none := a.Allowed(m, func(*directives.AccessRule) bool { return false })
	typical := a.Allowed(m, func(r *directives.AccessRule) bool { return r.From == directives.FromAll })
	switch {
	case every && none && typical:
		return "any client"
	case !every && !typical:
		return "no client"
	}
	return "clients as Allow/Deny say"
}

func staticAuthType(dir *directives.DirConfig) (string, bool) {
	if dir.Auth.Type == nil {
		return "", false
	}
	return dir.Auth.Type.Static()
}

func realm(dir *directives.DirConfig) string {
	if dir.Auth.Name == nil {
		return ""
	}
	if name, ok := dir.Auth.Name.Static(); ok {
		return fmt.Sprintf(", realm %q", name)
	}
	return ""
}
