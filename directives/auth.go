package directives

// AuthConfig is the per-directory config of mod_authn_core, mod_auth_basic
// and mod_authn_file.
type AuthConfig struct{}

func (d *AuthConfig) merge(parent *AuthConfig) AuthConfig { return *d }

// AuthzConfig is mod_authz_core's per-directory config.
type AuthzConfig struct{}

func (d *AuthzConfig) merge(parent *AuthzConfig) AuthzConfig { return *d }

// AccessConfig is mod_access_compat's per-directory config.
type AccessConfig struct{}

func (d *AccessConfig) merge(parent *AccessConfig) AccessConfig { return *d }

func init() {
	for _, m := range [][2]string{
		{"auth_basic_module", "mod_auth_basic.c"},
		{"authn_core_module", "mod_authn_core.c"},
		{"authn_file_module", "mod_authn_file.c"},
		{"authz_core_module", "mod_authz_core.c"},
		{"authz_user_module", "mod_authz_user.c"},
		{"authz_groupfile_module", "mod_authz_groupfile.c"},
		{"authz_host_module", "mod_authz_host.c"},
		{"access_compat_module", "mod_access_compat.c"},
	} {
		register(&Module{Name: m[0], Source: m[1]})
	}
}
