package directives

// HeadersConfig is mod_headers' per-directory config.
type HeadersConfig struct{}

func (d *HeadersConfig) merge(parent *HeadersConfig) HeadersConfig { return *d }

func init() {
	register(&Module{Name: "headers_module", Source: "mod_headers.c"})
}
