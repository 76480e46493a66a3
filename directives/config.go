package directives

import "regexp"

// Config is a whole configuration as Apache would run it: the main server,
// its virtual hosts, listeners and process settings. The server package
// builds the running pipeline from it and never sees directive text.
type Config struct {
	ServerRoot string
	File       string // the main configuration file
	// Defines are the names defined by -D and Define, in order; Vars the
	// values Define gave.
	Defines []string
	Vars    map[string]string
	// Modules lists the modules loaded, static ones first.
	Modules []string

	Main         *Server
	VirtualHosts []*Server // in config order; the first for an address is its default
	Listeners    []Listener
	Process      ProcessConfig

	// Warnings are what Apache would log while reading, and what gohttpd
	// adds (a module it does not implement was loaded).
	Warnings []Warning
}

// Warning is a non-fatal finding at a place in the config.
type Warning struct {
	File string
	Line int
	Msg  string
}

// Listener is one Listen directive.
type Listener struct {
	Addr     string // host or IP; empty for every address
	Port     int
	Protocol string // "http", "https" or empty (by port, as Apache)
	File     string
	Line     int
}

// Server is the main server or one <VirtualHost>: Apache's server_rec with
// each module's server config.
type Server struct {
	Virtual bool
	Addrs   []VirtualHostAddr // the <VirtualHost> arguments
	File    string            // where the <VirtualHost> starts
	Line    int

	Core  CoreServerConfig
	SSL   SSLServerConfig
	Proxy ProxyServerConfig
	Log   LogServerConfig
	// ReqTimeout is mod_reqtimeout's RequestReadTimeout.
	ReqTimeout ReqTimeoutConfig

	// Origins are where this server's own directives outside sections
	// stand (not the main server's a virtual host inherits).
	Origins Origins

	// Dir is the server's default per-directory config (Apache's
	// lookup_defaults); Sections are its <Directory>, <Location> and
	// <Files> sections in config order, which Apache merges over Dir.
	Dir      *DirConfig
	Sections []*Section
}

// VirtualHostAddr is one address of a <VirtualHost>: "*:5043", "_default_",
// "[::1]:443", "10.0.0.1".
type VirtualHostAddr struct {
	Host string // "*" and "_default_" match every address
	Port int    // 0 when not given or "*": every port
}

// SectionKind says which kind of per-directory section a Section is.
type SectionKind int

// The per-directory section kinds.
const (
	DirectorySection SectionKind = iota
	LocationSection
	FilesSection
	ProxySection
)

// Section is one <Directory>, <Location> or <Files> section (or its Match
// form, or <Proxy>), with the per-directory config its body made.
type Section struct {
	Kind  SectionKind
	Path  string         // as written; for a regex section, the regex
	Regex *regexp.Regexp // non-nil for the Match forms and "~"
	File  string
	Line  int
	Dir   *DirConfig
}

// DirConfig is the per-directory config of every module, as Apache keeps
// one per section and merges them outward-in.
type DirConfig struct {
	Core    CoreDirConfig
	Access  AccessConfig // mod_access_compat
	Auth    AuthConfig   // mod_auth_basic, mod_authn_core, mod_authn_file
	Authz   AuthzConfig  // mod_authz_core and its providers
	Headers HeadersConfig
	Proxy   ProxyDirConfig
	SSL     SSLDirConfig

	// Origins are where the directives that made this config stand; a
	// merged config has the inner scope's in place of the outer's.
	Origins Origins
}

// Merge returns the config that applies where d's section lies inside
// parent's, as each module's merge_dir_config does. Neither input changes.
func (d *DirConfig) Merge(parent *DirConfig) *DirConfig {
	return &DirConfig{
		Core:    d.Core.merge(&parent.Core),
		Access:  d.Access.merge(&parent.Access),
		Auth:    d.Auth.merge(&parent.Auth),
		Authz:   d.Authz.merge(&parent.Authz),
		Headers: d.Headers.merge(&parent.Headers),
		Proxy:   d.Proxy.merge(&parent.Proxy),
		SSL:     d.SSL.merge(&parent.SSL),
		Origins: d.Origins.over(parent.Origins),
	}
}

// mergeServer fills what a virtual host left unset from the main server,
// as Apache's merge_server_configs does at start.
func (s *Server) mergeServer(main *Server) {
	s.Core.mergeServer(&main.Core)
	s.SSL.mergeServer(&main.SSL)
	s.Proxy.mergeServer(&main.Proxy)
	s.Log.mergeServer(&main.Log)
	s.ReqTimeout.mergeServer(&main.ReqTimeout)
	s.Dir = s.Dir.Merge(main.Dir)
}
