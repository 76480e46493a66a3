package route

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// sortDirectories puts <Directory> sections in the order Apache walks
// them (ap_core_reorder_directories): plain and wildcard ones before
// regex ones, fewer path components first, config order otherwise.
func sortDirectories(dirs []*directives.Section) {
	slices.SortStableFunc(dirs, func(a, b *directives.Section) int {
		if ra, rb := a.Regex != nil, b.Regex != nil; ra != rb {
			if ra {
				return 1
			}
			return -1
		}
		return strings.Count(a.Path, "/") - strings.Count(b.Path, "/")
	})
}

// locationSections returns the <Location> and <LocationMatch> sections
// that apply to uri, in config order, as ap_location_walk: a regex is
// matched against uri, a wildcard path with fnmatch and a plain one as a
// prefix ending at a segment boundary, both against uri with slashes
// merged (whatever MergeSlashes says).
func (r *Router) locationSections(uri string) []int {
	merged := uri
	if !r.mergeSlashes {
		merged = mergeSlashRuns(uri)
	}
	var out []int
	for i, s := range r.locations {
		if s.Regex != nil {
			if s.Regex.MatchString(uri) {
				out = append(out, i)
			}
			continue
		}
		if fnmatchTest(s.Path) {
			if fnmatch(s.Path, merged, true) {
				out = append(out, i)
			}
			continue
		}
		if prefixOnSegment(merged, s.Path) {
			out = append(out, i)
		}
	}
	return out
}

// prefixOnSegment reports whether p is a prefix of uri that, when p does
// not end with '/', ends where a segment of uri ends.
func prefixOnSegment(uri, p string) bool {
	if !strings.HasPrefix(uri, p) {
		return false
	}
	return p == "" || p[len(p)-1] == '/' || len(uri) == len(p) || uri[len(p)] == '/'
}

func mergeSlashRuns(s string) string {
	for strings.Contains(s, "//") {
		s = strings.ReplaceAll(s, "//", "/")
	}
	return s
}

// dirsOf lists the directories Apache's directory walk passes through for
// filename: "/", then each deeper one, each with a trailing slash.
func dirsOf(filename string) []string {
	dirs := []string{"/"}
	for i := 1; i < len(filename); i++ {
		if filename[i] == '/' {
			dirs = append(dirs, filename[:i+1])
		}
	}
	return dirs
}

// fileSections returns the <Directory> then <Files> sections that apply to
// the file a non-proxied uri maps to under DocumentRoot. gohttpd serves no
// files, so the walk is Apache's as if every directory the path names
// existed: a section applies when its path is one of those directories
// (or matches one by fnmatch), a regex one when it matches the file name;
// <Files> sections are matched against the last path segment.
func (r *Router) fileSections(uri string) []*directives.Section {
	if uri == "*" {
		return nil // OPTIONS * maps to no file
	}
	filename := r.docRoot + uri
	dirs := dirsOf(filename)
	var out []*directives.Section
	for _, s := range r.directories {
		if s.Regex != nil {
			if s.Regex.MatchString(filename) {
				out = append(out, s)
			}
			continue
		}
		if slices.ContainsFunc(dirs, func(d string) bool { return dirMatch(s.Path, d) }) {
			out = append(out, s)
		}
	}
	base := filename[strings.LastIndexByte(filename, '/')+1:]
	for _, s := range r.files {
		switch {
		case s.Regex != nil:
			if !s.Regex.MatchString(base) {
				continue
			}
		case fnmatchTest(s.Path):
			if !fnmatch(s.Path, base, true) {
				continue
			}
		case s.Path != base:
			continue
		}
		out = append(out, s)
	}
	return out
}

func dirMatch(section, dir string) bool {
	if fnmatchTest(section) {
		return strings.Count(section, "/") == strings.Count(dir, "/") && fnmatch(section, dir, true)
	}
	return section == dir
}

// proxySections returns the <Proxy> and <ProxyMatch> sections that apply
// to the backend URL found, as mod_proxy's proxy_walk: regex, fnmatch
// without path rules, or prefix.
func (r *Router) proxySections(found string) []*directives.Section {
	var out []*directives.Section
	for _, s := range r.proxies {
		var ok bool
		switch {
		case s.Regex != nil:
			ok = s.Regex.MatchString(found)
		case fnmatchTest(s.Path):
			ok = fnmatch(s.Path, found, false)
		default:
			ok = strings.HasPrefix(found, s.Path)
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// dirConfig merges what applies in Apache's order: the server's defaults,
// the storage sections one by one (<Directory> then <Files>, or <Proxy>),
// then the <Location> sections merged together and over the result. The
// result for each combination of sections is computed once and kept.
func (r *Router) dirConfig(storage []*directives.Section, locs []int) *directives.DirConfig {
	if len(storage) == 0 && len(locs) == 0 {
		return r.server.Dir
	}
	var key strings.Builder
	for _, s := range storage {
		key.WriteString(strconv.Itoa(r.index[s]) + ";")
	}
	key.WriteByte('|')
	for _, i := range locs {
		key.WriteString(strconv.Itoa(i) + ";")
	}
	if d, ok := r.merged.Load(key.String()); ok {
		return d.(*directives.DirConfig)
	}
	d := r.server.Dir
	for _, s := range storage {
		d = s.Dir.Merge(d)
	}
	if len(locs) > 0 {
		loc := r.locations[locs[0]].Dir
		for _, i := range locs[1:] {
			loc = r.locations[i].Dir.Merge(loc)
		}
		d = loc.Merge(d)
	}
	r.merged.Store(key.String(), d)
	return d
}
