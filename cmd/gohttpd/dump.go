package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// dumps are what httpd -t -D DUMP_… prints instead of "Syntax OK";
// -S is DUMP_VHOSTS with DUMP_RUN_CFG and -M is DUMP_MODULES.
type dumps struct {
	includes, vhosts, runCfg, modules bool
}

// dumpsOf reads the DUMP_ names among the command line's -D names, which
// is where httpd looks (a Define in the config does not switch the mode).
func dumpsOf(defines []string) dumps {
	return dumps{
		includes: slices.Contains(defines, "DUMP_INCLUDES"),
		vhosts:   slices.Contains(defines, "DUMP_VHOSTS"),
		runCfg:   slices.Contains(defines, "DUMP_RUN_CFG"),
		modules:  slices.Contains(defines, "DUMP_MODULES"),
	}
}

func (d dumps) any() bool { return d.includes || d.vhosts || d.runCfg || d.modules }

// print writes the dumps asked for in httpd's order: the files as read,
// the virtual hosts once set up, then the run settings and modules.
func (d dumps) print(cfg *directives.Config, w io.Writer) {
	if d.includes {
		dumpIncludes(cfg, w)
	}
	if d.vhosts {
		dumpVhosts(cfg, w)
	}
	if d.runCfg {
		dumpRunCfg(cfg, w)
	}
	if d.modules {
		dumpModules(cfg, w)
	}
}

// dumpIncludes is DUMP_INCLUDES: each file read, indented by depth, with
// the line of the Include that read it. The model does not record which
// files Include read, so only the main file is listed.
func dumpIncludes(cfg *directives.Config, w io.Writer) {
	fmt.Fprintf(w, "Included configuration files:\n  (*) %s\n", cfg.File)
}

// dumpModules is DUMP_MODULES (-M). Modules compiled into httpd:2.4 are
// "static"; those the config loads with LoadModule are "shared", as that
// image shows them, though gohttpd has them built in: the list says
// what the config asked for, which is what tools reading it check.
func dumpModules(cfg *directives.Config, w io.Writer) {
	static := map[string]bool{}
	for _, m := range directives.Modules() {
		static[m.Name] = m.Static
	}
	fmt.Fprintln(w, "Loaded Modules:")
	for _, name := range cfg.Modules {
		kind := "shared"
		if static[name] {
			kind = "static"
		}
		fmt.Fprintf(w, " %s (%s)\n", name, kind)
	}
}

// dumpRunCfg is DUMP_RUN_CFG: the core's settings, then mod_unixd's when
// loaded. httpd's Mutex lines are left out: gohttpd has no mutexes.
func dumpRunCfg(cfg *directives.Config, w io.Writer) {
	core := &cfg.Main.Core
	fmt.Fprintf(w, "ServerRoot: \"%s\"\n", cfg.ServerRoot)
	fmt.Fprintf(w, "Main DocumentRoot: \"%s\"\n", orDefault(core.DocumentRoot, directives.DefaultDocumentRoot))
	fmt.Fprintf(w, "Main ErrorLog: \"%s\"\n", errorLogName(cfg))
	if f := cfg.Process.ScoreBoardFile; f != "" {
		fmt.Fprintf(w, "ScoreBoardFile: \"%s\"\n", serverRootRelative(cfg, f))
	}
	fmt.Fprintf(w, "PidFile: \"%s\"\n", serverRootRelative(cfg, orDefault(cfg.Process.PidFile, defaultPidFile)))
	for _, d := range cfg.Defines {
		if v, ok := cfg.Vars[d]; ok {
			fmt.Fprintf(w, "Define: %s=%s\n", d, v)
		} else {
			fmt.Fprintf(w, "Define: %s\n", d)
		}
	}
	if slices.Contains(cfg.Modules, "unixd_module") {
		dumpUnixd(cfg, w)
	}
}

// dumpUnixd is mod_unixd's part of DUMP_RUN_CFG: whom the server serves
// as. Unset, that is daemon for gohttpd (httpd's compiled-in "#-1" would
// fail as root).
func dumpUnixd(cfg *directives.Config, w io.Writer) {
	p := &cfg.Process
	notUsed := ""
	if os.Geteuid() != 0 {
		notUsed = " not_used"
	}
	user, uid, group, gid := p.User, p.UserID, p.Group, p.GroupID
	if user == "" {
		user, uid = "daemon", lookupOr("daemon", false)
	}
	if group == "" {
		group, gid = "daemon", lookupOr("daemon", true)
	}
	fmt.Fprintf(w, "User: name=\"%s\" id=%d%s\n", user, uint32(uid), notUsed)
	fmt.Fprintf(w, "Group: name=\"%s\" id=%d%s\n", group, uint32(gid), notUsed)
	if p.ChrootDir != "" {
		fmt.Fprintf(w, "ChrootDir: \"%s\"%s\n", p.ChrootDir, notUsed)
	}
}

// lookupOr is lookupID, with -1 for a name this machine lacks.
func lookupOr(name string, group bool) int {
	id, err := lookupID(name, group)
	if err != nil {
		return -1
	}
	return id
}

// errorLogName is the main ErrorLog as httpd shows it: a file relative to
// the ServerRoot made absolute, a pipe or syslog as written.
func errorLogName(cfg *directives.Config) string {
	name := orDefault(cfg.Main.Core.ErrorLog, directives.DefaultErrorLog)
	if strings.HasPrefix(name, "|") || name == "syslog" || strings.HasPrefix(name, "syslog:") {
		return name
	}
	return serverRootRelative(cfg, name)
}

func serverRootRelative(cfg *directives.Config, name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(cfg.ServerRoot, name)
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
