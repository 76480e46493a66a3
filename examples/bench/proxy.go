package main

import (
	"net"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/gohttpd/gohttpd/examples/registry"
)

// env is what every proxy's configuration is made from: where it keeps
// its files, the recipe's auth directory and the registry's address.
type env struct {
	work     string
	auth     *authDir
	registry string // host:port, plain HTTP
	// registryProc is the registry's process, whose CPU time the loads take.
	registryProc *process
	gohttpd      string // the gohttpd binary
}

// dir is the proxy's own directory under the work directory.
func (e *env) dir(name string) string { return filepath.Join(e.work, name) }

// proxy is one server the benchmark puts in front of the registry, doing
// the recipe's job: TLS with the recipe's certificate, basic auth from its
// htpasswd (reads for every user, writes for the pusher group only), the
// Docker-Distribution-Api-Version header, everything under /v2 proxied.
type proxy interface {
	// name is the proxy's column heading.
	name() string
	// binary is the program it runs, for telling whether it is installed.
	binary() string
	// prepare writes its configuration for listening on addr.
	prepare(e *env, addr string) error
	// command starts it in the foreground.
	command(e *env) *exec.Cmd
	// checkCommand checks its configuration without serving (httpd -t).
	checkCommand(e *env) *exec.Cmd
}

// allProxies are the proxies in the order the table shows them.
func allProxies() []proxy {
	return []proxy{apache{}, nginx{}, caddy{}, gohttpd{}}
}

// recipeFor adapts the recipe's httpd.conf to a run on this machine, as
// little as that needs: its ServerRoot root, its conf directory the auth
// directory, its port addr's, its backend the registry, its logs in files
// (as the recipe's container output would be collected) and a PidFile.
// Apache's own modules that Debian builds in are not loaded again.
func recipeFor(e *env, root, addr string, builtInsLoaded bool) string {
	_, port, _ := net.SplitHostPort(addr)
	var kept []string
	for _, line := range strings.Split(registry.HTTPDConf, "\n") {
		f := strings.Fields(line)
		builtIn := len(f) > 1 && f[0] == "LoadModule" && (f[1] == "log_config_module" || f[1] == "unixd_module")
		if builtInsLoaded || !builtIn {
			kept = append(kept, line)
		}
	}
	return "PidFile " + root + "/logs/httpd.pid\n" + strings.NewReplacer(
		"/usr/local/apache2/conf", e.auth.dir,
		"/usr/local/apache2", root,
		"Listen 5043", "Listen "+addr,
		"*:5043", "*:"+port,
		"registry:5000", e.registry,
		"/proc/self/fd/1", root+"/logs/access_log",
		"/proc/self/fd/2", root+"/logs/error_log",
	).Replace(strings.Join(kept, "\n"))
}
