package directives

// RequireGroup is "Require group": the authenticated user must be listed
// in one of these groups of the AuthGroupFile. Without a user it answers
// AuthzDeniedNoUser; without a group file, a file that cannot be read, or
// a user in no group, AuthzDenied.
type RequireGroup struct {
	// Groups are the group names when the list has no variables.
	Groups []string
	// Expr is the list as an expression when it has variables: evaluate it
	// per request, then split it into words as Apache's ap_getword_conf.
	Expr *StringExpr
}

// RequireFileGroup is "Require file-group": the user must be in the group
// that owns the requested file (through mod_authz_owner); it takes no
// arguments.
type RequireFileGroup struct{}

func (*RequireGroup) requireProvider()     {}
func (*RequireFileGroup) requireProvider() {}

func init() {
	register(&Module{Name: "authz_groupfile_module", Source: "mod_authz_groupfile.c", Commands: []*Command{
		{Name: "AuthGroupFile", How: Take1, Where: OrAuthCfg, Run: setGroupFile,
			Usage: "text file containing group names and member user IDs"},
	}})
	registerAuthzProvider("group", "authz_groupfile_module", parseRequireGroup)
	registerAuthzProvider("file-group", "authz_groupfile_module", func(*Cmd, string) (RequireProvider, error) {
		return &RequireFileGroup{}, nil
	})
}

// setGroupFile records the group file relative to the ServerRoot, unopened,
// as ap_set_file_slot.
func setGroupFile(c *Cmd, args []string) error {
	c.Dir.Auth.GroupFile = c.ServerRootRelative(args[0])
	return nil
}

func parseRequireGroup(c *Cmd, args string) (RequireProvider, error) {
	words, expr, err := parseRequireList(c, args)
	if err != nil {
		return nil, err
	}
	return &RequireGroup{Groups: words, Expr: expr}, nil
}
