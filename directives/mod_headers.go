package directives

import (
	"errors"
	"regexp"
	"slices"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// HeadersConfig is mod_headers' per-directory config: the Header and
// RequestHeader directives in config order, kept in the three lists Apache
// keeps (fixup_in, fixup_out, fixup_err), since each list is applied at its
// own moment and to its own header table.
type HeadersConfig struct {
	// Request are the RequestHeader actions, applied to the request's
	// headers in the fixups phase (or, when Early, right after reading the
	// request).
	Request []HeaderAction
	// OnSuccess are the Header [onsuccess] actions, applied to the
	// response's headers (Apache's headers_out) by the output filter: they
	// reach the client only with responses the handler produced normally
	// (2xx, 3xx and the like), not with error documents.
	OnSuccess []HeaderAction
	// Always are the Header always actions, applied to the headers kept
	// for every response, errors and internal redirects included (Apache's
	// err_headers_out). Apache applies them before OnSuccess.
	Always []HeaderAction
}

// merge returns what applies in d's section inside parent's: the parent's
// actions, then d's, as Apache's merge_headers_config.
func (d *HeadersConfig) merge(parent *HeadersConfig) HeadersConfig {
	return HeadersConfig{
		Request:   slices.Concat(parent.Request, d.Request),
		OnSuccess: slices.Concat(parent.OnSuccess, d.OnSuccess),
		Always:    slices.Concat(parent.Always, d.Always),
	}
}

// HeaderWhen says which list an action is in: which directive made it and,
// for Header, its condition keyword.
type HeaderWhen int

// The lists of mod_headers.
const (
	OnSuccess HeaderWhen = iota // Header, Header onsuccess
	Always                      // Header always
	OnRequest                   // RequestHeader
)

// String names the list as the directive's keyword does.
func (w HeaderWhen) String() string {
	return [...]string{"onsuccess", "always", "request"}[w]
}

// HeaderActionKind is what an action does to a header (Apache's
// hdr_actions).
type HeaderActionKind int

// The actions, named by their keyword.
const (
	HeaderSet        HeaderActionKind = iota // set: replace any value
	HeaderSetIfEmpty                         // setifempty: set only when absent
	HeaderAdd                                // add: one more header line
	HeaderAppend                             // append: join to the value with ", "
	HeaderMerge                              // merge: append unless the value already holds that token
	HeaderUnset                              // unset: remove every line of the header
	HeaderEcho                               // echo: copy request headers whose names match Regex to the response
	HeaderEdit                               // edit: replace the first match of Regex in each value
	HeaderEditAll                            // edit*: replace every match of Regex in each value
	HeaderNote                               // note: copy the header's value into the request note Value names
)

var headerActionWords = [...]string{"set", "setifempty", "add", "append", "merge", "unset", "echo", "edit", "edit*", "note"}

// String is the action's keyword.
func (k HeaderActionKind) String() string { return headerActionWords[k] }

// HeaderAction is one Header or RequestHeader directive.
type HeaderAction struct {
	When   HeaderWhen
	Action HeaderActionKind
	// Name is the header's name, cut at a colon as Apache does ("X-A:" is
	// "X-A"). For echo it is unused: Regex holds the name pattern.
	Name string
	// Value is the value to set, add, append or merge; for edit and edit*
	// the replacement, in which $0-$9 refer to Regex's groups once the
	// format is expanded (Apache expands the format first, then the
	// groups); for note the name of the note. Empty for unset and echo.
	Value HeaderFormat
	// Regex is the match of edit and edit*, or echo's header-name pattern.
	Regex *regexp.Regexp
	// Condition says when the action runs.
	Condition HeaderCondition
}

// HeaderCondition is an action's optional last argument: "early", or
// env=[!]VAR.
type HeaderCondition struct {
	// Early actions run right after the request is read, before any
	// section applies (only those of the server's own config can match
	// then); all others run later and skip early ones.
	Early bool
	// Env, when not empty, is the environment variable that must be set
	// (or, with NotEnv, must not be) for the action to run.
	Env    string
	NotEnv bool
}

// HeaderFormat is a parsed value format: text and %-specifiers, so the
// server expands it without parsing.
type HeaderFormat []HeaderFormatItem

// HeaderFormatKind is one kind of item of a header value format.
type HeaderFormatKind int

// The format items mod_headers knows.
const (
	HeaderText     HeaderFormatKind = iota // literal text, backslash escapes resolved
	HeaderDuration                         // %D: "D=" and the microseconds since the request was received
	HeaderTime                             // %t: "t=" and the request's arrival time in microseconds since the epoch
	HeaderEnv                              // %{VAR}e: the environment variable, "(null)" when unset
	HeaderSSLVar                           // %{VAR}s: the SSL variable, "(null)" when unset or empty
	HeaderLoadAvg                          // %l: "l=" and the 1, 5 and 15 minute load averages
	HeaderIdle                             // %i: "i=" and the percentage of idle workers
	HeaderBusy                             // %b: "b=" and the percentage of busy workers
)

// HeaderFormatItem is one item of a format: literal Text for HeaderText,
// the variable's name in Text for HeaderEnv and HeaderSSLVar.
type HeaderFormatItem struct {
	Kind HeaderFormatKind
	Text string
}

var headerFormatTags = map[byte]HeaderFormatKind{
	'D': HeaderDuration, 't': HeaderTime, 'e': HeaderEnv, 's': HeaderSSLVar,
	'l': HeaderLoadAvg, 'i': HeaderIdle, 'b': HeaderBusy,
}

func init() {
	register(&Module{Name: "headers_module", Source: "mod_headers.c", Commands: []*Command{
		{Name: "Header", How: RawArgs, Where: OrFileInfo, Run: headerCommand(OnSuccess),
			Usage: "an optional condition, an action, header and value followed by optional env clause"},
		{Name: "RequestHeader", How: RawArgs, Where: OrFileInfo, Run: headerCommand(OnRequest),
			Usage: "an action, header and value followed by optional env clause"},
	}})
}

// headerWords are the words of a Header line as Apache's header_cmd reads
// them: the optional ones are nil when the line ended before them.
type headerWords struct {
	action, name        string
	value, subs, clause *string
}

// headerCommand returns the handler of Header (when OnSuccess) or
// RequestHeader (when OnRequest): it splits the raw line word by word as
// Apache's header_cmd does, then checks the words as header_inout_cmd.
func headerCommand(directive HeaderWhen) func(c *Cmd, args []string) error {
	return func(c *Cmd, args []string) error {
		when, rest := directive, args[0]
		var w headerWords
		w.action, rest = parser.FirstWord(rest)
		if when == OnSuccess {
			switch strings.ToLower(w.action) {
			case "always":
				when = Always
				w.action, rest = parser.FirstWord(rest)
			case "onsuccess":
				w.action, rest = parser.FirstWord(rest)
			}
		}
		w.name, rest = parser.FirstWord(rest)
		for _, p := range []**string{&w.value, &w.subs, &w.clause} {
			if rest != "" {
				var word string
				word, rest = parser.FirstWord(rest)
				*p = &word
			}
		}
		if rest != "" {
			return errors.New(c.Command.Name + " has too many arguments")
		}
		a, err := newHeaderAction(when, w)
		if err != nil {
			return err
		}
		h := &c.Dir.Headers
		switch when {
		case OnRequest:
			h.Request = append(h.Request, a)
		case Always:
			h.Always = append(h.Always, a)
		default:
			h.OnSuccess = append(h.OnSuccess, a)
		}
		return nil
	}
}

// newHeaderAction checks a Header line's words in the order Apache's
// header_inout_cmd does, so the first error is Apache's.
func newHeaderAction(when HeaderWhen, w headerWords) (HeaderAction, error) {
	a := HeaderAction{When: when}
	i := slices.IndexFunc(headerActionWords[:], func(s string) bool { return strings.EqualFold(s, w.action) })
	if i < 0 {
		return a, errors.New("first argument must be 'add', 'set', 'setifempty', 'append', 'merge', 'unset', 'echo', 'note', 'edit', or 'edit*'.")
	}
	a.Action = HeaderActionKind(i)
	value, clause := w.value, w.clause
	var format string
	switch a.Action {
	case HeaderEdit, HeaderEditAll:
		if w.subs == nil {
			return a, errors.New("Header edit requires a match and a substitution")
		}
		re, err := regexp.Compile(*value)
		if err != nil {
			return a, errors.New("Header edit regex could not be compiled")
		}
		a.Regex, format = re, *w.subs
	default:
		// Without a substitution, the fourth word is the condition.
		if clause != nil {
			return a, errors.New("Too many arguments to directive")
		}
		clause = w.subs
	}
	switch a.Action {
	case HeaderUnset, HeaderEcho:
		if value != nil {
			if clause != nil {
				if a.Action == HeaderUnset {
					return a, errors.New("header unset takes two arguments")
				}
				return a, errors.New("Header echo takes two arguments")
			}
			clause, value = value, nil
		}
		if a.Action == HeaderEcho {
			if when == OnRequest {
				return a, errors.New("Header echo only valid on Header directives")
			}
			re, err := regexp.Compile(w.name)
			if err != nil {
				return a, errors.New("Header echo regex could not be compiled")
			}
			a.Regex = re
		}
	case HeaderEdit, HeaderEditAll:
	default:
		if value == nil {
			return a, errors.New("Header requires three arguments")
		}
		format = *value
	}
	if clause != nil {
		cond, err := parseHeaderCondition(*clause)
		if err != nil {
			return a, err
		}
		a.Condition = cond
	}
	a.Name, _, _ = strings.Cut(w.name, ":")
	if a.Action == HeaderUnset || a.Action == HeaderEcho {
		return a, nil
	}
	if strings.HasPrefix(format, "expr=") {
		return a, errors.New("Header values of the form expr=… (ap_expr) are not implemented by gohttpd")
	}
	f, err := parseHeaderFormat(format)
	a.Value = f
	return a, err
}

// parseHeaderCondition parses the condition word: "early", env=[!]VAR or
// expr=…, which gohttpd refuses rather than ignore.
func parseHeaderCondition(s string) (HeaderCondition, error) {
	var cond HeaderCondition
	lower := strings.ToLower(s)
	switch {
	case lower == "early":
		cond.Early = true
	case strings.HasPrefix(lower, "env="):
		name := s[4:]
		if name == "" || name == "!" {
			return cond, errors.New("error: missing environment variable name. envclause should be in the form env=envar ")
		}
		cond.Env, cond.NotEnv = strings.CutPrefix(name, "!")
	case strings.HasPrefix(lower, "expr="):
		return cond, errors.New("Header conditions of the form expr=… (ap_expr) are not implemented by gohttpd")
	default:
		return cond, errors.New("Unknown parameter: " + s)
	}
	return cond, nil
}

// parseHeaderFormat splits a value into text and %-specifiers as Apache's
// parse_format_string: "%%" and a final "%" are a literal "%"; %{ARG}x
// passes ARG to specifier x; an unknown specifier is an error.
func parseHeaderFormat(s string) (HeaderFormat, error) {
	f := HeaderFormat{}
	for s != "" {
		if s[0] != '%' {
			end := strings.IndexByte(s, '%')
			if end < 0 {
				end = len(s)
			}
			f = append(f, HeaderFormatItem{Kind: HeaderText, Text: unescapeHeaderText(s[:end])})
			s = s[end:]
			continue
		}
		s = s[1:]
		if s == "" || s[0] == '%' {
			f = append(f, HeaderFormatItem{Kind: HeaderText, Text: "%"})
			s = strings.TrimPrefix(s, "%")
			continue
		}
		var arg string
		if s[0] == '{' {
			// As ap_getword: up to '}', skipping every '}' that follows.
			arg, s, _ = strings.Cut(s[1:], "}")
			s = strings.TrimLeft(s, "}")
		}
		if s == "" {
			return f, errors.New("Unrecognized header format %")
		}
		kind, ok := headerFormatTags[s[0]]
		if !ok {
			return f, errors.New("Unrecognized header format %" + s[:1])
		}
		f = append(f, HeaderFormatItem{Kind: kind, Text: arg})
		s = s[1:]
	}
	return f, nil
}

// unescapeHeaderText resolves the escapes Apache's parse_misc_string knows
// (\\ \r \n \t); any other backslash stays as written.
func unescapeHeaderText(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		switch s[i+1] {
		case '\\':
			b.WriteByte('\\')
		case 'r':
			b.WriteByte('\r')
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		default:
			b.WriteByte('\\')
			continue
		}
		i++
	}
	return b.String()
}
