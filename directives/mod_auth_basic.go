package directives

import (
	"fmt"
	"strings"
)

// BasicFake is AuthBasicFake: with Off, no header is made (and an
// inherited one is cancelled); otherwise the fixups phase sets
// "Authorization: Basic base64(user:password)" from the evaluated
// expressions, or removes the header when either evaluates empty.
type BasicFake struct {
	Off      bool
	User     StringExpr
	Password StringExpr // "password" when the directive gives none, as mod_ssl's FakeBasicAuth
}

// authnProviders are the authentication providers AuthBasicProvider
// accepts, each with the module that registers it and whether gohttpd
// implements it.
var authnProviders = map[string]struct {
	module      string
	implemented bool
}{
	"file":    {"authn_file_module", true},
	"anon":    {"authn_anon_module", false},
	"dbd":     {"authn_dbd_module", false},
	"dbm":     {"authn_dbm_module", false},
	"socache": {"authn_socache_module", false},
	"ldap":    {"authnz_ldap_module", false},
}

func init() {
	register(&Module{Name: "auth_basic_module", Source: "mod_auth_basic.c", Commands: []*Command{
		{Name: "AuthBasicProvider", How: Iterate, Where: OrAuthCfg, Run: addAuthnProvider,
			Usage: "specify the auth providers for a directory or location"},
		{Name: "AuthBasicAuthoritative", How: Flag, Where: OrAuthCfg, Run: setBasicAuthoritative,
			Usage: "Set to 'Off' to allow access control to be passed along to lower modules if the UserID is not known to this module"},
		{Name: "AuthBasicFake", How: Take12, Where: OrAuthCfg, Run: setBasicFake,
			Usage: "Fake basic authentication using the given expressions for username and password, 'off' to disable. Password defaults to 'password' if missing."},
		{Name: "AuthBasicUseDigestAlgorithm", How: Take1, Where: OrAuthCfg, Run: setBasicUseDigestAlgorithm,
			Usage: "Set to 'MD5' to use the auth provider's authentication check for digest auth, using a hash of 'user:realm:pass'"},
	}})
}

// addAuthnProvider appends one provider: several AuthBasicProvider lines in
// one section add up, as in Apache. Provider names are case-sensitive.
func addAuthnProvider(c *Cmd, args []string) error {
	name := args[0]
	p, ok := authnProviders[name]
	if !ok || !c.ModuleLoaded(p.module) {
		return fmt.Errorf("Unknown Authn provider: %s", name)
	}
	if !p.implemented {
		return fmt.Errorf("the '%s' Authn provider of %s is not implemented by gohttpd", name, p.module)
	}
	c.Dir.Auth.BasicProviders = append(c.Dir.Auth.BasicProviders, name)
	return nil
}

func setBasicAuthoritative(c *Cmd, args []string) error {
	on := args[0] == "on"
	c.Dir.Auth.BasicAuthoritative = &on
	return nil
}

func setBasicFake(c *Cmd, args []string) error {
	user := args[0]
	if strings.EqualFold(user, "off") {
		c.Dir.Auth.BasicFake = &BasicFake{Off: true}
		return nil
	}
	pass := "password"
	if len(args) > 1 {
		pass = args[1]
	}
	fake := &BasicFake{}
	var err error
	if fake.User, err = parseStringExpr(c, user); err != nil {
		return fmt.Errorf("Could not parse fake username expression '%s': %v", user, err)
	}
	if fake.Password, err = parseStringExpr(c, pass); err != nil {
		return fmt.Errorf("Could not parse fake password expression associated to user '%s': %v", user, err)
	}
	c.Dir.Auth.BasicFake = fake
	return nil
}

func setBasicUseDigestAlgorithm(c *Cmd, args []string) error {
	alg := args[0]
	if !strings.EqualFold(alg, "Off") && !strings.EqualFold(alg, "MD5") {
		return fmt.Errorf("Invalid algorithm in AuthBasicUseDigestAlgorithm: %s", alg)
	}
	c.Dir.Auth.BasicUseDigestAlgorithm = alg
	return nil
}
