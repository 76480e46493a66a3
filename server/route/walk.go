package route

import (
	"encoding/binary"
	"slices"
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

// sectionBuf is room for the sections that apply to a request, on the
// caller's stack, so that walking them allocates nothing in the usual
// configs: more than its size spill to the heap.
type sectionBuf[T any] [8]T

// locationSections appends to out the <Location> and <LocationMatch>
// sections that apply to uri, in config order, as ap_location_walk: a
// regex is matched against uri, a wildcard path with fnmatch and a plain
// one as a prefix ending at a segment boundary, both against uri with
// slashes merged (whatever MergeSlashes says).
func (r *Router) locationSections(uri string, out []int) []int {
	merged := uri
	if !r.mergeSlashes {
		merged = mergeSlashRuns(uri)
	}
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

// anyDir reports whether match holds for a directory Apache's directory
// walk passes through for filename: "/", then each deeper one, each with
// a trailing slash.
func anyDir(filename string, match func(dir string) bool) bool {
	if match("/") {
		return true
	}
	for i := 1; i < len(filename); i++ {
		if filename[i] == '/' && match(filename[:i+1]) {
			return true
		}
	}
	return false
}

// fileSections appends to out the <Directory> then <Files> sections that
// apply to the file a non-proxied uri maps to under DocumentRoot. gohttpd serves no
// files, so the walk is Apache's as if every directory the path names
// existed: a section applies when its path is one of those directories
// (or matches one by fnmatch), a regex one when it matches the file name;
// <Files> sections are matched against the last path segment.
func (r *Router) fileSections(uri string, out []*directives.Section) []*directives.Section {
	if uri == "*" {
		return out // OPTIONS * maps to no file
	}
	filename := r.docRoot + uri
	for _, s := range r.directories {
		if s.Regex != nil {
			if s.Regex.MatchString(filename) {
				out = append(out, s)
			}
			continue
		}
		if anyDir(filename, func(d string) bool { return dirMatch(s.Path, d) }) {
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

// proxySections appends to out the <Proxy> and <ProxyMatch> sections that
// apply to the backend URL found, as mod_proxy's proxy_walk: regex,
// fnmatch without path rules, or prefix.
func (r *Router) proxySections(found string, out []*directives.Section) []*directives.Section {
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
	var buf [64]byte
	key := binary.AppendUvarint(buf[:0], uint64(len(storage))) // so the lists stay apart
	for _, s := range storage {
		key = binary.AppendUvarint(key, uint64(r.index[s]))
	}
	for _, i := range locs {
		key = binary.AppendUvarint(key, uint64(i))
	}
	r.mu.RLock()
	d, ok := r.merged[string(key)] // the conversion does not copy
	r.mu.RUnlock()
	if ok {
		return d
	}
	d = r.server.Dir
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
	r.mu.Lock()
	defer r.mu.Unlock()
	if prev, ok := r.merged[string(key)]; ok {
		return prev // another request merged it first: one config per key
	}
	r.merged[string(key)] = d
	return d
}
