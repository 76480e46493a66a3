package directives

// ProxyServerConfig is mod_proxy's per-server config.
type ProxyServerConfig struct{}

func (s *ProxyServerConfig) mergeServer(main *ProxyServerConfig) {}

// ProxyDirConfig is mod_proxy's per-directory config.
type ProxyDirConfig struct{}

func (d *ProxyDirConfig) merge(parent *ProxyDirConfig) ProxyDirConfig { return *d }

func init() {
	register(&Module{Name: "proxy_module", Source: "mod_proxy.c"})
	register(&Module{Name: "proxy_http_module", Source: "mod_proxy_http.c"})
}
