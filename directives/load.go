package directives

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// DefaultServerRoot is the ServerRoot of the httpd:2.4 image.
const DefaultServerRoot = "/usr/local/apache2"

// DefaultConfigFile is httpd's config file, relative to the ServerRoot.
const DefaultConfigFile = "conf/httpd.conf"

// commandLineFile is the name Apache gives the -C/-c directives' pseudo file.
const commandLineFile = "-c/-C directives"

// Options are the httpd command line's say in reading a config.
type Options struct {
	ServerRoot string   // -d; DefaultServerRoot when empty
	File       string   // -f; DefaultConfigFile when empty, relative to the ServerRoot
	Defines    []string // -D
	Before     []string // -C: directives read before the file
	After      []string // -c: directives read after it
	Mounts     []Mount  // --mount
	// Getenv looks up environment variables for ${VAR}; os.LookupEnv when nil.
	Getenv func(string) (string, bool)
	// Resolver answers the host name lookups Apache makes while reading
	// (ProxySourceAddress, NoProxy); net.DefaultResolver when nil.
	Resolver *net.Resolver
}

// Error is a configuration error Apache finds while processing directives,
// after reading: it prints it as AH00526 with the line.
type Error struct {
	File string
	Line int
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	return fmt.Sprintf("Syntax error on line %d of %s: %s", e.Line, e.File, e.Msg)
}

func (e *Error) Unwrap() error { return e.Err }

// CommandLineError is an error while reading the -C/-c directives.
type CommandLineError struct{ Err error }

func (e *CommandLineError) Error() string {
	var pe *parser.Error
	if errors.As(e.Err, &pe) {
		return "Syntax error in -C/-c directive: " + pe.Msg
	}
	return "Syntax error in -C/-c directive: " + e.Err.Error()
}

func (e *CommandLineError) Unwrap() error { return e.Err }

// loader is the state of one Load: what httpd keeps in globals while it
// reads (defines, loaded modules, the ServerRoot).
type loader struct {
	cfg    *Config
	opts   Options
	files  *Files
	getenv func(string) (string, bool)
	// includeDepth guards against an Include that includes itself.
	includeDepth int
}

// Load reads the configuration as httpd does: -C directives, the config
// file and what it includes, -c directives; then runs every directive and
// returns the model. A *parser.Error is an error found while reading;
// an *Error one found while processing; both name file and line. With an
// error, the Config returned holds only the warnings found before it.
func Load(opts Options) (*Config, error) {
	l := &loader{opts: opts, files: &Files{Mounts: opts.Mounts}, getenv: opts.Getenv}
	if l.getenv == nil {
		l.getenv = os.LookupEnv
	}
	if l.opts.Resolver == nil {
		l.opts.Resolver = net.DefaultResolver
	}
	root := opts.ServerRoot
	if root == "" {
		root = DefaultServerRoot
	}
	l.cfg = &Config{
		ServerRoot: filepath.Clean(root),
		Vars:       map[string]string{},
		Main:       newServer(false),
	}
	for _, m := range modules {
		if m.Static {
			l.cfg.Modules = append(l.cfg.Modules, m.Name)
		}
	}
	for _, d := range opts.Defines {
		if !slices.Contains(l.cfg.Defines, d) {
			l.cfg.Defines = append(l.cfg.Defines, d)
		}
	}
	file := opts.File
	if file == "" {
		file = DefaultConfigFile
	}
	l.cfg.File = l.serverRootRelative(file)

	reader := parser.NewReader(l)
	var tree []*parser.Directive
	if len(opts.Before) > 0 {
		nodes, err := reader.ReadFile(commandLineFile, []byte(strings.Join(opts.Before, "\n")))
		if err != nil {
			return l.cfg, &CommandLineError{err}
		}
		tree = append(tree, nodes...)
	}
	data, err := l.files.ReadFile(l.cfg.File)
	if err != nil {
		return l.cfg, fmt.Errorf("Could not open configuration file %s: %w", l.cfg.File, osError(err))
	}
	nodes, err := reader.ReadFile(l.cfg.File, data)
	if err != nil {
		return l.cfg, err
	}
	tree = append(tree, nodes...)
	if len(opts.After) > 0 {
		nodes, err := reader.ReadFile(commandLineFile, []byte(strings.Join(opts.After, "\n")))
		if err != nil {
			return l.cfg, &CommandLineError{err}
		}
		tree = append(tree, nodes...)
	}

	top := &Cmd{
		Config:   l.cfg,
		Server:   l.cfg.Main,
		Dir:      l.cfg.Main.Dir,
		Limit:    AllMethods,
		override: (RsrcConf | OrAll) &^ (OrAuthCfg | OrLimit),
		load:     l,
	}
	if err := l.walk(tree, top); err != nil {
		return l.cfg, err
	}
	for _, vh := range l.cfg.VirtualHosts {
		vh.mergeServer(l.cfg.Main)
	}
	if err := checkLogDirs(l.cfg, l.files); err != nil {
		return l.cfg, err
	}
	return l.cfg, nil
}

func newServer(virtual bool) *Server {
	return &Server{Virtual: virtual, Dir: &DirConfig{}}
}

// osError strips Go's "open name:" prefix, leaving the system's words as
// Apache prints them ("No such file or directory").
func osError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return sysError{pe.Err}
	}
	return err
}

type sysError struct{ error }

func (e sysError) Error() string {
	s := e.error.Error()
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (l *loader) warn(file string, line int, msg string) {
	l.cfg.Warnings = append(l.cfg.Warnings, Warning{File: file, Line: line, Msg: msg})
}

func (l *loader) serverRootRelative(path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(l.cfg.ServerRoot, path)
}

// loaded reports whether a module is loaded, by module or source file name.
func (l *loader) loaded(name string) bool {
	m := moduleNamed(name)
	if m == nil {
		return slices.Contains(l.cfg.Modules, name)
	}
	return slices.Contains(l.cfg.Modules, m.Name)
}

// lookup finds the command a directive name means among the loaded
// modules, as Apache's ap_config_hash holds only theirs.
func (l *loader) lookup(name string) (commandRef, bool) {
	key := strings.ToLower(name)
	for _, ref := range commandByName[key] {
		if slices.Contains(l.cfg.Modules, ref.module.Name) {
			return ref, true
		}
	}
	// No implemented module declares the name (missing_test keeps the two
	// tables apart), so only a loaded module gohttpd lacks may. Closing
	// tags come here too, so without such a module the table is not made.
	if !slices.ContainsFunc(l.cfg.Modules, isMissingModule) {
		return commandRef{}, false
	}
	for _, ref := range missingCommands()[key] {
		if slices.Contains(l.cfg.Modules, ref.module.Name) {
			return ref, true
		}
	}
	return commandRef{}, false
}

// isMissingModule says whether the named module is one gohttpd knows of
// but does not implement.
func isMissingModule(name string) bool {
	if moduleByName[name] != nil {
		return false
	}
	m := moduleNamed(name)
	return m != nil && m.Missing
}

// Expand replaces ${VAR} with a Define's value or else the environment's;
// an undefined one stays as written, with Apache's warning AH00111.
func (l *loader) Expand(line string) string {
	if !strings.Contains(line, "${") {
		return line
	}
	var b strings.Builder
	for {
		i := strings.Index(line, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(line[i+2:], '}')
		if j < 0 {
			break
		}
		name := line[i+2 : i+2+j]
		b.WriteString(line[:i])
		if v, ok := l.cfg.Vars[name]; ok {
			b.WriteString(v)
		} else if v, ok := l.getenv(name); ok {
			b.WriteString(v)
		} else {
			if !strings.Contains(name, ":") {
				l.warn("", 0, fmt.Sprintf("AH00111: Config variable ${%s} is not defined", name))
			}
			b.WriteString(line[i : i+3+j])
		}
		line = line[i+3+j:]
	}
	b.WriteString(line)
	return b.String()
}

// ReadNow runs directives Apache runs while reading (EXEC_ON_READ).
func (l *loader) ReadNow(r *parser.Reader, d *parser.Directive) ([]*parser.Directive, bool, error) {
	ref, ok := l.lookup(d.Name)
	if !ok || !ref.command.OnRead {
		return nil, false, nil
	}
	args, err := splitArgs(ref.command, d.Args)
	if err != nil {
		return nil, true, err
	}
	c := &ReadCmd{Directive: d, Command: ref.command, Reader: r, load: l}
	res, err := ref.command.ReadNow(c, args)
	if err != nil || res == nil {
		return nil, true, err
	}
	return res.Nodes, true, nil
}

// walk runs each directive of body in the context c, as ap_walk_config.
func (l *loader) walk(body []*parser.Directive, c *Cmd) error {
	for _, d := range body {
		if err := l.run(d, c); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) run(d *parser.Directive, parent *Cmd) error {
	ref, ok := l.lookup(d.Name)
	if !ok {
		return errorAt(d, unknownDirective(d.Name))
	}
	if ref.command.OnRead {
		return nil // it ran while reading
	}
	if ref.module.Missing {
		return errorAt(d, fmt.Sprintf("%s is a directive of %s, which gohttpd does not implement; remove it or the LoadModule line for %s",
			d.Name, ref.module.Name, ref.module.Name))
	}
	cmd := ref.command
	if parent.override&cmd.Where == 0 {
		if d.Parent != nil {
			return errorAt(d, cmd.Name+" not allowed in "+d.Parent.Name+"> context")
		}
		return errorAt(d, cmd.Name+" not allowed here")
	}
	c := *parent
	c.Directive, c.Command, c.Module = d, cmd, ref.module
	args, err := splitArgs(cmd, d.Args)
	if err != nil {
		return errorAt(d, err.Error())
	}
	err = callHandler(&c, args)
	if err == nil {
		at := Origin{File: d.File, Line: d.Line}
		c.Dir.Origins.add(cmd.Name, at)
		if c.Section == nil {
			c.Server.Origins.add(cmd.Name, at)
		}
		return nil
	}
	var located *Error
	if errors.As(err, &located) {
		return err
	}
	return &Error{File: d.File, Line: d.Line, Msg: err.Error(), Err: err}
}

func errorAt(d *parser.Directive, msg string) *Error {
	return &Error{File: d.File, Line: d.Line, Msg: msg}
}

func unknownDirective(name string) string {
	return "Invalid command '" + name + "', perhaps misspelled or defined by a module not included in the server configuration"
}

// callHandler calls the handler once, or once per word for Iterate kinds.
func callHandler(c *Cmd, args []string) error {
	switch c.Command.How {
	case Iterate:
		for _, w := range args {
			if err := c.Command.Run(c, []string{w}); err != nil {
				return err
			}
		}
		return nil
	case Iterate2:
		for _, w := range args[1:] {
			if err := c.Command.Run(c, []string{args[0], w}); err != nil {
				return err
			}
		}
		return nil
	}
	return c.Command.Run(c, args)
}

// splitArgs splits a directive's argument text by its kind and checks the
// count with Apache's messages (invoke_cmd).
func splitArgs(cmd *Command, raw string) ([]string, error) {
	usage := func(what string) error {
		if cmd.Usage != "" {
			return errors.New(cmd.Name + " " + what + ", " + cmd.Usage)
		}
		return errors.New(cmd.Name + " " + what)
	}
	word := func() string {
		w, rest := parser.FirstWord(raw)
		raw = rest
		return w
	}
	switch cmd.How {
	case RawArgs:
		return []string{raw}, nil
	case TakeArgv:
		var out []string
		for raw != "" {
			out = append(out, word())
		}
		return out, nil
	case NoArgs:
		if raw != "" {
			return nil, errors.New(cmd.Name + " takes no arguments")
		}
		return nil, nil
	case Take1:
		w := word()
		if w == "" || raw != "" {
			return nil, usage("takes one argument")
		}
		return []string{w}, nil
	case Take2:
		w, w2 := word(), word()
		if w == "" || w2 == "" || raw != "" {
			return nil, usage("takes two arguments")
		}
		return []string{w, w2}, nil
	case Take12:
		w, w2 := word(), word()
		if w == "" || raw != "" {
			return nil, usage("takes 1-2 arguments")
		}
		return nonEmpty(w, w2), nil
	case Take3:
		w, w2, w3 := word(), word(), word()
		if w == "" || w2 == "" || w3 == "" || raw != "" {
			return nil, usage("takes three arguments")
		}
		return []string{w, w2, w3}, nil
	case Take23:
		w, w2 := word(), word()
		w3 := ""
		if raw != "" {
			w3 = word()
		}
		if w == "" || w2 == "" || raw != "" {
			return nil, usage("takes two or three arguments")
		}
		return nonEmpty(w, w2, w3), nil
	case Take123, Take13:
		w := word()
		var w2, w3 *string
		if raw != "" {
			s := word()
			w2 = &s
		}
		if raw != "" {
			s := word()
			w3 = &s
		}
		if cmd.How == Take123 && (w == "" || raw != "") {
			return nil, usage("takes one, two or three arguments")
		}
		if cmd.How == Take13 && (w == "" || (w2 != nil && *w2 != "" && w3 == nil) || raw != "") {
			return nil, usage("takes one or three arguments")
		}
		out := []string{w}
		for _, p := range []*string{w2, w3} {
			if p != nil {
				out = append(out, *p)
			}
		}
		return out, nil
	case Iterate:
		w := word()
		if w == "" {
			return nil, usage("requires at least one argument")
		}
		out := []string{w}
		for w = word(); w != ""; w = word() {
			out = append(out, w)
		}
		return out, nil
	case Iterate2:
		w := word()
		if w == "" || raw == "" {
			return nil, usage("requires at least two arguments")
		}
		out := []string{w}
		for w2 := word(); w2 != ""; w2 = word() {
			out = append(out, w2)
		}
		return out, nil
	case Flag:
		w := word()
		if !strings.EqualFold(w, "on") && !strings.EqualFold(w, "off") {
			return nil, errors.New(cmd.Name + " must be On or Off")
		}
		return []string{strings.ToLower(w)}, nil
	}
	return nil, errors.New(cmd.Name + " is improperly configured internally (server bug)")
}

// nonEmpty drops trailing empty optional words, as Apache passes NULL.
func nonEmpty(words ...string) []string {
	for len(words) > 1 && words[len(words)-1] == "" {
		words = words[:len(words)-1]
	}
	return words
}
