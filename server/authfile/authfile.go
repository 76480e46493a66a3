// Package authfile reads htpasswd and group files as Apache's mod_authn_file
// and mod_authz_groupfile read them.
package authfile

import (
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// maxUserLine is Apache's MAX_STRING_LEN: mod_authn_file reads the password
// file into a buffer of that size and stops at a longer line.
const maxUserLine = 8192 - 1

// User is one line of an htpasswd file.
type User struct {
	Name string
	Hash string // up to the next ':'; extra fields are ignored
	Line int
}

// Users is an htpasswd file: the first line for a name wins, as Apache
// stops at the first match.
type Users struct {
	ByName map[string]User
	// Shadowed are later lines for a name already seen: nobody can log in
	// with them.
	Shadowed []User
	// Err is why reading stopped early (a line too long), or nil.
	Err error
}

// ReadUsers reads an htpasswd file's text: lines starting with '#' and blank
// lines are skipped; the name ends at the first ':', the hash at the next.
func ReadUsers(name string, data []byte) *Users {
	lines, err := parser.Lines(name, data, maxUserLine)
	u := &Users{ByName: map[string]User{}, Err: err}
	for _, l := range lines {
		if l.Text == "" || l.Text[0] == '#' {
			continue
		}
		user, rest, _ := strings.Cut(l.Text, ":")
		hash, _, _ := strings.Cut(rest, ":")
		entry := User{Name: user, Hash: hash, Line: l.Num}
		if _, seen := u.ByName[user]; seen {
			u.Shadowed = append(u.Shadowed, entry)
			continue
		}
		u.ByName[user] = entry
	}
	return u
}

// Groups is a group file: each group's members, accumulated over all its
// lines, in file order.
type Groups struct {
	Members map[string][]string
	Err     error
}

// ReadGroups reads a group file's text: "group: member member", the group
// name up to the first ':' with trailing blanks dropped, members split by
// Apache's config word rules (quotes group words).
func ReadGroups(name string, data []byte) *Groups {
	lines, err := parser.Lines(name, data, 0)
	g := &Groups{Members: map[string][]string{}, Err: err}
	for _, l := range lines {
		if l.Text == "" || l.Text[0] == '#' {
			continue
		}
		group, rest, _ := strings.Cut(l.Text, ":")
		group = strings.TrimRight(group, " \t\n\v\f\r")
		g.Members[group] = append(g.Members[group], parser.Words(rest)...)
	}
	return g
}
