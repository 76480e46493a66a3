// Package route maps a request as Apache's translate and map-to-storage
// phases do: it checks and normalizes the request-target, finds the
// ProxyPass rule that forwards it, and merges the <Directory>, <Files>,
// <Proxy> and <Location> sections that apply into one per-directory
// config. A Router is built once per server from the model; Route answers
// per request without compiling anything.
package route

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
)

// Route is how Apache maps one request.
type Route struct {
	// Status, when not zero, is the error Apache answers before mapping
	// (400 for a bad request-target or escape, 404 for %00 or a refused
	// %2F, 403 or 400 for a backend URL it will not send). Path and Dir
	// are then as far as Apache got: Dir is the server's defaults.
	Status int
	// Path is r->uri: the path normalized and %-decoded (still encoded
	// when a mapping=encoded rule took the request), "*" for OPTIONS *.
	Path string
	// Query is r->args, the query as sent; HasQuery tells an empty query
	// ("/x?") from none.
	Query    string
	HasQuery bool
	// Dir is the per-directory config that applies, merged as Apache
	// merges it; never nil.
	Dir *directives.DirConfig
	// Proxy is where the request is forwarded; nil when no ProxyPass
	// rule maps it (or a "!" rule excludes it).
	Proxy *Proxy
}

// Router maps the requests of one server (the main server or a virtual
// host).
type Router struct {
	server       *directives.Server
	strict       bool
	mergeSlashes bool
	slashes      unescapeOpts
	decode2F     bool // AllowEncodedSlashes On: decoded %2F, path normalized again
	docRoot      string
	locations    []*directives.Section
	directories  []*directives.Section // in Apache's walk order
	files        []*directives.Section
	proxies      []*directives.Section
	rules        []directives.ProxyPassRule
	index        map[*directives.Section]int // a storage section's place, for merged's keys
	nocanon      bool                        // a rule forwards the target as sent

	mu     sync.RWMutex
	merged map[string]*directives.DirConfig // key of matched sections → their merge
}

// New builds the Router of server. main is the main server, whose
// sections Apache walks before a virtual host's own; pass nil or server
// itself for the main server. It refuses what Route cannot do as Apache
// would rather than do it differently.
func New(server, main *directives.Server) (*Router, error) {
	if main == nil || main == server {
		main = &directives.Server{}
	}
	core := &server.Core
	r := &Router{
		server:       server,
		strict:       !core.HTTPProtocolOptions.Unsafe(),
		mergeSlashes: core.MergeSlashes == nil || *core.MergeSlashes,
		docRoot:      strings.TrimRight(core.DocumentRoot, "/"),
		rules:        server.Proxy.Passes,
		merged:       map[string]*directives.DirConfig{},
	}
	if core.DocumentRoot == "" {
		r.docRoot = directives.DefaultDocumentRoot
	}
	dc := &server.Dir.Core
	r.slashes = unescapeOpts{forbidSlashes: !dc.AllowEncodedSlashes, keepSlashes: dc.AllowEncodedSlashes && !dc.DecodeEncodedSlashes}
	r.decode2F = dc.AllowEncodedSlashes && dc.DecodeEncodedSlashes
	for _, s := range append(append([]*directives.Section{}, main.Sections...), server.Sections...) {
		switch s.Kind {
		case directives.LocationSection:
			r.locations = append(r.locations, s)
		case directives.DirectorySection:
			r.directories = append(r.directories, s)
		case directives.FilesSection:
			r.files = append(r.files, s)
		case directives.ProxySection:
			r.proxies = append(r.proxies, s)
		}
	}
	sortDirectories(r.directories)
	r.index = make(map[*directives.Section]int)
	for i, s := range slices.Concat(r.directories, r.files, r.proxies) {
		r.index[s] = i
	}
	if err := r.checkRules(); err != nil {
		return nil, err
	}
	r.nocanon = slices.ContainsFunc(r.rules, func(p directives.ProxyPassRule) bool { return p.NoCanon }) ||
		slices.ContainsFunc(r.locations, func(s *directives.Section) bool { return s.Dir.Proxy.Pass != nil && s.Dir.Proxy.Pass.NoCanon })
	return r, nil
}

// checkRules refuses the ProxyPass features Route does not implement.
func (r *Router) checkRules() error {
	check := func(p *directives.ProxyPassRule) error {
		switch {
		case p == nil:
		case p.Mapping == "servlet":
			return fmt.Errorf("%s:%d: ProxyPass mapping=servlet is not implemented", p.File, p.Line)
		case p.Interpolate:
			return fmt.Errorf("%s:%d: ProxyPass interpolate is not implemented", p.File, p.Line)
		case !p.Exclude:
			if _, _, ok := urlScheme(p.URL); !ok {
				return fmt.Errorf("%s:%d: ProxyPass to %s: only http, https, ws and wss backends are implemented", p.File, p.Line, p.URL)
			}
		}
		return nil
	}
	var errs []error
	for i := range r.rules {
		errs = append(errs, check(&r.rules[i]))
	}
	for _, s := range r.locations {
		errs = append(errs, check(s.Dir.Proxy.Pass))
	}
	return errors.Join(errs...)
}

// Route maps a request whose method and target net/http read into u.
func (r *Router) Route(method string, u *url.URL) Route {
	t, status := parseTarget(method, u, r.strict)
	rt := Route{Path: t.path, Query: t.query, HasQuery: t.hasQuery, Dir: r.server.Dir, Status: status}
	if status != 0 {
		return rt
	}
	norm := normalizeOpts{mergeSlashes: r.mergeSlashes}
	path, ok := normalize(t.path, normalizeOpts{mergeSlashes: r.mergeSlashes, decodeUnreserved: true})
	rt.Path = path
	if !ok {
		rt.Status = http.StatusBadRequest // AH10244
		return rt
	}
	unparsed := "" // built only when a nocanon rule may read it
	if r.nocanon {
		unparsed = t.unparsedURI()
	}
	// Rules with mapping=encoded see the path before it is decoded.
	m, res := r.translate(path, unparsed, true)
	if res == transNoMatch || res == transExcluded {
		if path, status = unescape(path, r.slashes); status != 0 {
			rt.Path, rt.Status = path, status
			return rt
		}
		if r.decode2F {
			path, _ = normalize(path, norm)
		}
		rt.Path = path
		// A "!" among the encoded rules only ends that phase.
		m, res = r.translate(path, unparsed, false)
	}
	if res == transError {
		rt.Status = http.StatusInternalServerError
		return rt
	}
	var storage sectionBuf[*directives.Section]
	var locs sectionBuf[int]
	if res != transProxied {
		rt.Dir = r.dirConfig(r.fileSections(path, storage[:0]), r.locationSections(path, locs[:0]))
		return rt
	}
	rt.Dir = r.dirConfig(r.proxySections(m.found, storage[:0]), r.locationSections(path, locs[:0]))
	var query *string
	if t.hasQuery {
		query = &t.query
	}
	rt.Proxy, rt.Status = canon(m, canonOpts{query: query, keep2F: r.keep2F(rt.Dir), nocanon: m.nocanon, noencode: m.noencode})
	return rt
}

// translate runs mod_proxy's translate hook in the phase given (pre: the
// mapping=encoded rules, before the path is decoded): the <Location>'s own
// rule first, then the server's in config order. The first rule that
// matches decides, a "!" one included.
func (r *Router) translate(uri, unparsed string, pre bool) (ruleMatch, transResult) {
	if uri == "*" || !strings.HasPrefix(uri, "/") {
		return ruleMatch{}, transNoMatch
	}
	inPhase := func(p *directives.ProxyPassRule) bool { return (p.Mapping == "encoded") == pre }
	if p := r.locationRule(uri); p != nil && inPhase(p) {
		if m, res := matchRule(p, uri, unparsed); res != transNoMatch {
			return m, res
		}
	}
	for i := range r.rules {
		if p := &r.rules[i]; inPhase(p) {
			if m, res := matchRule(p, uri, unparsed); res != transNoMatch {
				return m, res
			}
		}
	}
	return ruleMatch{}, transNoMatch
}

// locationRule is the ProxyPass of the last <Location> matching uri that
// has one, as the merged per-directory config holds it.
func (r *Router) locationRule(uri string) *directives.ProxyPassRule {
	var rule *directives.ProxyPassRule
	var locs sectionBuf[int]
	for _, i := range r.locationSections(uri, locs[:0]) {
		if p := r.locations[i].Dir.Proxy.Pass; p != nil {
			rule = p
		}
	}
	return rule
}

// keep2F reports whether mod_proxy_http keeps %2F encoded: AllowEncodedSlashes
// NoDecode in the request's final config. Apache's core merge takes the
// innermost section's value, and a section cannot set it, so any section
// that applied turns it off.
func (r *Router) keep2F(d *directives.DirConfig) bool {
	return d == r.server.Dir && r.slashes.keepSlashes
}
