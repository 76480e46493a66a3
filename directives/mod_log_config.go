package directives

// LogServerConfig is mod_log_config's per-server config.
type LogServerConfig struct{}

func (s *LogServerConfig) mergeServer(main *LogServerConfig) {}

func init() {
	register(&Module{Name: "log_config_module", Source: "mod_log_config.c"})
	register(&Module{Name: "logio_module", Source: "mod_logio.c"})
	register(&Module{Name: "status_module", Source: "mod_status.c"})
}
