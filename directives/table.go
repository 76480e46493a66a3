// Package directives knows Apache httpd's directives: one table per Apache
// module, as Apache's own command_rec tables, each entry naming where the
// directive may appear, how its arguments are split, and the handler that
// fills the typed configuration model (Config). Load reads a configuration
// the way httpd does and returns that model; nothing it does not understand
// is ever ignored.
package directives

import (
	"strings"
	"sync"
)

// Context says where a directive may appear; the bits are Apache's
// req_override flags.
type Context uint16

// The contexts, as in Apache's http_config.h.
const (
	OrLimit    Context = 1    // inside <Directory>/<Location> (and .htaccess with AllowOverride Limit)
	OrOptions  Context = 2    // anywhere, Options-like
	OrFileInfo Context = 4    // anywhere, FileInfo-like
	OrAuthCfg  Context = 8    // inside <Directory>/<Location>
	OrIndexes  Context = 16   // anywhere, Indexes-like
	AccessConf Context = 64   // inside <Directory>/<Location>/<Files>
	RsrcConf   Context = 128  // server config and <VirtualHost>
	ProxyConf  Context = 2048 // inside <Proxy> only
	OrAll              = OrLimit | OrOptions | OrFileInfo | OrAuthCfg | OrIndexes
)

// ArgHow says how a directive's argument text is split and counted, as
// Apache's cmd_how.
type ArgHow int

// The argument kinds, as in Apache's http_config.h.
const (
	RawArgs  ArgHow = iota // the whole argument text, unsplit
	TakeArgv               // any number of words
	NoArgs
	Take1
	Take2
	Take12
	Take3
	Take23
	Take123
	Take13
	Iterate  // the handler runs once per word
	Iterate2 // the handler runs once per word after the first
	Flag     // On or Off
)

// Command is one directive a module declares.
type Command struct {
	Name string // as Apache spells it; sections start with "<"
	How  ArgHow
	// Where is where the directive is allowed (Apache's req_override).
	Where Context
	// OnRead marks directives Apache runs while reading (EXEC_ON_READ):
	// Define, Include, <IfModule> … Their handler is ReadNow.
	OnRead bool
	// Usage is appended to argument-count errors, as Apache's errmsg.
	Usage string
	// Run is called with the split arguments: one element holding the raw
	// text for RawArgs; one word at a time for Iterate; the first word and
	// one more for Iterate2; "on"/"off" lowercased for Flag.
	Run func(c *Cmd, args []string) error
	// ReadNow is the handler of an OnRead directive.
	ReadNow func(c *ReadCmd, args []string) (*ReadResult, error)
}

// Module is one Apache module: its names and its directive table.
type Module struct {
	Name   string // the name LoadModule and <IfModule> use, e.g. "headers_module"
	Source string // the source file name <IfModule> also accepts, e.g. "mod_headers.c"
	// Static marks modules compiled into httpd in the httpd:2.4 image
	// (core, mod_so, http_core): present without LoadModule.
	Static bool
	// Missing marks modules gohttpd knows of but does not implement: they
	// may be loaded (with a warning), but any of their directives is an
	// error that says so. Their Commands list names only, for that error.
	Missing  bool
	Commands []*Command
}

// The counts the tables below are made for: hints that spare growing
// them while every module registers at start; more entries still fit.
const (
	implementedModules  = 32
	implementedCommands = 300
)

var (
	// modules are every module gohttpd knows, implemented or not.
	modules []*Module
	// moduleByName finds a module gohttpd implements by its name or its
	// source file's; moduleNamed also finds the others.
	moduleByName = make(map[string]*Module, 2*implementedModules)
	// commandByName lists, per lower-cased directive name, every module
	// gohttpd implements declaring it: the MPMs share their tuning
	// directives, and only the loaded module's declaration counts.
	commandByName = make(map[string][]commandRef, implementedCommands)
	// missingCommands is the same for the modules gohttpd does not
	// implement. Only a directive no implemented module declares is looked
	// up there, which makes it an error, so it is made on first use rather
	// than at every start.
	missingCommands = sync.OnceValue(func() map[string][]commandRef {
		index := map[string][]commandRef{}
		for _, m := range missingModules {
			indexCommands(index, m)
		}
		return index
	})
)

// moduleNamed finds a module by its name or its source file's name, or
// returns nil. The modules gohttpd lacks are searched one by one: few
// names reach them (an <IfModule> or LoadModule of one), so no table is
// built for them at start.
func moduleNamed(name string) *Module {
	if m := moduleByName[name]; m != nil {
		return m
	}
	for _, m := range missingModules {
		if m.Name == name || m.Source == name {
			return m
		}
	}
	return nil
}

type commandRef struct {
	module  *Module
	command *Command
}

// register adds the table of a module gohttpd implements; each module's
// file calls it from init.
func register(m *Module) {
	modules = append(modules, m)
	moduleByName[m.Name] = m
	moduleByName[m.Source] = m
	indexCommands(commandByName, m)
}

// indexCommands adds m's commands to index under their lower-cased names.
func indexCommands(index map[string][]commandRef, m *Module) {
	for _, c := range m.Commands {
		key := strings.ToLower(c.Name)
		index[key] = append(index[key], commandRef{m, c})
	}
}

// Modules returns every module gohttpd knows, in registration order.
func Modules() []*Module { return modules }
