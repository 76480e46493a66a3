package directives

// ProcessConfig is what concerns the process rather than requests: the
// MPM's tuning, mod_unixd's user and group.
type ProcessConfig struct{}

func init() {
	register(&Module{Name: "unixd_module", Source: "mod_unixd.c"})
	register(&Module{Name: "mpm_event_module", Source: "event.c"})
	register(&Module{Name: "mpm_worker_module", Source: "worker.c"})
	register(&Module{Name: "mpm_prefork_module", Source: "prefork.c"})
}
