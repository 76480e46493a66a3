// Package authfile reads htpasswd and group files as Apache's mod_authn_file
// and mod_authz_groupfile read them.
package authfile

import (
	"bytes"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// maxUserLine is the most bytes of a line, before its newline, that
// mod_authn_file reads: its buffer is MAX_STRING_LEN (8192) bytes and
// must keep room for the newline and the NUL, so a line of 8191 bytes or
// more (blanks and a CR included) stops the reading.
const maxUserLine = 8192 - 2

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
//
// As Apache's ap_getword, the ':' after the name may be repeated
// ("alice::hash" has the hash "hash").
func ReadUsers(name string, data []byte) *Users {
	data, tooLong := cutAtLongLine(name, data, maxUserLine)
	lines, err := parser.Lines(name, data, maxUserLine)
	if err == nil {
		err = tooLong
	}
	u := &Users{ByName: map[string]User{}, Err: err}
	for _, l := range lines {
		if l.Text == "" || l.Text[0] == '#' {
			continue
		}
		user, rest, _ := strings.Cut(l.Text, ":")
		hash, _, _ := strings.Cut(strings.TrimLeft(rest, ":"), ":")
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
// Apache's config word rules (quotes group words). Names are kept as
// written; Apache matches a Require group name to them without regard to
// ASCII case, and members exactly.
func ReadGroups(name string, data []byte) *Groups {
	lines, err := parser.Lines(name, data, 0)
	g := &Groups{Members: map[string][]string{}, Err: err}
	for _, l := range lines {
		if l.Text == "" || l.Text[0] == '#' {
			continue
		}
		group, rest, _ := strings.Cut(l.Text, ":")
		group = strings.TrimRight(group, " \t\n\v\f\r")
		// ap_getword skips every ':' after the name, so "g:: a" lists a.
		g.Members[group] = append(g.Members[group], parser.Words(strings.TrimLeft(rest, ":"))...)
	}
	return g
}

// cutAtLongLine returns data up to the logical line at which Apache's
// ap_cfg_getline with a fixed buffer gives up, and an error naming that
// line, or all of data and nil. Apache counts raw bytes: leading and
// trailing blanks and a CR count, and a continued line counts all its
// parts (less each backslash-newline). A NUL ends a physical line's text.
func cutAtLongLine(name string, data []byte, max int) ([]byte, error) {
	start, joined := 0, 0 // where the logical line starts, its length so far
	for off, num := 0, 1; off < len(data); num++ {
		end := bytes.IndexByte(data[off:], '\n')
		next := len(data)
		if end >= 0 {
			end += off
			next = end + 1
		} else {
			end = len(data)
		}
		phys := data[off:end]
		nul := bytes.IndexByte(phys, 0)
		if nul >= 0 {
			phys = phys[:nul]
		}
		if joined+len(phys) > max {
			return data[:start], &parser.Error{File: name, Line: num, Msg: "Could not read config file " + name + ": line too long"}
		}
		body := bytes.TrimSuffix(phys, []byte("\r"))
		if nul < 0 && end < len(data) && bytes.HasSuffix(body, []byte("\\")) {
			joined += len(body) - 1
		} else {
			start, joined = next, 0
		}
		off = next
	}
	return data, nil
}
