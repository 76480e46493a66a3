package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// unixdDefault is the account mod_unixd serves as when User or Group is
// not set.
const unixdDefault = "daemon"

// identity is who mod_unixd makes the server: User's name and uid,
// Group's gid, and the supplementary groups initgroups gives User.
type identity struct {
	name     string
	uid, gid int
	groups   []int
}

// unixdIdentity resolves User and Group as mod_unixd does, reading
// /etc/passwd and /etc/group through files as the directives did.
func unixdIdentity(p *directives.ProcessConfig, files *directives.Files) (identity, error) {
	passwd := accounts(files, "/etc/passwd")
	id := identity{name: p.User, uid: p.UserID, gid: p.GroupID}
	if p.User == "" {
		id.name, id.uid = unixdDefault, passwd.id(unixdDefault)
	}
	if p.Group == "" {
		id.gid = accounts(files, "/etc/group").id(unixdDefault)
	}
	if id.uid < 0 {
		return identity{}, fmt.Errorf("AH00543: bad user name %s", id.name)
	}
	if id.gid < 0 {
		return identity{}, fmt.Errorf("AH00544: bad group name %s", p.Group)
	}
	// Apache takes the groups of the name as written: a uid may have
	// several passwd lines, each with its own groups. "#n" has no name;
	// Apache finds the first line with that uid.
	if strings.HasPrefix(id.name, "#") {
		id.name = passwd.nameOf(id.uid)
	}
	id.groups = accounts(files, "/etc/group").groupsOf(id.name, id.gid)
	return id, nil
}

// accountFile is a passwd-style file split into lines of colon-separated
// fields; a file that cannot be read is empty.
type accountFile [][]string

func accounts(files *directives.Files, name string) accountFile {
	data, err := files.ReadFile(name)
	if err != nil {
		return nil
	}
	var out accountFile
	for line := range strings.Lines(string(data)) {
		if f := strings.Split(strings.TrimRight(line, "\r\n"), ":"); len(f) > 2 {
			out = append(out, f)
		}
	}
	return out
}

// id is the numeric id of the named entry, -1 when there is none.
func (a accountFile) id(name string) int {
	for _, f := range a {
		if f[0] == name {
			if n, err := strconv.Atoi(f[2]); err == nil {
				return n
			}
		}
	}
	return -1
}

// nameOf is the name of the first entry with the numeric id, "" when
// there is none.
func (a accountFile) nameOf(id int) string {
	for _, f := range a {
		if f[2] == strconv.Itoa(id) {
			return f[0]
		}
	}
	return ""
}

// groupsOf is what initgroups(user, gid) sets from a group file: gid,
// then every group listing user as a member, each once.
func (a accountFile) groupsOf(user string, gid int) []int {
	out := []int{gid}
	for _, f := range a {
		if len(f) < 4 || user == "" || !slices.Contains(strings.Split(f[3], ","), user) {
			continue
		}
		if n, err := strconv.Atoi(f[2]); err == nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// secretFiles are the files mod_ssl reads with root's rights: the
// certificates, their keys and chains, and session ticket keys of every
// server, each once.
func secretFiles(cfg *directives.Config) []string {
	var out []string
	for _, s := range append([]*directives.Server{cfg.Main}, cfg.VirtualHosts...) {
		if s == nil {
			continue
		}
		ssl := &s.SSL
		names := slices.Concat(ssl.CertificateFiles, ssl.CertificateKeyFiles,
			[]string{ssl.CertificateChainFile, ssl.SessionTicketKeyFile})
		for _, n := range names {
			if n != "" && !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}
