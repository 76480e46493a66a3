package directives

import (
	"errors"
	"fmt"
)

// AuthConfig is the per-directory config of the authentication modules:
// mod_authn_core (AuthType, AuthName), mod_auth_basic (AuthBasic*),
// mod_authn_file (AuthUserFile) and mod_authz_groupfile (AuthGroupFile,
// kept here beside the user file it pairs with). A nil pointer or empty
// string is unset and inherits from the enclosing section.
type AuthConfig struct {
	// Type is AuthType. At request time it is evaluated; "None" (any case)
	// means no authentication, "Basic" (any case) is mod_auth_basic's, and
	// any other type answers 500, as no module of gohttpd handles it.
	Type *StringExpr
	// Name is AuthName, the realm sent in WWW-Authenticate. Apache
	// escapes double quotes in its value (ap_escape_quotes).
	Name *StringExpr

	// BasicProviders are AuthBasicProvider's authn providers, tried in
	// order until one knows the user; nil means unset, and then "file".
	BasicProviders []string
	// BasicAuthoritative is AuthBasicAuthoritative; unset means On.
	BasicAuthoritative *bool
	// BasicFake is AuthBasicFake: an Authorization header made up for the
	// backend in the fixups phase.
	BasicFake *BasicFake
	// BasicUseDigestAlgorithm is AuthBasicUseDigestAlgorithm: "Off" or
	// "MD5" (as written, compared case-insensitively); "" is unset. With
	// MD5 the providers look the user up by realm (htdigest lines
	// user:realm:hash) and the password checks as md5(user:realm:password).
	BasicUseDigestAlgorithm string

	// UserFile is AuthUserFile, relative to the ServerRoot already; the
	// file provider reads it at each request, as Apache does.
	UserFile string
	// GroupFile is AuthGroupFile, likewise, for Require group.
	GroupFile string
}

// merge is the union of the modules' merge_dir_config: every field the
// section sets wins. mod_authn_file and mod_authz_groupfile have no merger,
// but their config holds one field, so the effect is the same.
func (d *AuthConfig) merge(parent *AuthConfig) AuthConfig {
	out := *parent
	if d.Type != nil {
		out.Type = d.Type
	}
	if d.Name != nil {
		out.Name = d.Name
	}
	if d.BasicProviders != nil {
		out.BasicProviders = d.BasicProviders
	}
	if d.BasicAuthoritative != nil {
		out.BasicAuthoritative = d.BasicAuthoritative
	}
	if d.BasicFake != nil {
		out.BasicFake = d.BasicFake
	}
	if d.BasicUseDigestAlgorithm != "" {
		out.BasicUseDigestAlgorithm = d.BasicUseDigestAlgorithm
	}
	if d.UserFile != "" {
		out.UserFile = d.UserFile
	}
	if d.GroupFile != "" {
		out.GroupFile = d.GroupFile
	}
	return out
}

func init() {
	register(&Module{Name: "authn_core_module", Source: "mod_authn_core.c", Commands: []*Command{
		{Name: "AuthType", How: Take1, Where: OrAuthCfg, Run: setAuthType,
			Usage: `an HTTP authorization type (e.g., "Basic")`},
		{Name: "AuthName", How: Take1, Where: OrAuthCfg, Run: setAuthName,
			Usage: `the authentication realm (e.g. "Members Only")`},
		{Name: "<AuthnProviderAlias", How: RawArgs, Where: RsrcConf, Run: providerAliasSection},
	}})
}

func setAuthType(c *Cmd, args []string) error {
	e, err := parseStringExpr(c, args[0])
	if err != nil {
		return fmt.Errorf("Cannot parse expression '%s' in AuthType: %v", args[0], err)
	}
	c.Dir.Auth.Type = &e
	return nil
}

func setAuthName(c *Cmd, args []string) error {
	e, err := parseStringExpr(c, args[0])
	if err != nil {
		return fmt.Errorf("Cannot parse expression '%s' in AuthName: %v", args[0], err)
	}
	c.Dir.Auth.Name = &e
	return nil
}

// providerAliasSection checks <AuthnProviderAlias> and <AuthzProviderAlias>
// as Apache does, then refuses them: gohttpd does not implement provider
// aliases, whose per-server registry the model has no place for yet.
func providerAliasSection(c *Cmd, _ []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	raw, ok := c.Directive.SectionArgs()
	if !ok {
		return errors.New(c.Command.Name + "> directive missing closing '>'")
	}
	if words := confWords(raw); len(words) < 2 {
		return errors.New(c.Command.Name + "> directive requires additional arguments")
	}
	return fmt.Errorf("%s> is not implemented by gohttpd", c.Command.Name)
}
