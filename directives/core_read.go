package directives

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// coreReadCommands are the core directives Apache runs while it reads the
// configuration (EXEC_ON_READ): they decide what the tree holds.
var coreReadCommands = []*Command{
	{Name: "Define", How: Take12, Where: AccessConf | RsrcConf, OnRead: true, ReadNow: readDefine,
		Usage: "Define a variable, optionally to a value.  Same as passing -D to the command line."},
	{Name: "UnDefine", How: Take1, Where: AccessConf | RsrcConf, OnRead: true, ReadNow: readUnDefine,
		Usage: "Undefine the existence of a variable. Undo a Define."},
	{Name: "Include", How: Take1, Where: RsrcConf | AccessConf | OrAll, OnRead: true, ReadNow: readInclude(false),
		Usage: "Name(s) of the config file(s) to be included; fails if the wildcard does not match at least one file"},
	{Name: "IncludeOptional", How: Take1, Where: RsrcConf | AccessConf | OrAll, OnRead: true, ReadNow: readInclude(true),
		Usage: "Name or pattern of the config file(s) to be included; ignored if the file does not exist or the pattern does not match any files"},
	{Name: "ServerRoot", How: Take1, Where: RsrcConf, OnRead: true, ReadNow: readServerRoot,
		Usage: "Common directory of server-related files (logs, confs, etc.)"},
	{Name: "DefaultRuntimeDir", How: Take1, Where: RsrcConf, OnRead: true, ReadNow: readRuntimeDir,
		Usage: "Common directory for run-time files (shared memory, locks, etc.)"},
	{Name: "<IfDefine", How: RawArgs, Where: OrAll | AccessConf | RsrcConf, OnRead: true, ReadNow: readCondition(ifDefine)},
	{Name: "<IfModule", How: RawArgs, Where: OrAll | AccessConf | RsrcConf, OnRead: true, ReadNow: readCondition(ifModule)},
	{Name: "<IfFile", How: RawArgs, Where: OrAll | AccessConf | RsrcConf, OnRead: true, ReadNow: readCondition(ifFile)},
	{Name: "<IfDirective", How: RawArgs, Where: OrAll | AccessConf | RsrcConf, OnRead: true, ReadNow: readCondition(ifDirective)},
	{Name: "<IfSection", How: RawArgs, Where: OrAll | AccessConf | RsrcConf, OnRead: true, ReadNow: readCondition(ifSection)},
}

func readDefine(c *ReadCmd, args []string) (*ReadResult, error) {
	name := args[0]
	if strings.Contains(name, ":") {
		return nil, errors.New("Variable name must not contain ':'")
	}
	cfg := c.load.cfg
	if !slices.Contains(cfg.Defines, name) {
		cfg.Defines = append(cfg.Defines, name)
	}
	if len(args) > 1 {
		cfg.Vars[name] = args[1]
	}
	return nil, nil
}

func readUnDefine(c *ReadCmd, args []string) (*ReadResult, error) {
	name := args[0]
	if strings.Contains(name, ":") {
		return nil, errors.New("Variable name must not contain ':'")
	}
	cfg := c.load.cfg
	if i := slices.Index(cfg.Defines, name); i >= 0 {
		// Apache moves the last define into the hole, as we do.
		last := len(cfg.Defines) - 1
		cfg.Defines[i] = cfg.Defines[last]
		cfg.Defines = cfg.Defines[:last]
	}
	delete(cfg.Vars, name)
	return nil, nil
}

func readServerRoot(c *ReadCmd, args []string) (*ReadResult, error) {
	root := c.load.serverRootRelative(args[0])
	if fi, err := c.load.files.Stat(root); err != nil || !fi.IsDir() {
		return nil, errors.New("ServerRoot must be a valid directory")
	}
	c.load.cfg.ServerRoot = filepath.Clean(root)
	return nil, nil
}

func readRuntimeDir(c *ReadCmd, args []string) (*ReadResult, error) {
	dir := c.load.serverRootRelative(args[0])
	if fi, err := c.load.files.Stat(dir); err != nil || !fi.IsDir() {
		return nil, errors.New("DefaultRuntimeDir must be a valid directory, absolute or relative to ServerRoot")
	}
	return nil, nil
}

// maxIncludeDepth is Apache's AP_MAX_INCLUDE_DEPTH.
const maxIncludeDepth = 128

// readInclude includes files as Apache's include_config: a directory
// includes every file under it, sorted; a wildcard in any path component
// matches names (a leading dot only explicitly); IncludeOptional tolerates
// what is missing.
func readInclude(optional bool) func(c *ReadCmd, args []string) (*ReadResult, error) {
	return func(c *ReadCmd, args []string) (*ReadResult, error) {
		l := c.load
		if l.includeDepth >= maxIncludeDepth {
			return nil, fmt.Errorf("Exceeded maximum include depth of %d, There appears to be a recursion.", maxIncludeDepth)
		}
		l.includeDepth++
		defer func() { l.includeDepth-- }()
		inc := &includer{r: c.Reader, load: l, optional: optional}
		name := l.serverRootRelative(args[0])
		var err error
		if !fnmatchTest(name) {
			err = inc.noMatch(name, 0)
		} else {
			err = inc.match("/", strings.TrimPrefix(name, "/"), 0)
		}
		if err != nil {
			return nil, err
		}
		return &ReadResult{Nodes: inc.nodes}, nil
	}
}

// includer walks the files one Include names.
type includer struct {
	r        *parser.Reader
	load     *loader
	optional bool
	nodes    []*parser.Directive
}

const includePrefix = "Include/IncludeOptional: "

// maxIncludeDirDepth is Apache's AP_MAX_FNMATCH_DIR_DEPTH.
const maxIncludeDirDepth = 128

// noMatch includes a path without wildcards: a directory's files, or a file.
func (inc *includer) noMatch(name string, depth int) error {
	files := inc.load.files
	if fi, err := files.Stat(name); err == nil && fi.IsDir() {
		if depth+1 > maxIncludeDirDepth {
			return fmt.Errorf("%sDirectory '%s' exceeds the maximum include directory nesting level of %d. You have probably a recursion somewhere.",
				includePrefix, name, maxIncludeDirDepth)
		}
		entries, err := files.ReadDir(name)
		if err != nil {
			return fmt.Errorf("%sCould not open directory %s: %w", includePrefix, name, osError(err))
		}
		paths := make([]string, 0, len(entries))
		for _, e := range entries {
			paths = append(paths, filepath.Join(name, e.Name()))
		}
		sort.Strings(paths)
		for _, p := range paths {
			if err := inc.noMatch(p, depth+1); err != nil {
				return err
			}
		}
		return nil
	} else if err != nil && inc.optional {
		return nil
	}
	data, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("Could not open configuration file %s: %w", name, osError(err))
	}
	nodes, err := inc.r.ReadFile(name, data)
	if err != nil {
		// Apache reports an included file's error at the Include line, with
		// the included file's own message inside.
		return errors.New(err.Error())
	}
	inc.nodes = append(inc.nodes, nodes...)
	return nil
}

// match includes what the wildcard path rest matches below dir.
func (inc *includer) match(dir, rest string, depth int) error {
	first, after, more := strings.Cut(rest, "/")
	if !fnmatchTest(first) {
		p := filepath.Join(dir, first)
		if !more {
			return inc.noMatch(p, depth)
		}
		return inc.match(p, after, depth)
	}
	entries, err := inc.load.files.ReadDir(dir)
	if err != nil {
		if inc.optional && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("%sCould not open directory %s: %w", includePrefix, dir, osError(err))
	}
	var paths []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && !strings.HasPrefix(first, ".") {
			continue
		}
		if ok, _ := filepath.Match(first, name); !ok {
			continue
		}
		if more && !e.IsDir() {
			continue
		}
		paths = append(paths, filepath.Join(dir, name))
	}
	if len(paths) == 0 {
		if inc.optional {
			return nil
		}
		return fmt.Errorf("%sNo matches for the wildcard '%s' in '%s', failing", includePrefix, first, dir)
	}
	sort.Strings(paths)
	for _, p := range paths {
		if more {
			err = inc.match(p, after, depth)
		} else {
			err = inc.noMatch(p, depth)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readCondition runs an <IfX> section as Apache's start_cond_section: its
// body is read into the tree when the test holds (or fails, with "!"), and
// skipped unread otherwise.
func readCondition(test func(l *loader, arg string) bool) func(c *ReadCmd, args []string) (*ReadResult, error) {
	return func(c *ReadCmd, args []string) (*ReadResult, error) {
		raw := args[0]
		end := strings.LastIndexByte(raw, '>')
		if end < 0 {
			return nil, errors.New(c.Command.Name + "> directive missing closing '>'")
		}
		raw = raw[:end]
		not := strings.HasPrefix(raw, "!")
		if not {
			raw = raw[1:]
		}
		arg, _ := parser.FirstWord(raw)
		if arg == "" {
			return nil, errors.New(c.Command.Name + "> directive requires additional arguments")
		}
		if test(c.load, arg) != not {
			nodes, err := c.Reader.ReadSection(c.Directive)
			if err != nil {
				return nil, err
			}
			return &ReadResult{Nodes: nodes}, nil
		}
		return nil, c.Reader.SkipSection(c.Directive)
	}
}

func ifDefine(l *loader, name string) bool { return slices.Contains(l.cfg.Defines, name) }

func ifModule(l *loader, name string) bool { return l.loaded(name) }

func ifFile(l *loader, name string) bool {
	_, err := l.files.Stat(l.serverRootRelative(name))
	return err == nil
}

func ifDirective(l *loader, name string) bool {
	_, ok := l.lookup(name)
	return ok
}

func ifSection(l *loader, name string) bool {
	_, ok := l.lookup("<" + name)
	return ok
}
