package main

import (
	"context"
	"errors"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// lookupTimeout bounds each backend host's lookup, so that check stays
// quick when DNS does not answer.
const lookupTimeout = 3 * time.Second

// backend is a backend host to resolve and the first place naming it.
type backend struct {
	host  string
	where string // FILE:LINE
	what  string // the rule or worker naming it
}

// collectBackends adds the hosts s's ProxyPass rules and workers send
// requests to, each host once. IP addresses, Unix sockets, hosts made per
// request ($1) and hosts reached through a ProxyRemote are left out.
func (l *linter) collectBackends(s *directives.Server) {
	var rules []passRule
	for _, sec := range l.sections(s) {
		if sec.Kind == directives.LocationSection && sec.Dir.Proxy.Pass != nil {
			rules = append(rules, passRule{sec.Dir.Proxy.Pass, sec})
		}
	}
	for i := range s.Proxy.Passes {
		rules = append(rules, passRule{rule: &s.Proxy.Passes[i]})
	}
	for _, r := range rules {
		if !r.rule.Exclude && !viaRemote(s, r.rule.URL) {
			l.addBackend(r.rule.Backend, at(r.rule.File, r.rule.Line), describeRule(r)+" "+r.rule.URL)
		}
	}
	for _, w := range s.Proxy.Workers {
		if !viaRemote(s, w.Name) {
			l.addBackend(w.ProxyURL, at(w.File, w.Line), "the worker "+w.Name)
		}
	}
}

func (l *linter) addBackend(u directives.ProxyURL, where, what string) {
	host := u.Host
	switch {
	case host == "" || u.UDSPath != "" || u.Scheme == "balancer":
		return
	case strings.ContainsAny(host, "$%"), net.ParseIP(host) != nil:
		return
	}
	for _, b := range l.backends {
		if b.host == host {
			return
		}
	}
	l.backends = append(l.backends, backend{host: host, where: where, what: what})
}

// viaRemote reports whether requests for url go through a ProxyRemote,
// which then resolves the host, not this server.
func viaRemote(s *directives.Server, url string) bool {
	scheme, _, _ := strings.Cut(url, ":")
	for _, r := range s.Proxy.Remotes {
		switch {
		case r.Regex != nil:
			if r.Regex.MatchString(url) {
				return true
			}
		case r.Match == "*", strings.EqualFold(r.Match, scheme):
			return true
		case strings.Contains(r.Match, "://") && strings.HasPrefix(strings.ToLower(url), strings.ToLower(r.Match)):
			return true
		}
	}
	return false
}

// lintBackends resolves the backend hosts, all at once, and warns of those
// that do not resolve: Apache answers each request to them with a
// "DNS lookup failure" Proxy Error.
func (l *linter) lintBackends(resolver *net.Resolver) {
	errs := make([]error, len(l.backends))
	var wg sync.WaitGroup
	for i, b := range l.backends {
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
			defer cancel()
			_, errs[i] = resolver.LookupHost(ctx, b.host)
		})
	}
	wg.Wait()
	for i, b := range l.backends {
		if errs[i] == nil {
			continue
		}
		hint := ""
		if !strings.Contains(b.host, ".") {
			hint = "; a name without a dot, such as a Docker Compose service, resolves only inside its network"
		}
		l.add(b.where, "backend host %s (%s) does not resolve here (%s), so requests to it fail (DNS lookup failure)%s",
			b.host, b.what, lookupFailure(errs[i]), hint)
	}
}

// lookupFailure words a lookup error without its changing details
// (addresses, ports), so that findings stay the same from run to run.
func lookupFailure(err error) string {
	var dnsErr *net.DNSError
	switch {
	case !errors.As(err, &dnsErr):
		return "the lookup failed"
	case dnsErr.IsNotFound:
		return "no such host"
	case dnsErr.IsTimeout:
		return "the lookup timed out"
	}
	return "the lookup failed"
}
