package auth

import (
	"errors"
	"fmt"

	"github.com/gohttpd/gohttpd/server/authfile"
)

// Users is an authentication provider's store of password hashes.
type Users interface {
	// Lookup returns user's hash; found is false for an unknown user, and
	// err reports a store that cannot be read. For an unknown user, hash
	// is a decoy of the store's usual format and cost (or ""): checking
	// the password against it makes an unknown user cost what a wrong
	// password costs, so timing does not tell which users exist.
	Lookup(user string) (hash string, found bool, err error)
}

// Groups is a store of group memberships.
type Groups interface {
	// GroupsOf returns the groups user belongs to, which the caller must
	// not modify; err reports a store that cannot be read.
	GroupsOf(user string) ([]string, error)
}

// errNoUserFile is mod_authn_file's error when AuthUserFile is not set.
var errNoUserFile = errors.New("AH01619: AuthUserFile not specified in the configuration")

// FileUsers is AuthUserFile's htpasswd file. As mod_authn_file, every
// lookup sees the file as it is at that moment, but the file is read only
// when it has changed (authfile.Source). Build it with Env.
type FileUsers struct {
	path string // as the config names it; "" when AuthUserFile is unset
	src  *authfile.Source[*userTable]
}

// userTable is one version of an htpasswd file.
type userTable struct {
	users *authfile.Users
	decoy string
}

func newUserTable(name string, data []byte) *userTable {
	u := authfile.ReadUsers(name, data)
	return &userTable{users: u, decoy: decoyHash(u)}
}

// Lookup finds user's first line in the file; an unknown user gets the
// file's decoy hash.
func (f *FileUsers) Lookup(user string) (string, bool, error) {
	if f.path == "" {
		return "", false, errNoUserFile
	}
	t, err := f.src.Load()
	if err != nil {
		return "", false, fmt.Errorf("AH01620: Could not open password file: %s: %w", f.path, err)
	}
	u, ok := t.users.ByName[user]
	if !ok {
		return t.decoy, false, nil
	}
	return u.Hash, true, nil
}

// FileGroups is AuthGroupFile's group file, seen as it is at each lookup
// as mod_authz_groupfile sees it, and read only when it has changed.
// Build it with Env.
type FileGroups struct {
	path string
	src  *authfile.Source[groupTable]
}

// groupTable maps each member to the groups whose lines name it, so a
// lookup costs one map access however large the file.
type groupTable map[string][]string

func newGroupTable(name string, data []byte) groupTable {
	g := authfile.ReadGroups(name, data)
	t := groupTable{}
	for group, members := range g.Members {
		for _, m := range members {
			if !contains(t[m], group) {
				t[m] = append(t[m], group)
			}
		}
	}
	return t
}

// GroupsOf lists the groups whose lines name user.
func (f *FileGroups) GroupsOf(user string) ([]string, error) {
	t, err := f.src.Load()
	if err != nil {
		return nil, fmt.Errorf("AH01665: Could not open group file: %s: %w", f.path, err)
	}
	return t[user], nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
