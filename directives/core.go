package directives

import (
	"errors"
	"fmt"
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

func init() {
	core := slices.Concat(coreReadCommands, coreSections, coreSettings, []*Command{
		{Name: "Listen", How: TakeArgv, Where: RsrcConf, Run: setListen,
			Usage: "A port number or a numeric IP address and a port number, and an optional protocol"},
		{Name: "Error", How: RawArgs, Where: OrAll, Run: generateError},
	})
	register(&Module{Name: "core_module", Source: "core.c", Static: true, Commands: core})
	register(&Module{Name: "so_module", Source: "mod_so.c", Static: true, Commands: []*Command{
		{Name: "LoadModule", How: Take2, Where: RsrcConf, OnRead: true, ReadNow: readLoadModule,
			Usage: "a module name and the name of a shared object file to load it from"},
		{Name: "LoadFile", How: Iterate, Where: RsrcConf, OnRead: true, ReadNow: readLoadFile,
			Usage: "shared object file or library to load into the server at runtime"},
	}})
	register(&Module{Name: "http_module", Source: "http_core.c", Static: true, Commands: httpSettings})
}

// coreSections are the sections whose bodies Apache runs in a context of
// their own.
var coreSections = []*Command{
	{Name: "<VirtualHost", How: RawArgs, Where: RsrcConf, Run: virtualHostSection,
		Usage: "Container for directives affecting resources located in the specified hostnames"},
	{Name: "<Directory", How: RawArgs, Where: RsrcConf, Run: perDirSection(DirectorySection, false)},
	{Name: "<DirectoryMatch", How: RawArgs, Where: RsrcConf, Run: perDirSection(DirectorySection, true)},
	{Name: "<Location", How: RawArgs, Where: RsrcConf, Run: perDirSection(LocationSection, false)},
	{Name: "<LocationMatch", How: RawArgs, Where: RsrcConf, Run: perDirSection(LocationSection, true)},
	{Name: "<Files", How: RawArgs, Where: OrAll, Run: perDirSection(FilesSection, false)},
	{Name: "<FilesMatch", How: RawArgs, Where: OrAll, Run: perDirSection(FilesSection, true)},
	{Name: "<Limit", How: RawArgs, Where: OrLimit | OrAuthCfg, Run: limitSection(false)},
	{Name: "<LimitExcept", How: RawArgs, Where: OrLimit | OrAuthCfg, Run: limitSection(true)},
	{Name: "<If", How: RawArgs, Where: OrAll, Run: notImplemented},
	{Name: "<ElseIf", How: RawArgs, Where: OrAll, Run: notImplemented},
	{Name: "<Else", How: RawArgs, Where: OrAll, Run: notImplemented},
}

func notImplemented(c *Cmd, _ []string) error {
	return fmt.Errorf("%s> is not implemented by gohttpd", c.Command.Name)
}

// sectionArgs returns a section's words before its last '>', with Apache's
// errors for a missing '>' or no argument.
func sectionArgs(c *Cmd) ([]string, error) {
	raw, ok := c.Directive.SectionArgs()
	if !ok {
		return nil, errors.New(c.Command.Name + "> directive missing closing '>'")
	}
	if raw == "" {
		return nil, errors.New(c.Command.Name + "> directive requires additional arguments")
	}
	return parser.Words(raw), nil
}

func virtualHostSection(c *Cmd, _ []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	words, err := sectionArgs(c)
	if err != nil {
		return err
	}
	vh := newServer(true)
	vh.Core.initVirtual(&c.Server.Core)
	vh.File, vh.Line = c.Directive.File, c.Directive.Line
	for _, w := range words {
		addr, err := parseVirtualHostAddr(w)
		if err != nil {
			return err
		}
		vh.Addrs = append(vh.Addrs, addr)
	}
	c.Config.VirtualHosts = append(c.Config.VirtualHosts, vh)
	return c.Walk(c.Directive.Children, vh, vh.Dir, nil, c.Limit, c.Override())
}

// parseVirtualHostAddr parses one <VirtualHost> address as Apache's
// get_addresses: "*", "_default_", a host or IP, each with an optional
// ":port" or ":*"; IPv6 in brackets.
func parseVirtualHostAddr(w string) (VirtualHostAddr, error) {
	wildPort := false
	if strings.HasSuffix(w, ":*") {
		w, wildPort = w[:len(w)-2], true
	}
	host, scope, port, ok := parseAddrPort(w)
	switch {
	case !ok:
		return VirtualHostAddr{}, errors.New("The address or port is invalid")
	case host == "":
		return VirtualHostAddr{}, errors.New("Missing address for VirtualHost")
	case scope != "":
		return VirtualHostAddr{}, errors.New("Scope ids are not supported")
	}
	_ = wildPort // a missing port and ":*" both mean every port
	return VirtualHostAddr{Host: host, Port: port}, nil
}

// parseAddrPort splits "host:port", "[v6]:port", "host" or "port" as APR's
// apr_parse_addr_port, which Listen and <VirtualHost> use. ok is false
// where APR answers EINVAL; port is 0 when none is given.
func parseAddrPort(s string) (host, scope string, port int, ok bool) {
	if s == "" {
		return "", "", 0, true
	}
	i := len(s) - 1
	for i >= 0 && s[i] >= '0' && s[i] <= '9' {
		i--
	}
	last := len(s) - 1
	if i < 0 { // all digits: just a port
		p, err := strconv.Atoi(s)
		return "", "", p, err == nil && p >= 1 && p <= 65535
	}
	if s[i] == ':' && i < last {
		if i == 0 {
			return "", "", 0, false
		}
		p, err := strconv.Atoi(s[i+1:])
		if err != nil || p < 1 || p > 65535 {
			return "", "", 0, false
		}
		port, last = p, i-1
	}
	host = s[:last+1]
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end != len(host)-1 {
			return "", "", 0, false
		}
		addr := host[1:end]
		if k := strings.IndexByte(addr, '%'); k >= 0 {
			if k == len(addr)-1 {
				return "", "", 0, false
			}
			addr, scope = addr[:k], addr[k+1:]
		}
		if ip := net.ParseIP(addr); ip == nil || ip.To4() != nil && !strings.Contains(addr, ":") {
			return "", "", 0, false
		}
		host = addr
	}
	return host, scope, port, true
}

// perDirSection runs <Directory>, <Location>, <Files> and their Match forms
// as Apache's dirsection, urlsection and filesection.
func perDirSection(kind SectionKind, match bool) func(c *Cmd, _ []string) error {
	return func(c *Cmd, _ []string) error {
		forbid := NotInDirContext
		if kind == FilesSection {
			forbid = NotInLocation | NotInLimit
		}
		if err := c.Check(forbid); err != nil {
			return err
		}
		words, err := sectionArgs(c)
		if err != nil {
			return err
		}
		s := &Section{Kind: kind, Path: words[0], File: c.Directive.File, Line: c.Directive.Line, Dir: &DirConfig{}}
		regex := match
		if !match && s.Path == "~" {
			regex = true
			s.Path = ""
			if len(words) > 1 {
				s.Path = words[1]
			}
			words = words[1:]
		}
		if regex {
			if s.Regex, err = regexp.Compile(s.Path); err != nil {
				return errors.New("Regex could not be compiled")
			}
		} else if kind == DirectorySection && s.Path != "/" && !strings.HasSuffix(s.Path, "/") {
			s.Path += "/"
		}
		if err := c.Walk(c.Directive.Children, c.Server, s.Dir, s, c.Limit, OrAll|AccessConf); err != nil {
			return err
		}
		c.Server.Sections = append(c.Server.Sections, s)
		if len(words) > 1 {
			return fmt.Errorf("Multiple %s> arguments not (yet) supported.", c.Command.Name)
		}
		return nil
	}
}

// limitSection runs <Limit> and <LimitExcept>: its body's directives apply
// to the methods it names (or all others), as Apache's ap_limit_section.
func limitSection(except bool) func(c *Cmd, _ []string) error {
	return func(c *Cmd, _ []string) error {
		words, err := sectionArgs(c)
		if err != nil {
			return err
		}
		var names []string
		for _, m := range words {
			if m == "" {
				continue
			}
			if m == "HEAD" {
				m = "GET" // Apache's method number for HEAD is GET's
			}
			if m == "TRACE" && !except {
				return errors.New("TRACE cannot be controlled by <Limit>, see TraceEnable")
			}
			if !slices.Contains(names, m) {
				names = append(names, m)
			}
		}
		scope := Methods{Except: except, Names: names}
		limited := c.Limit.Intersect(scope)
		if limited.Empty() {
			return errors.New(c.Command.Name + "> directive excludes all methods")
		}
		if limited.Equal(c.Limit) {
			return errors.New(c.Command.Name + "> directive specifies methods already excluded")
		}
		return c.Walk(c.Directive.Children, c.Server, c.Dir, nil, limited, c.Override())
	}
}

// setListen records a Listen directive, as Apache's ap_set_listener:
// [addr:]port [protocol]; the protocol defaults to https on port 443.
func setListen(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if len(args) < 1 || len(args) > 2 {
		return errors.New("Listen requires 1 or 2 arguments.")
	}
	host, _, port, ok := parseAddrPort(args[0])
	if !ok {
		return errors.New("Invalid address or port")
	}
	if host == "*" {
		host = ""
	}
	if port == 0 {
		return errors.New("Port must be specified")
	}
	l := Listener{Addr: host, Port: port, Protocol: "http", File: c.Directive.File, Line: c.Directive.Line}
	if len(args) == 2 {
		l.Protocol = strings.ToLower(args[1])
	} else if port == 443 {
		l.Protocol = "https"
	}
	for _, old := range c.Config.Listeners {
		if old.Addr == l.Addr && old.Port == l.Port {
			return errors.New("Cannot define multiple Listeners on the same IP:port")
		}
	}
	c.Config.Listeners = append(c.Config.Listeners, l)
	return nil
}

// generateError is the Error directive: it fails the config with its text.
func generateError(c *Cmd, args []string) error {
	msg := args[0]
	if msg == "" {
		return errors.New("The Error directive was used with no message.")
	}
	if (msg[0] == '"' || msg[0] == '\'') && len(msg) > 1 && msg[len(msg)-1] == msg[0] {
		msg = msg[1 : len(msg)-1]
	}
	return errors.New(msg)
}

// readLoadModule records a module as loaded. gohttpd's modules are built
// in, so no file is opened; a module it does not implement loads with a
// warning, and its directives are errors.
func readLoadModule(c *ReadCmd, args []string) (*ReadResult, error) {
	name := args[0]
	cfg := c.load.cfg
	if slices.Contains(cfg.Modules, name) {
		if m := moduleNamed(name); m != nil && m.Static {
			if strings.HasPrefix(m.Source, "mod_") {
				return nil, fmt.Errorf("module %s is built-in and can't be loaded", name)
			}
		}
		c.load.warn(c.Directive.File, c.Directive.Line, fmt.Sprintf("AH01574: module %s is already loaded, skipping", name))
		return nil, nil
	}
	m := moduleNamed(name)
	switch {
	case m == nil:
		c.load.warn(c.Directive.File, c.Directive.Line,
			fmt.Sprintf("module %s is not known to gohttpd; any directive of it will be refused", name))
	case m.Missing:
		c.load.warn(c.Directive.File, c.Directive.Line,
			fmt.Sprintf("module %s is not implemented by gohttpd; any directive of it will be refused", name))
	}
	cfg.Modules = append(cfg.Modules, name)
	return nil, nil
}

func readLoadFile(c *ReadCmd, args []string) (*ReadResult, error) {
	c.load.warn(c.Directive.File, c.Directive.Line, "LoadFile "+strings.Join(args, " ")+" has no effect in gohttpd")
	return nil, nil
}
