package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// passRule is a ProxyPass rule and, for one given inside a <Location>, that
// section: Apache tries the request's <Location> rule before the server's.
type passRule struct {
	rule     *directives.ProxyPassRule
	location *directives.Section
}

// lintProxyOrder warns of ProxyPass rules no request can reach, because a
// rule Apache tries first matches every path they match. Apache tries the
// <Location> rule first, then the server's in order, and takes the first
// that matches, an exclusion ("!") included. Rules with mapping=encoded or
// servlet are all tried before the others, in an earlier phase.
func (l *linter) lintProxyOrder(s *directives.Server) {
	var locs []passRule
	for _, sec := range l.sections(s) {
		if sec.Kind == directives.LocationSection && sec.Dir.Proxy.Pass != nil {
			locs = append(locs, passRule{sec.Dir.Proxy.Pass, sec})
		}
	}
	// A later <Location> covering an earlier one's path is merged over it,
	// and its ProxyPass replaces the earlier one's.
	for i, a := range locs {
		for _, b := range locs[i+1:] {
			if encloses(b.location, a.location) {
				l.add(at(a.rule.File, a.rule.Line), "%s never applies: <Location %s> (%s) comes later, covers it, and its ProxyPass replaces this one",
					describeRule(a), b.location.Path, at(b.location.File, b.location.Line))
				break
			}
		}
	}
	for i := range s.Proxy.Passes {
		b := passRule{rule: &s.Proxy.Passes[i]}
		if a, ok := shadowedBy(b, locs, s.Proxy.Passes[:i]); ok {
			l.add(at(b.rule.File, b.rule.Line), "%s never applies: %s (%s) is tried first and %s every path it matches",
				describeRule(b), describeRule(a), at(a.rule.File, a.rule.Line), ruleAction(a.rule))
		}
	}
}

// shadowedBy finds the rule Apache tries before b that matches all b does:
// the last <Location> rule covering it (which wins the merge), else the
// first server rule.
func shadowedBy(b passRule, locs []passRule, earlier []directives.ProxyPassRule) (passRule, bool) {
	for _, a := range slices.Backward(locs) {
		if triedFirst(a.rule, b.rule) && covers(a.rule, b.rule) {
			return a, true
		}
	}
	for i := range earlier {
		if a := &earlier[i]; triedFirst(a, b.rule) && covers(a, b.rule) {
			return passRule{rule: a}, true
		}
	}
	return passRule{}, false
}

// triedFirst reports whether a, which comes before b, can decide b's
// requests first: rules of one phase are tried in order; the encoded
// rules' phase comes before the others', and there an exclusion only ends
// that phase.
func triedFirst(a, b *directives.ProxyPassRule) bool {
	encA, encB := a.Mapping != "", b.Mapping != ""
	return encA == encB || encA && !a.Exclude
}

// covers reports whether every path b matches, a matches too. A regex a
// is never known to; a regex b is when it is anchored and its literal
// prefix ends a path segment a matches.
func covers(a, b *directives.ProxyPassRule) bool {
	if a.Regex != nil {
		return false
	}
	if b.Regex == nil {
		return aliasMatch(b.Path, a.Path) > 0
	}
	if !strings.HasPrefix(b.Regex.String(), "^") {
		return false
	}
	prefix, _ := b.Regex.LiteralPrefix()
	n := aliasMatch(prefix, a.Path)
	return n > 0 && (strings.HasSuffix(a.Path, "/") || n < len(prefix) && prefix[n] == '/')
}

// aliasMatch is mod_proxy's alias_match: the length of uri that the prefix
// alias matches, or 0. Runs of '/' match runs of '/', other bytes match
// themselves, and the match must end at a path segment's end.
func aliasMatch(uri, alias string) int {
	u, a := 0, 0
	for a < len(alias) && u < len(uri) {
		if alias[a] != '/' {
			if uri[u] != alias[a] {
				return 0
			}
			u, a = u+1, a+1
			continue
		}
		if uri[u] != '/' {
			return 0
		}
		for a < len(alias) && alias[a] == '/' {
			a++
		}
		for u < len(uri) && uri[u] == '/' {
			u++
		}
	}
	if u == len(uri) && a != len(alias) {
		return 0
	}
	if alias[a-1] != '/' && u < len(uri) && uri[u] != '/' {
		return 0
	}
	return u
}

// describeRule names a rule as written, for messages.
func describeRule(r passRule) string {
	if r.location != nil {
		return fmt.Sprintf("the ProxyPass of <Location %s>", r.location.Path)
	}
	name := "ProxyPass " + r.rule.Path
	if r.rule.Regex != nil {
		name = "ProxyPassMatch " + r.rule.Path
	}
	if r.rule.Exclude {
		return name + " !"
	}
	return name
}

// ruleAction is what a rule does with the paths it matches.
func ruleAction(r *directives.ProxyPassRule) string {
	if r.Exclude {
		return "keeps from the proxy"
	}
	return "proxies"
}
