package directives

// CoreServerConfig is the core's per-server config: names, timeouts,
// keep-alive, limits, protocols, error log.
type CoreServerConfig struct {
	ServerName string   // host of ServerName, without scheme or port
	Aliases    []string // ServerAlias
}

func (s *CoreServerConfig) mergeServer(main *CoreServerConfig) {}

// CoreDirConfig is the core's per-directory config.
type CoreDirConfig struct{}

func (d *CoreDirConfig) merge(parent *CoreDirConfig) CoreDirConfig { return *d }

// coreSettings are core's plain directives.
var coreSettings []*Command
