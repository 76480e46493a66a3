package directives

// SSLServerConfig is mod_ssl's per-server config.
type SSLServerConfig struct{}

func (s *SSLServerConfig) mergeServer(main *SSLServerConfig) {}

// SSLDirConfig is mod_ssl's per-directory config.
type SSLDirConfig struct{}

func (d *SSLDirConfig) merge(parent *SSLDirConfig) SSLDirConfig { return *d }

func init() {
	register(&Module{Name: "ssl_module", Source: "mod_ssl.c"})
}
