package main

import (
	"errors"
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
		l.add(where, "AuthUserFile %s:%d: line longer than Apache reads (8191 bytes); Apache stops reading there, so nobody from this line on can log in", file, line)
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
		members, ok := groups.Members[g]
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
