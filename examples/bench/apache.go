package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// apache is Debian's Apache httpd 2.4 serving the recipe's httpd.conf.
type apache struct{}

const apacheBin = "/usr/sbin/apache2"

// apacheMPM is what Debian's apache2 needs beyond the recipe: an MPM
// (the httpd:2.4 image's default config loads event's).
const apacheMPM = "LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so"

func (apache) name() string   { return "Apache" }
func (apache) binary() string { return apacheBin }

func (apache) prepare(e *env, addr string) error {
	root := e.dir("apache")
	for _, err := range []error{
		os.MkdirAll(filepath.Join(root, "logs"), 0o755),
		os.Symlink("/usr/lib/apache2/modules", filepath.Join(root, "modules")),
		os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(recipeFor(e, root, addr, false)), 0o644),
	} {
		if err != nil && !os.IsExist(err) {
			return fmt.Errorf("apache: %w", err)
		}
	}
	return nil
}

func (apache) command(e *env) *exec.Cmd {
	return exec.Command(apacheBin, "-d", e.dir("apache"), "-f", "httpd.conf", "-DFOREGROUND", "-C", apacheMPM)
}

func (apache) checkCommand(e *env) *exec.Cmd {
	return exec.Command(apacheBin, "-t", "-d", e.dir("apache"), "-f", "httpd.conf", "-C", apacheMPM)
}
