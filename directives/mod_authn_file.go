package directives

func init() {
	register(&Module{Name: "authn_file_module", Source: "mod_authn_file.c", Commands: []*Command{
		{Name: "AuthUserFile", How: Take1, Where: OrAuthCfg, Run: setUserFile,
			Usage: "text file containing user IDs and passwords"},
	}})
}

// setUserFile records the password file, as ap_set_file_slot: relative to
// the ServerRoot, neither opened nor checked now, since Apache reads it
// only when a request needs it.
func setUserFile(c *Cmd, args []string) error {
	c.Dir.Auth.UserFile = c.ServerRootRelative(args[0])
	return nil
}
