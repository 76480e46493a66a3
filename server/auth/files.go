package auth

import (
	"errors"
	"fmt"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/authfile"
)

// verify checks a password against an htpasswd hash; a variable so the
// hash formats stay authfile's business.
var verify = func(hash, password string) bool { return authfile.Verify(hash, password) }

// Users is an authentication provider's store of password hashes.
type Users interface {
	// Lookup returns user's hash; found is false for an unknown user, and
	// err reports a store that cannot be read.
	Lookup(user string) (hash string, found bool, err error)
}

// Groups is a store of group memberships.
type Groups interface {
	// GroupsOf returns the groups user belongs to; err reports a store
	// that cannot be read.
	GroupsOf(user string) ([]string, error)
}

// errNoUserFile is mod_authn_file's error when AuthUserFile is not set.
var errNoUserFile = errors.New("AH01619: AuthUserFile not specified in the configuration")

// FileUsers is AuthUserFile's htpasswd file, read at every lookup as
// mod_authn_file reads it.
type FileUsers struct {
	Files *directives.Files // maps the config's path to this machine; nil: as named
	Path  string            // as the config names it; "" when AuthUserFile is unset
}

// Lookup finds user's first line in the file.
func (f *FileUsers) Lookup(user string) (string, bool, error) {
	if f.Path == "" {
		return "", false, errNoUserFile
	}
	data, err := f.Files.ReadFile(f.Path)
	if err != nil {
		return "", false, fmt.Errorf("AH01620: Could not open password file: %s: %w", f.Path, err)
	}
	u, ok := authfile.ReadUsers(f.Path, data).ByName[user]
	return u.Hash, ok, nil
}

// FileGroups is AuthGroupFile's group file, read at every lookup as
// mod_authz_groupfile reads it.
type FileGroups struct {
	Files *directives.Files
	Path  string
}

// GroupsOf lists the groups whose lines name user, in file order.
func (f *FileGroups) GroupsOf(user string) ([]string, error) {
	data, err := f.Files.ReadFile(f.Path)
	if err != nil {
		return nil, fmt.Errorf("AH01665: Could not open group file: %s: %w", f.Path, err)
	}
	var out []string
	for group, members := range authfile.ReadGroups(f.Path, data).Members {
		for _, m := range members {
			if m == user {
				out = append(out, group)
				break
			}
		}
	}
	return out, nil
}
