package directives

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// CommonLogFormat is Apache's default access log format (CLF), used where
// no LogFormat gives one.
const CommonLogFormat = "%h %l %u %t \"%r\" %>s %b"

// LogServerConfig is mod_log_config's per-server config: the formats
// LogFormat names, the default format and the access logs.
type LogServerConfig struct {
	// Formats maps LogFormat's nicknames to their formats. A virtual
	// host has the main server's with its own over them; "CLF" is always
	// known (see Format).
	Formats map[string]*LogFormat
	// DefaultFormat is LogFormat's one-argument form: a format, or a
	// nickname resolved when the server starts (see Format); nil: CLF.
	DefaultFormat *LogFormat
	// Logs are this server's CustomLog, TransferLog and GlobalLog, in
	// config order.
	Logs []*CustomLog
	// MainLogs are, in a virtual host, the main server's Logs: it writes
	// to all of them when it has no Logs of its own, and to the GlobalLog
	// ones anyway (see Active).
	MainLogs []*CustomLog
	// BufferedLogs is global in Apache: the main server's holds.
	BufferedLogs *bool
}

// CustomLog is one access log.
type CustomLog struct {
	// Target is the file, relative to the ServerRoot, or "|command"
	// ("||command" runs it without a shell), as written.
	Target string
	// FormatArg is the format argument as written: a nickname or a
	// format; empty for TransferLog, which uses the default format.
	FormatArg string
	// Format is FormatArg parsed as a format, used when it names no
	// format (see LogServerConfig.Format).
	Format *LogFormat
	// Env logs only requests with (or, EnvNegated, without) that
	// environment variable; Expr only those the ap_expr condition holds
	// for. At most one is set.
	Env        string
	EnvNegated bool
	Expr       string
	Global     bool // GlobalLog: virtual hosts write to it too
	File       string
	Line       int
}

// LogFormat is a parsed access log format: constant text and % items.
// Each logged line ends with a newline after the items.
type LogFormat struct {
	Text  string // as written
	Items []LogItem
}

// LogItem is one item of a LogFormat.
type LogItem struct {
	Literal string // the text of a constant item
	// Directive is the item's letter ("h", "t", ">s" is "s" …) or
	// three-character "^ti", "^to", "^FB"; empty for constant text.
	Directive string
	Arg       string // the {…} argument
	// Conditions are status codes the item is logged for (others log
	// "-"); with NegateConditions, those it is not logged for.
	Conditions       []int
	NegateConditions bool
	// Original selects the original request rather than the final one
	// after internal redirects ('<' and '>'; each item has a default).
	Original bool
}

// logDirectives are the % items mod_log_config knows, with whether each
// reads the original request by default; logioDirectives and
// sslDirectives are what mod_logio and mod_ssl add.
var (
	logDirectives = map[string]bool{"h": false, "a": false, "A": false, "l": false, "u": false, "t": false,
		"f": false, "b": false, "B": false, "i": false, "o": false, "n": false, "L": true, "e": false,
		"V": false, "v": false, "p": false, "P": false, "H": false, "m": false, "q": false, "X": false,
		"C": false, "k": false, "r": true, "D": true, "T": true, "U": true, "s": true, "R": true,
		"^ti": false, "^to": false}
	logioDirectives = map[string]bool{"I": false, "O": false, "S": false, "^FB": false}
	sslDirectives   = map[string]bool{"c": false, "x": false}
)

// Format returns the format a log of this server writes: the format its
// argument names here, else the argument as a format, else the server's
// default format (itself a nickname or a format), else CLF.
func (s *LogServerConfig) Format(l *CustomLog) *LogFormat {
	if l.FormatArg != "" {
		if f := s.named(l.FormatArg); f != nil {
			return f
		}
		return l.Format
	}
	if s.DefaultFormat != nil {
		if f := s.named(s.DefaultFormat.Text); f != nil {
			return f
		}
		return s.DefaultFormat
	}
	return clf()
}

// clf is the Common Log Format, parsed on first use: most configurations
// name their own format.
var clf = sync.OnceValue(func() *LogFormat {
	f, _ := parseLogFormat(CommonLogFormat, nil)
	return f
})

func (s *LogServerConfig) named(name string) *LogFormat {
	if f, ok := s.Formats[name]; ok {
		return f
	}
	if name == "CLF" {
		return clf()
	}
	return nil
}

// Active returns the logs a request to this server is written to, as
// Apache's multi_log_transaction.
func (s *LogServerConfig) Active() []*CustomLog {
	logs := append([]*CustomLog(nil), s.Logs...)
	for _, l := range s.MainLogs {
		if l.Global || len(s.Logs) == 0 {
			logs = append(logs, l)
		}
	}
	return logs
}

// mergeServer gives a virtual host the main server's formats and logs, as
// merge_config_log_state.
func (s *LogServerConfig) mergeServer(main *LogServerConfig) {
	s.Formats = overlay(main.Formats, s.Formats)
	if s.DefaultFormat == nil {
		s.DefaultFormat = main.DefaultFormat
	}
	s.MainLogs = main.Logs
	s.BufferedLogs = main.BufferedLogs
}

func init() {
	register(&Module{Name: "log_config_module", Source: "mod_log_config.c", Commands: []*Command{
		{Name: "CustomLog", How: Take23, Where: RsrcConf, Run: setCustomLog,
			Usage: "a file name, a custom log format string or format name, and an optional \"env=\" or \"expr=\" clause (see docs)"},
		{Name: "GlobalLog", How: Take23, Where: RsrcConf, Run: setGlobalLog,
			Usage: "Same as CustomLog, but forces virtualhosts to inherit the log"},
		{Name: "TransferLog", How: Take1, Where: RsrcConf, Run: setCustomLog, Usage: "the filename of the access log"},
		{Name: "LogFormat", How: Take12, Where: RsrcConf, Run: setLogFormat,
			Usage: "a log format string (see docs) and an optional format name"},
		{Name: "BufferedLogs", How: Flag, Where: RsrcConf, Run: setBufferedLogs, Usage: "Enable Buffered Logging (experimental)"},
	}})
	register(&Module{Name: "logio_module", Source: "mod_logio.c", Commands: []*Command{
		{Name: "LogIOTrackTTFB", How: Flag, Where: OrAll, Run: setLogIOTrackTTFB,
			Usage: "Set to 'ON' to enable tracking time to first byte"},
	}})
	// mod_status has no directives: ExtendedStatus and SeeRequestTail are
	// the core's, and its handler is chosen by SetHandler server-status.
	register(&Module{Name: "status_module", Source: "mod_status.c"})
}

// setLogFormat defines a nickname (two arguments) or the default format.
func setLogFormat(c *Cmd, args []string) error {
	f, err := parseLogFormat(args[0], c)
	if err != nil {
		return err
	}
	s := &c.Server.Log
	if len(args) == 1 {
		s.DefaultFormat = f
		return nil
	}
	s.Formats = overlay(s.Formats, map[string]*LogFormat{args[1]: f})
	return nil
}

// setCustomLog adds a log, as Apache's add_custom_log; TransferLog gives
// only the target.
func setCustomLog(c *Cmd, args []string) error {
	l := &CustomLog{Target: args[0], File: c.Directive.File, Line: c.Directive.Line}
	if len(args) > 2 {
		if err := l.setCondition(args[2]); err != nil {
			return err
		}
	}
	c.Server.Log.Logs = append(c.Server.Log.Logs, l)
	if len(args) > 1 {
		l.FormatArg = args[1]
		f, err := parseLogFormat(args[1], c)
		if err != nil {
			return err
		}
		l.Format = f
	}
	return nil
}

func (l *CustomLog) setCondition(clause string) error {
	switch lower := strings.ToLower(clause); {
	case strings.HasPrefix(lower, "env="):
		v := clause[4:]
		if v == "" || v == "!" {
			return errors.New("missing environment variable name")
		}
		l.Env = strings.TrimPrefix(v, "!")
		l.EnvNegated = v[0] == '!'
	case strings.HasPrefix(lower, "expr="):
		if clause[5:] == "" {
			return errors.New("missing condition")
		}
		l.Expr = clause[5:]
	default:
		return errors.New("error in condition clause")
	}
	return nil
}

func setGlobalLog(c *Cmd, args []string) error {
	if err := c.Check(GlobalOnly); err != nil {
		return err
	}
	if err := setCustomLog(c, args); err != nil {
		return err
	}
	logs := c.Server.Log.Logs
	logs[len(logs)-1].Global = true
	return nil
}

func setBufferedLogs(c *Cmd, args []string) error {
	c.Config.Main.Log.BufferedLogs = ptr(args[0] == "on")
	return nil
}

func setLogIOTrackTTFB(c *Cmd, args []string) error {
	c.Dir.Core.LogIOTrackTTFB = ptr(args[0] == "on")
	return nil
}

// parseLogFormat parses a format as Apache's parse_log_string, with the
// % items of the loaded modules (all of them when c is nil).
func parseLogFormat(s string, c *Cmd) (*LogFormat, error) {
	known := func(d string) (bool, bool) {
		if orig, ok := logDirectives[d]; ok {
			return orig, true
		}
		if orig, ok := logioDirectives[d]; ok && (c == nil || c.ModuleLoaded("logio_module")) {
			return orig, true
		}
		if orig, ok := sslDirectives[d]; ok && (c == nil || c.ModuleLoaded("ssl_module")) {
			return orig, true
		}
		return false, false
	}
	f := &LogFormat{Text: s}
	for rest := s; rest != ""; {
		var it LogItem
		var err error
		if rest, err = parseLogItem(&it, rest, known); err != nil {
			return nil, err
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// parseLogItem parses the item at the start of s and returns the rest.
func parseLogItem(it *LogItem, s string, known func(string) (bool, bool)) (string, error) {
	if s[0] != '%' {
		i := strings.IndexByte(s, '%')
		if i < 0 {
			i = len(s)
		}
		it.Literal = unescapeLogText(s[:i])
		return s[i:], nil
	}
	s = s[1:]
	if strings.HasPrefix(s, "%") {
		it.Literal = "%"
		return s[1:], nil
	}
	want := -1
	for s != "" {
		switch ch := s[0]; {
		case ch == '!':
			it.NegateConditions, s = !it.NegateConditions, s[1:]
		case ch == '<':
			want, s = 1, s[1:]
		case ch == '>':
			want, s = 0, s[1:]
		case ch == ',':
			s = s[1:]
		case ch == '{':
			it.Arg, s, _ = strings.Cut(s[1:], "}")
		case ch >= '0' && ch <= '9':
			n := 0
			for s != "" && s[0] >= '0' && s[0] <= '9' {
				n, s = n*10+int(s[0]-'0'), s[1:]
			}
			it.Conditions = append(it.Conditions, n)
		default:
			name := s[:1]
			if len(s) >= 3 && ch == '^' {
				if _, ok := known(s[:3]); ok {
					name = s[:3]
				}
			}
			orig, ok := known(name)
			if !ok {
				return "", fmt.Errorf("Unrecognized LogFormat directive %%%c", ch)
			}
			it.Directive, it.Original = name, orig
			if want >= 0 {
				it.Original = want == 1
			}
			return s[len(name):], nil
		}
	}
	return "", errors.New("Ran off end of LogFormat parsing args to some directive")
}

// unescapeLogText reads constant text as parse_log_misc_string: \\, \r,
// \n and \t are escapes; any other backslash stays.
func unescapeLogText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) || !strings.ContainsRune(`\rnt`, rune(s[i+1])) {
			b.WriteByte(s[i])
			continue
		}
		i++
		b.WriteByte(map[byte]byte{'\\': '\\', 'r': '\r', 'n': '\n', 't': '\t'}[s[i]])
	}
	return b.String()
}

// checkLogDirs is mod_log_config's check_config: every log file's
// directory must exist. Apache checks it after reading the whole config
// and fails with AH02297 and AH00014; the core's Load should call it
// after the directives ran.
func checkLogDirs(cfg *Config, files *Files) error {
	servers := append([]*Server{cfg.Main}, cfg.VirtualHosts...)
	for _, s := range servers {
		for _, l := range s.Log.Logs {
			if strings.HasPrefix(l.Target, "|") {
				continue
			}
			abs := l.Target
			if !filepath.IsAbs(abs) {
				abs = filepath.Join(cfg.ServerRoot, abs)
			}
			dir := abs[:strings.LastIndexByte(abs, '/')+1]
			fi, err := files.Stat(dir)
			if err == nil && !fi.IsDir() {
				err = &os.PathError{Op: "stat", Path: dir, Err: syscall.ENOTDIR}
			}
			if err != nil {
				return &LogDirError{Dir: dir, Target: l.Target, File: l.File, Line: l.Line, Err: err}
			}
		}
	}
	return nil
}

// LogDirError is a log file whose directory cannot be used.
type LogDirError struct {
	Dir, Target string
	File        string
	Line        int
	Err         error
}

// Error gives Apache's message, with the system's reason last.
func (e *LogDirError) Error() string {
	return fmt.Sprintf("AH02297: Cannot access directory '%s' for log file '%s' defined at %s:%d: %v",
		e.Dir, e.Target, e.File, e.Line, osError(e.Err))
}

// Unwrap returns the file system's error.
func (e *LogDirError) Unwrap() error { return e.Err }
