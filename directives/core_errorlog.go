package directives

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

type LogPriority int

// The log levels, most severe first.
const (
	LogEmerg LogPriority = iota
	LogAlert
	LogCrit
	LogError
	LogWarn
	LogNotice
	LogInfo
	LogDebug
	LogTrace1
	LogTrace2
	LogTrace3
	LogTrace4
	LogTrace5
	LogTrace6
	LogTrace7
	LogTrace8
)

var logPriorityNames = []string{"emerg", "alert", "crit", "error", "warn", "notice", "info", "debug",
	"trace1", "trace2", "trace3", "trace4", "trace5", "trace6", "trace7", "trace8"}

// String returns the level's keyword, as LogLevel takes it.
func (p LogPriority) String() string {
	if p >= 0 && int(p) < len(logPriorityNames) {
		return logPriorityNames[p]
	}
	return strconv.Itoa(int(p))
}

// parseLogPriority reads a level keyword, as Apache's ap_parse_log_level.
func parseLogPriority(s string) (LogPriority, error) {
	for i, n := range logPriorityNames {
		if strings.EqualFold(s, n) {
			return LogPriority(i), nil
		}
	}
	return 0, errors.New("Log level keyword must be one of emerg/alert/crit/error/warn/notice/info/debug/trace1/.../trace8")
}

// LogLevel is LogLevel: a level for every module, and levels for some
// modules by module name ("ssl_module").
type LogLevel struct {
	Set     bool // Level was given; unset is warn for the main server
	Level   LogPriority
	Modules map[string]LogPriority
}

// For returns the level in effect for the named module.
func (l LogLevel) For(module string) LogPriority {
	if p, ok := l.Modules[module]; ok {
		return p
	}
	if !l.Set {
		return LogWarn
	}
	return l.Level
}

// merge is ap_merge_log_config: a level set here drops every inherited
// module level; else module levels add to the parent's.
func (l LogLevel) merge(parent LogLevel) LogLevel {
	if l.Set {
		return l
	}
	out := LogLevel{Set: parent.Set, Level: parent.Level, Modules: overlay(parent.Modules, l.Modules)}
	return out
}

func mergeDirLogLevel(child, parent *LogLevel) *LogLevel {
	switch {
	case child == nil:
		return parent
	case parent == nil:
		return child
	}
	return ptr(child.merge(*parent))
}

// setLogLevel runs for each word of LogLevel, as Apache's set_loglevel:
// "level" sets every module's and forgets module levels set before it;
// "module:level" one module's. In a section it sets the section's.
func setLogLevel(c *Cmd, args []string) error {
	l := &c.Server.Core.LogLevel
	if c.Section != nil {
		if c.Dir.Core.LogLevel == nil {
			c.Dir.Core.LogLevel = &LogLevel{}
		}
		l = c.Dir.Core.LogLevel
	}
	arg := args[0]
	i := strings.LastIndexByte(arg, ':')
	if i < 0 {
		p, err := parseLogPriority(arg)
		if err != nil {
			return err
		}
		l.Set, l.Level, l.Modules = true, p, nil
		return nil
	}
	module, level := arg[:i], arg[i+1:]
	if level == "" {
		return fmt.Errorf("Module specifier '%s' must be followed by a log level keyword", module)
	}
	p, err := parseLogPriority(level)
	if err != nil {
		return fmt.Errorf("%s:%s: %s", module, level, err)
	}
	name, ok := loadedModuleName(c, module)
	if !ok {
		return errors.New("Cannot find module " + module)
	}
	l.Modules = overlay(l.Modules, map[string]LogPriority{name: p})
	return nil
}

// loadedModuleName finds a loaded module by its name, its source file
// name or its name without "_module", as Apache's find_module.
func loadedModuleName(c *Cmd, name string) (string, bool) {
	for _, n := range []string{name, name + "_module"} {
		if c.ModuleLoaded(n) {
			if m := moduleNamed(n); m != nil {
				return m.Name, true
			}
			return n, true
		}
	}
	return "", false
}

// ErrorLogItem is one item of an ErrorLogFormat: constant text, or a %
// directive with its modifiers.
type ErrorLogItem struct {
	Literal string // the text of a constant item
	// Directive is the % letter ('t', 'l', 'M' for the message …); 0 for
	// constant text.
	Directive byte
	Arg       string // the {…} argument
	// FieldSep marks a field separator (a space, or "% "); Required
	// ('+') drops the whole line when the item is empty; HyphenIfEmpty
	// ('-') logs "-" for an empty item; MinLevel logs the item only at
	// that level or above (0: always).
	FieldSep      bool
	Required      bool
	HyphenIfEmpty bool
	MinLevel      int
}

// errorLogDirectives are the % letters Apache's error log knows.
const errorLogDirectives = "aAeEFikLlmnPtTvV"

func setErrorLogFormat(c *Cmd, args []string) error {
	s := &c.Server.Core
	if len(args) == 1 {
		items, err := parseErrorLogFormat(args[0], true)
		if err != nil {
			return err
		}
		s.ErrorLogFormat = items
		return nil
	}
	items, err := parseErrorLogFormat(args[1], false)
	switch {
	case strings.EqualFold(args[0], "connection"):
		s.ErrorLogConnection = append(s.ErrorLogConnection, items)
	case strings.EqualFold(args[0], "request"):
		s.ErrorLogRequest = append(s.ErrorLogRequest, items)
	default:
		return errors.New("ErrorLogFormat type must be one of request, connection")
	}
	return err
}

// parseErrorLogFormat parses a format as Apache's parse_errorlog_string.
func parseErrorLogFormat(s string, main bool) ([]ErrorLogItem, error) {
	var items []ErrorLogItem
	seenMessage := false
	for s != "" {
		var it ErrorLogItem
		var err error
		if s, err = parseErrorLogItem(&it, s); err != nil {
			return nil, err
		}
		switch {
		case it.Directive == 'M' && !main:
			return nil, errors.New("%M cannot be used in once-per-request or once-per-connection formats")
		case main && it.Required:
			return nil, errors.New("The '+' flag cannot be used in the main error log format")
		case !main && it.MinLevel != 0:
			return nil, errors.New("The loglevel cannot be used as a condition in once-per-request or once-per-connection formats")
		case it.MinLevel > int(LogTrace8):
			return nil, errors.New("The specified loglevel modifier is out of range")
		}
		seenMessage = seenMessage || it.Directive == 'M'
		items = append(items, it)
	}
	if main && !seenMessage {
		return nil, errors.New("main ErrorLogFormat must contain message format string '%M'")
	}
	return items, nil
}

// parseErrorLogItem parses the item at the start of s into it and returns
// the rest.
func parseErrorLogItem(it *ErrorLogItem, s string) (string, error) {
	if s[0] != '%' {
		// "% " before this text already made it a field separator.
		if s[0] == ' ' {
			it.FieldSep = true
		}
		return parseErrorLogText(it, s), nil
	}
	s = s[1:]
	if strings.HasPrefix(s, " ") {
		it.FieldSep = true
		if s = s[1:]; s == "" {
			return "", nil // an empty constant ends the format
		}
		return parseErrorLogItem(it, s)
	}
	if strings.HasPrefix(s, "%") {
		it.Literal = "%"
		return s[1:], nil
	}
	for s != "" {
		switch ch := s[0]; {
		case ch == '{':
			it.Arg, s, _ = strings.Cut(s[1:], "}")
		case ch == '+':
			it.Required, s = true, s[1:]
		case ch == '-':
			it.HyphenIfEmpty, s = true, s[1:]
		case ch >= '0' && ch <= '9':
			n := 0
			for s != "" && s[0] >= '0' && s[0] <= '9' {
				n, s = n*10+int(s[0]-'0'), s[1:]
			}
			it.MinLevel = n
		case ch == 'M' || strings.IndexByte(errorLogDirectives, ch) >= 0:
			it.Directive = ch
			return s[1:], nil
		default:
			return "", fmt.Errorf("Unrecognized error log format directive %%%c", ch)
		}
	}
	return "", errors.New("Ran off end of error log format parsing args to some directive")
}

// parseErrorLogText reads constant text up to a '%' or a space not at its
// start, with backslash escapes, as parse_errorlog_misc_string.
func parseErrorLogText(it *ErrorLogItem, s string) string {
	var b strings.Builder
	atStart := true
	for s != "" && s[0] != '%' && (s[0] != ' ' || atStart) {
		if s[0] != '\\' {
			if s[0] != ' ' {
				atStart = false
			}
			b.WriteByte(s[0])
			s = s[1:]
			continue
		}
		s = s[1:]
		if s == "" {
			b.WriteByte('\\')
			break
		}
		b.WriteByte(unescapeLogChar(s[0]))
		s = s[1:]
	}
	it.Literal = b.String()
	return s
}

// unescapeLogChar is the character "\c" stands for in a log format: \r,
// \n and \t are control characters, any other is itself.
func unescapeLogChar(c byte) byte {
	switch c {
	case 'r':
		return '\r'
	case 'n':
		return '\n'
	case 't':
		return '\t'
	}
	return c
}
