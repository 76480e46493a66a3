package directives

import (
	"strings"
	"testing"
)

// A module gohttpd does not implement must not shadow one it does: no
// name of both, and no directive of both (the first loaded module
// declaring a directive would take it).
func TestMissingModulesShadowNothing(t *testing.T) {
	names := map[string]int{}
	implemented := map[string]string{}
	for _, m := range modules {
		names[m.Name]++
		if !m.Missing {
			for _, c := range m.Commands {
				implemented[strings.ToLower(c.Name)] = m.Name
			}
		}
	}
	for _, m := range missingModules {
		if names[m.Name] != 1 {
			t.Errorf("%s is registered %d times", m.Name, names[m.Name])
		}
		for _, c := range m.Commands {
			if other, ok := implemented[strings.ToLower(c.Name)]; ok {
				t.Errorf("%s of %s is implemented by %s", c.Name, m.Name, other)
			}
		}
	}
}

func TestMissingModuleDirectives(t *testing.T) {
	tests := []struct {
		name string
		conf string
		line int
		msg  string
	}{
		{"mod_rewrite", "LoadModule rewrite_module modules/mod_rewrite.so\nRewriteEngine on\n", 2,
			"RewriteEngine is a directive of rewrite_module, which gohttpd does not implement"},
		{"mod_version's section", "LoadModule version_module modules/mod_version.so\n<IfVersion >= 2.4>\nListen 80\n</IfVersion>\n", 2,
			"<IfVersion is a directive of version_module"},
		{"mod_php", "LoadModule php_module modules/libphp.so\n<Directory />\nphp_value x y\n</Directory>\n", 3,
			"php_value is a directive of php_module"},
		{"ModSecurity", "LoadModule security2_module modules/mod_security2.so\nSecRuleEngine On\n", 2,
			"SecRuleEngine is a directive of security2_module"},
		{"a module not loaded stays unknown", "DirectoryIndex index.html\n", 1, "Invalid command 'DirectoryIndex'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := loadConfig(t, map[string]string{"httpd.conf": tt.conf}, Options{})
			line, msg := errorOf(t, err)
			if line != tt.line || !strings.HasPrefix(msg, tt.msg) {
				t.Errorf("error at line %d: %q; want line %d: %q…", line, msg, tt.line, tt.msg)
			}
			if strings.HasPrefix(tt.conf, "LoadModule") && (len(cfg.Warnings) == 0 || !strings.Contains(cfg.Warnings[0].Msg, "not implemented by gohttpd")) {
				t.Errorf("warnings %v", cfg.Warnings)
			}
		})
	}
}
