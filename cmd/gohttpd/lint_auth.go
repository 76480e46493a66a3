package main

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/parser"
	"github.com/gohttpd/gohttpd/server/authfile"
)

// lintAuth checks the password and group files of every per-directory
// config of s, and the Require lines against them.
func (l *linter) lintAuth(s *directives.Server) {
	for _, dir := range l.authPlaces(s) {
		a := &dir.Auth
		var users *authfile.Users
		if a.UserFile != "" {
			digest := strings.EqualFold(a.BasicUseDigestAlgorithm, "md5")
			users = l.readUsers(l.dirOrigin(dir, "AuthUserFile"), a.UserFile, digest)
		}
		var groups *authfile.Groups
		if a.GroupFile != "" {
			groups = l.readGroups(l.dirOrigin(dir, "AuthGroupFile"), a.GroupFile)
		}
		l.lintRequires(dir, users, groups)
	}
}

// authPlaces are s's default config and each section's, as requests meet
// them: merged over the earlier sections of its kind that enclose it, as
// Apache merges them.
func (l *linter) authPlaces(s *directives.Server) []*directives.DirConfig {
	places := []*directives.DirConfig{s.Dir}
	sections := l.sections(s)
	for i, sec := range sections {
		dir := s.Dir
		for _, outer := range sections[:i] {
			if encloses(outer, sec) {
				dir = outer.Dir.Merge(dir)
			}
		}
		places = append(places, sec.Dir.Merge(dir))
	}
	return places
}

// encloses reports whether every path in inner is in outer, for two
// <Directory> or two <Location> sections without regexes or wildcards.
func encloses(outer, inner *directives.Section) bool {
	switch {
	case outer.Kind != inner.Kind || outer.Regex != nil || inner.Regex != nil:
		return false
	case strings.ContainsAny(outer.Path+inner.Path, "*?["):
		return false // fnmatch patterns: not known
	}
	switch outer.Kind {
	case directives.LocationSection:
		return strings.HasPrefix(inner.Path, outer.Path) // <Location> matches by plain prefix
	case directives.DirectorySection:
		return pathCovers(outer.Path, inner.Path)
	}
	return false
}

// readUsers reads and judges an htpasswd file once; nil when unreadable.
func (l *linter) readUsers(where, file string, digest bool) *authfile.Users {
	if users, ok := l.users[file]; ok {
		return users
	}
	l.users[file] = nil
	data, err := l.files.ReadFile(file)
	if err != nil {
		l.add(where, "AuthUserFile %s cannot be read (%s): Apache answers 500 to every login here (AH01620)", file, reason(err))
		return nil
	}
	users := authfile.ReadUsers(file, data)
	l.users[file] = users
	l.lintUsers(where, file, users, digest)
	return users
}

// lintUsers warns of the htpasswd lines nobody can log in with. An
// htdigest file (AuthBasicUseDigestAlgorithm MD5) has other rules: a user
// may be listed once per realm, and the hash is the third field.
func (l *linter) lintUsers(where, file string, u *authfile.Users, digest bool) {
	if digest {
		return
	}
	var bad []authfile.User
	for _, user := range u.ByName {
		if authfile.SchemeOf(user.Hash) == authfile.Unusable {
			bad = append(bad, user)
		}
	}
	slices.SortFunc(bad, func(a, b authfile.User) int { return a.Line - b.Line })
	for _, user := range bad {
		if user.Hash == "" {
			l.add(where, "AuthUserFile %s:%d: user %s has no password hash; nobody can log in as %s", file, user.Line, user.Name, user.Name)
			continue
		}
		l.add(where, "AuthUserFile %s:%d: user %s's password is %s, which Apache on Linux does not accept; nobody can log in as %s",
			file, user.Line, user.Name, describeHash(user.Hash), user.Name)
	}
	for _, dup := range u.Shadowed {
		first := u.ByName[dup.Name]
		l.add(where, "AuthUserFile %s:%d: user %s is listed again; Apache uses only line %d, so this line's password never works",
			file, dup.Line, dup.Name, first.Line)
	}
	if line, ok := tooLongLine(u.Err); ok {
		l.add(where, "AuthUserFile %s:%d: line longer than Apache reads (8190 bytes before the newline); Apache stops reading there, so nobody from this line on can log in", file, line)
	}
}

// describeHash names an unusable hash's look for a message.
func describeHash(hash string) string {
	if strings.HasPrefix(hash, "{") {
		if end := strings.IndexByte(hash, '}'); end > 0 {
			return "a " + hash[:end+1] + " hash"
		}
	}
	return "plaintext or in an unknown format"
}

// tooLongLine returns the line where reading a file stopped early.
func tooLongLine(err error) (int, bool) {
	var pe *parser.Error
	if errors.As(err, &pe) {
		return pe.Line, true
	}
	return 0, false
}

// readGroups reads a group file once; nil when unreadable.
func (l *linter) readGroups(where, file string) *authfile.Groups {
	if groups, ok := l.groups[file]; ok {
		return groups
	}
	l.groups[file] = nil
	data, err := l.files.ReadFile(file)
	if err != nil {
		l.add(where, "AuthGroupFile %s cannot be read (%s): Require group refuses every user here (AH01665)", file, reason(err))
		return nil
	}
	groups := authfile.ReadGroups(file, data)
	l.groups[file] = groups
	if line, ok := tooLongLine(groups.Err); ok {
		l.add(where, "AuthGroupFile %s:%d: line too long; Apache stops reading there", file, line)
	}
	return groups
}

// lintRequires checks the Require user and Require group lines of a place
// against the files used with them there.
func (l *linter) lintRequires(dir *directives.DirConfig, users *authfile.Users, groups *authfile.Groups) {
	a := &dir.Auth
	usesFile := a.BasicProviders == nil || slices.Contains(a.BasicProviders, "file")
	if !usesFile {
		users = nil // another provider knows the users
	}
	for _, line := range requireLines(dir.Authz.Requires) {
		where := at(line.File, line.Line)
		switch r := line.Provider.(type) {
		case *directives.RequireUser:
			if users != nil {
				for _, name := range missingUsers(r.Users, users) {
					l.add(where, "%s: user %s is not in AuthUserFile %s, so nobody can log in as %s", requireText(line), name, a.UserFile, name)
				}
			}
		case *directives.RequireGroup:
			l.lintRequireGroup(where, line, r, dir, users, groups)
		}
		l.lintNoUserFile(where, line, dir, usesFile)
	}
}

// lintNoUserFile warns of a login asked for with the file provider but no
// AuthUserFile: mod_authn_file fails every login with 500 (AH01619).
func (l *linter) lintNoUserFile(where string, line *directives.RequireLine, dir *directives.DirConfig, usesFile bool) {
	switch line.Provider.(type) {
	case *directives.RequireUser, *directives.RequireValidUser, *directives.RequireGroup:
	default:
		return
	}
	if dir.Auth.UserFile != "" || !usesFile || dir.Auth.Type == nil {
		return
	}
	if t, ok := dir.Auth.Type.Static(); ok && strings.EqualFold(t, "basic") {
		l.add(where, "%s: AuthType Basic with no AuthUserFile: Apache answers 500 to every login here (AH01619)", requireText(line))
	}
}

// lintRequireGroup checks that the group file is there, has the groups,
// and that their members are users who can log in.
func (l *linter) lintRequireGroup(where string, line *directives.RequireLine, r *directives.RequireGroup,
	dir *directives.DirConfig, users *authfile.Users, groups *authfile.Groups) {
	a := &dir.Auth
	if a.GroupFile == "" {
		l.add(where, "%s: no AuthGroupFile applies here, so Apache refuses every user (AH01664)", requireText(line))
		return
	}
	if groups == nil {
		return // unreadable: said where the file is named
	}
	names := r.Groups
	if r.Expr != nil {
		names = slices.Sorted(maps.Keys(groups.Members)) // known only per request: check them all
	}
	for _, g := range names {
		members, ok := groupMembers(groups, g)
		if !ok {
			l.add(where, "%s: group %s is not in AuthGroupFile %s, so it lets nobody in", requireText(line), g, a.GroupFile)
			continue
		}
		if users == nil {
			continue
		}
		for _, m := range missingUsers(members, users) {
			l.add(where, "%s: member %s of group %s (AuthGroupFile %s) is not in AuthUserFile %s, so %s can never log in",
				requireText(line), m, g, a.GroupFile, a.UserFile, m)
		}
	}
}

// groupMembers are the members of every group in the file whose name is
// name but for ASCII case: Apache's mod_authz_groupfile matches a Require
// group name to the file's names that way (an APR table), members exactly.
func groupMembers(groups *authfile.Groups, name string) ([]string, bool) {
	var members []string
	found := false
	for _, g := range slices.Sorted(maps.Keys(groups.Members)) {
		if asciiEqualFold(g, name) {
			members, found = append(members, groups.Members[g]...), true
		}
	}
	return members, found
}

// asciiEqualFold compares as strcasecmp does: only ASCII letters fold.
func asciiEqualFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// missingUsers are the names the htpasswd file does not list, once each.
func missingUsers(names []string, users *authfile.Users) []string {
	var out []string
	for _, n := range names {
		if _, ok := users.ByName[n]; !ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// requireLines are the lines of a Require tree, depth first.
func requireLines(s *directives.RequireSection) []*directives.RequireLine {
	if s == nil {
		return nil
	}
	var out []*directives.RequireLine
	for _, item := range s.Items {
		switch it := item.(type) {
		case *directives.RequireLine:
			out = append(out, it)
		case *directives.RequireSection:
			out = append(out, requireLines(it)...)
		}
	}
	return out
}

// requireText is the Require line as written, for messages.
func requireText(line *directives.RequireLine) string {
	return strings.TrimSpace(line.String())
}

// pathCovers reports whether a <Location> or ProxyPass prefix matches path
// as Apache matches it: a prefix ending at a slash or at the path's end.
func pathCovers(prefix, path string) bool {
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	return len(path) == len(prefix) || strings.HasSuffix(prefix, "/") || path[len(prefix)] == '/'
}

// authReport describes every password and group file the config uses, in
// the order the config names them: per AuthUserFile its users, the hash
// formats in use and the lines nobody can log in with, and why; per
// AuthGroupFile its groups and their members. It is a description, not a
// warning: check prints the warnings themselves through lint.
func authReport(cfg *directives.Config, files *directives.Files) []string {
	l := &linter{cfg: cfg, files: files, seen: map[string]bool{},
		users: map[string]*authfile.Users{}, groups: map[string]*authfile.Groups{}}
	var out []string
	for _, s := range append([]*directives.Server{cfg.Main}, cfg.VirtualHosts...) {
		for _, dir := range l.authPlaces(s) {
			a := &dir.Auth
			if _, done := l.users[a.UserFile]; a.UserFile != "" && !done {
				digest := strings.EqualFold(a.BasicUseDigestAlgorithm, "md5")
				out = append(out, userFileReport(a.UserFile, l.readUsers("", a.UserFile, digest), digest)...)
			}
			if _, done := l.groups[a.GroupFile]; a.GroupFile != "" && !done {
				out = append(out, groupFileReport(a.GroupFile, l.readGroups("", a.GroupFile))...)
			}
		}
	}
	return out
}

// userFileReport describes one htpasswd file; users is nil when it
// cannot be read.
func userFileReport(file string, users *authfile.Users, digest bool) []string {
	if users == nil {
		return []string{"AuthUserFile " + file + ": cannot be read"}
	}
	if digest {
		return []string{fmt.Sprintf("AuthUserFile %s: %d users (htdigest file)", file, len(users.ByName))}
	}
	counts := map[authfile.Scheme]int{}
	var bad []authfile.User
	for _, u := range users.ByName {
		s := authfile.SchemeOf(u.Hash)
		counts[s]++
		if s == authfile.Unusable {
			bad = append(bad, u)
		}
	}
	var formats []string
	for _, s := range slices.Sorted(maps.Keys(counts)) {
		if s != authfile.Unusable {
			formats = append(formats, fmt.Sprintf("%s %d", s, counts[s]))
		}
	}
	if n := counts[authfile.Unusable]; n > 0 {
		formats = append(formats, fmt.Sprintf("unusable %d", n))
	}
	out := []string{fmt.Sprintf("AuthUserFile %s: %d users (%s)", file, len(users.ByName), strings.Join(formats, ", "))}
	slices.SortFunc(bad, func(a, b authfile.User) int { return a.Line - b.Line })
	for _, u := range bad {
		out = append(out, fmt.Sprintf("  line %d: nobody can log in as %s: %s", u.Line, u.Name, unusableReason(u.Hash)))
	}
	for _, dup := range users.Shadowed {
		out = append(out, fmt.Sprintf("  line %d: this password of %s never works: line %d lists %s first", dup.Line, dup.Name, users.ByName[dup.Name].Line, dup.Name))
	}
	if line, ok := tooLongLine(users.Err); ok {
		out = append(out, fmt.Sprintf("  line %d: too long; Apache stops reading there, so nobody from it on can log in", line))
	}
	return out
}

// knownMagics are the prefixes of the formats Apache accepts: a hash that
// starts with one but SchemeOf refuses is malformed.
var knownMagics = []string{"$2a$", "$2b$", "$2x$", "$2y$", "$apr1$", "$1$", "$5$", "$6$", "$sha1$", "$y$", "$gy$", "$7$", "$md5", "$3$", "_"}

// unusableReason says why Apache refuses every password for hash.
func unusableReason(hash string) string {
	switch {
	case hash == "":
		return "the password hash is empty"
	case strings.HasPrefix(hash, "{SHA}"):
		return "the {SHA} hash is malformed"
	case strings.HasPrefix(hash, "{"):
		if end := strings.IndexByte(hash, '}'); end > 0 {
			return "a " + hash[:end+1] + " hash, which Apache on Linux does not accept"
		}
	}
	for _, m := range knownMagics {
		if strings.HasPrefix(hash, m) {
			return "the " + strings.Trim(m, "$") + " hash is malformed"
		}
	}
	if strings.HasPrefix(hash, "$") {
		return "an unknown hash format, which Apache on Linux does not accept"
	}
	return "plaintext or an unknown format, which Apache on Linux does not accept"
}

// groupFileReport describes one group file; groups is nil when it cannot
// be read.
func groupFileReport(file string, groups *authfile.Groups) []string {
	if groups == nil {
		return []string{"AuthGroupFile " + file + ": cannot be read"}
	}
	out := []string{fmt.Sprintf("AuthGroupFile %s: %d groups", file, len(groups.Members))}
	for _, g := range slices.Sorted(maps.Keys(groups.Members)) {
		members := groups.Members[g]
		if len(members) == 0 {
			out = append(out, "  "+g+": no members")
			continue
		}
		out = append(out, fmt.Sprintf("  %s: %s", g, strings.Join(members, " ")))
	}
	return out
}
