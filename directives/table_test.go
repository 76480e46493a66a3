package directives

import (
	"strconv"
	"strings"
	"testing"
)

// Modules gohttpd lacks are not in the start-time tables, yet they are
// found as before: by module and source file name in <IfModule> once
// loaded, and by their directives, which are refused naming the module.
func TestMissingModulesFoundWithoutTables(t *testing.T) {
	t.Parallel()
	cfg, err := loadConfig(t, map[string]string{"httpd.conf": `
<IfModule mod_rewrite.c>
  Listen 8081
</IfModule>
LoadModule rewrite_module modules/mod_rewrite.so
<IfModule mod_rewrite.c>
  Listen 8082
</IfModule>
<IfModule rewrite_module>
  Listen 8083
</IfModule>
<IfModule !mod_alias.c>
  Listen 8084
</IfModule>
<IfDirective RewriteEngine>
  Listen 8085
</IfDirective>
<IfDirective Alias>
  Listen 8086
</IfDirective>
`}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ports []string
	for _, l := range cfg.Listeners {
		ports = append(ports, strconv.Itoa(l.Port))
	}
	got := strings.Join(ports, " ")
	for _, want := range []string{"8082", "8083", "8084", "8085"} {
		if !strings.Contains(got, want) {
			t.Errorf("Listen %s missing; listeners %q", want, got)
		}
	}
	for _, not := range []string{"8081", "8086"} {
		if strings.Contains(got, not) {
			t.Errorf("Listen %s read; listeners %q", not, got)
		}
	}
	_, err = loadConfig(t, map[string]string{"httpd.conf": "LoadModule rewrite_module modules/mod_rewrite.so\nRewriteEngine on\n"}, Options{})
	if err == nil || !strings.Contains(err.Error(), "rewrite_module") {
		t.Errorf("RewriteEngine with mod_rewrite loaded: %v, want an error naming rewrite_module", err)
	}
}
