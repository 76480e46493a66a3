package directives

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/parser"
)

// Cmd is what a directive's handler gets: the directive, where it stands,
// and the config it fills (Apache's cmd_parms).
type Cmd struct {
	Directive *parser.Directive
	Command   *Command
	Module    *Module
	Config    *Config
	// Server is the server being configured: the main one or a virtual host.
	Server *Server
	// Dir is the per-directory config being filled: the server's defaults
	// outside sections, the enclosing section's inside one.
	Dir *DirConfig
	// Section is the enclosing <Directory>/<Location>/<Files>, or nil.
	Section *Section
	// Limit is the method scope of an enclosing <Limit>/<LimitExcept>;
	// AllMethods outside them.
	Limit Methods

	override Context
	load     *loader
}

// Forbidden names places a directive refuses, for Check (Apache's
// NOT_IN_* flags).
type Forbidden uint16

// The places Check can refuse.
const (
	NotInVirtualHost Forbidden = 1 << iota
	NotInLimit
	NotInDirectory
	NotInLocation
	NotInFiles
	NotInHtaccess
	NotInProxy
	NotInDirLocFile = NotInDirectory | NotInLocation | NotInFiles
	NotInDirContext = NotInLimit | NotInDirLocFile | NotInProxy
	GlobalOnly      = NotInVirtualHost | NotInDirContext
)

// Check refuses the directive where forbidden says it may not be, with
// Apache's words (ap_check_cmd_context).
func (c *Cmd) Check(forbidden Forbidden) error {
	name := c.Command.Name
	if strings.HasPrefix(name, "<") && !strings.HasSuffix(name, ">") {
		name += ">"
	}
	if forbidden&NotInVirtualHost != 0 && c.Server.Virtual {
		return fmt.Errorf("%s cannot occur within <VirtualHost> section", name)
	}
	// Apache refuses <Limit> for any of the directory-context bits.
	if forbidden&NotInDirContext != 0 && !c.Limit.All() {
		return fmt.Errorf("%s cannot occur within <Limit> or <LimitExcept> section", name)
	}
	if forbidden&NotInDirLocFile == NotInDirLocFile {
		if c.Section != nil {
			return fmt.Errorf("%s cannot occur within directory context", name)
		}
		if c.Command.OnRead {
			return nil
		}
	}
	find := func(names ...string) *parser.Directive {
		for p := c.Directive.Parent; p != nil; p = p.Parent {
			for _, n := range names {
				if strings.EqualFold(p.Name, n) {
					return p
				}
			}
		}
		return nil
	}
	var found *parser.Directive
	if forbidden&NotInDirectory != 0 {
		found = find("<Directory", "<DirectoryMatch")
	}
	if found == nil && forbidden&NotInLocation != 0 {
		found = find("<Location", "<LocationMatch")
	}
	if found == nil && forbidden&NotInFiles != 0 {
		found = find("<Files", "<FilesMatch", "<If", "<ElseIf", "<Else")
	}
	if found == nil && forbidden&NotInProxy != 0 {
		found = find("<Proxy", "<ProxyMatch")
	}
	if found != nil {
		return fmt.Errorf("%s cannot occur within %s> section", name, found.Name)
	}
	return nil
}

// Warn records a warning at the directive's line.
func (c *Cmd) Warn(format string, args ...any) {
	c.load.warn(c.Directive.File, c.Directive.Line, fmt.Sprintf(format, args...))
}

// ServerRootRelative resolves a path as Apache's ap_server_root_relative.
func (c *Cmd) ServerRootRelative(path string) string {
	return c.load.serverRootRelative(path)
}

// Files gives access to the files the config names, through the mounts.
func (c *Cmd) Files() *Files { return c.load.files }

// Resolves reports whether a host name resolves, as Apache checks some
// names while reading; the lookup gives up after lookupTimeout.
func (c *Cmd) Resolves(host string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), lookupTimeout)
	defer cancel()
	_, err := c.load.opts.Resolver.LookupHost(ctx, host)
	return err == nil
}

// lookupTimeout bounds one host name lookup while reading.
const lookupTimeout = 5 * time.Second

// ModuleLoaded reports whether the named module (e.g. "authz_host_module")
// is loaded at this point.
func (c *Cmd) ModuleLoaded(name string) bool { return c.load.loaded(name) }

// Walk runs the directives of a section's body with dir as the config they
// fill, inside section (nil to keep the current one) and within limit.
func (c *Cmd) Walk(body []*parser.Directive, server *Server, dir *DirConfig, section *Section, limit Methods, override Context) error {
	sub := *c
	sub.Server, sub.Dir, sub.Limit, sub.override = server, dir, limit, override
	if section != nil {
		sub.Section = section
	}
	return c.load.walk(body, &sub)
}

// Override is the set of contexts the current place allows.
func (c *Cmd) Override() Context { return c.override }

// ReadCmd is what the handler of an OnRead directive gets: the directive and
// the reader, to read or skip a section's body or include a file.
type ReadCmd struct {
	Directive *parser.Directive
	Command   *Command
	Reader    *parser.Reader
	load      *loader
}

// ReadResult is what an OnRead directive leaves in the tree in its place.
type ReadResult struct {
	Nodes []*parser.Directive
}
