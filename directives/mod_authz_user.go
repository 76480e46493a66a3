package directives

import "fmt"

// RequireUser is "Require user": the authenticated user must be one of
// these (compared case-sensitively). Without a user it answers
// AuthzDeniedNoUser.
type RequireUser struct {
	// Users are the user names when the list has no variables.
	Users []string
	// Expr is the list as an expression when it has variables: evaluate it
	// per request, then split it into words as Apache's ap_getword_conf.
	Expr *StringExpr
}

// RequireValidUser is "Require valid-user": any authenticated user. Its
// arguments, if any, are ignored, as in Apache.
type RequireValidUser struct{}

func (*RequireUser) requireProvider()      {}
func (*RequireValidUser) requireProvider() {}

func init() {
	register(&Module{Name: "authz_user_module", Source: "mod_authz_user.c"})
	registerAuthzProvider("user", "authz_user_module", parseRequireUser)
	registerAuthzProvider("valid-user", "authz_user_module", func(*Cmd, string) (RequireProvider, error) {
		return &RequireValidUser{}, nil
	})
}

func parseRequireUser(c *Cmd, args string) (RequireProvider, error) {
	words, expr, err := parseRequireList(c, args)
	if err != nil {
		return nil, err
	}
	return &RequireUser{Users: words, Expr: expr}, nil
}

// parseRequireList parses a Require line's arguments as the string
// expression Apache makes of them; a list without variables is split into
// its words now.
func parseRequireList(c *Cmd, args string) ([]string, *StringExpr, error) {
	e, err := parseStringExpr(c, args)
	if err != nil {
		return nil, nil, fmt.Errorf("Cannot parse expression in require line: %v", err)
	}
	if s, ok := e.Static(); ok {
		return confWords(s), nil, nil
	}
	return nil, &e, nil
}
