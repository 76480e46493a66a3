package directives

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gohttpd/gohttpd/parser"
)

// StringExpr is an ap_expr string expression, the form AuthType, AuthName,
// AuthBasicFake and the user, group and host lists of Require take: text
// with %{VAR} variables, %{func:arg} function calls and $N regex back
// references, and C-like backslash escapes. Apache parses it when it reads
// the directive and evaluates it per request.
type StringExpr struct {
	Text  string     // as written in the config
	Parts []ExprPart // concatenated at request time
}

// ExprPartKind says what an ExprPart is.
type ExprPartKind int

// The kinds of parts of a string expression.
const (
	ExprLiteral ExprPartKind = iota // Text, escapes already applied
	ExprVar                         // %{Text}: a request variable
	ExprFunc                        // %{Text:Arg}: a string function of Arg
	ExprBackref                     // $N: a regex back reference, "" where no regex matched
)

// ExprPart is one part of a StringExpr.
type ExprPart struct {
	Kind ExprPartKind
	// Text is the literal text, or the variable or function name with
	// Apache's spelling (lookups are case-insensitive; SSL_* variables and
	// the SSL function of mod_ssl are case-sensitive).
	Text string
	Arg  []ExprPart // a function's argument
	N    int        // a back reference's number
}

// Static returns the expression's value when it has neither variables,
// functions nor back references, as most configs write it.
func (e *StringExpr) Static() (string, bool) {
	var b strings.Builder
	for _, p := range e.Parts {
		if p.Kind != ExprLiteral {
			return "", false
		}
		b.WriteString(p.Text)
	}
	return b.String(), true
}

// maxExprString is Apache's MAX_STRING_LEN, the longest string the
// expression scanner accepts.
const maxExprString = 8192

// The tokens of Apache's expression scanner in string mode, with the names
// its parser uses in error messages.
type exprToken int

const (
	tokString exprToken = iota
	tokVarBegin
	tokVarEnd
	tokID
	tokColon
	tokBackref
	tokError
	tokEnd
)

var exprTokenNames = [...]string{"T_STRING", "T_VAR_BEGIN", "T_VAR_END", "T_ID", "':'", "T_REGEX_BACKREF", "T_ERROR", "$end"}

type exprScanState int

const (
	scanStr exprScanState = iota
	scanVar
	scanVarArg
)

// exprScanner follows Apache's flex scanner (util_expr_scan.l) for string
// expressions, so that the same input fails with the same message.
type exprScanner struct {
	in     string
	pos    int
	stack  []exprScanState
	buf    strings.Builder
	endStr bool // the string's end was returned as a last T_STRING
}

type exprLexeme struct {
	tok  exprToken
	text string
	n    int
	err  string // for tokError
	// jammed marks input no rule of the scanner matches: flex then stops
	// with a fatal error, whatever the parser's state.
	jammed bool
}

// errJammed is flex's fatal error, which Apache prints as it exits.
var errJammed = errors.New("flex scanner jammed")

func (s *exprScanner) state() exprScanState { return s.stack[len(s.stack)-1] }

// flush returns the text gathered so far as a T_STRING, as the scanner does
// before a variable, a back reference or a closing brace.
func (s *exprScanner) flush() exprLexeme {
	t := s.buf.String()
	s.buf.Reset()
	return exprLexeme{tok: tokString, text: t}
}

func (s *exprScanner) fail(msg string) exprLexeme { return exprLexeme{tok: tokError, err: msg} }

func (s *exprScanner) next() exprLexeme {
	if s.state() == scanVar {
		return s.nextInVar()
	}
	for {
		if s.buf.Len() >= maxExprString {
			return s.fail("String too long")
		}
		if s.pos == len(s.in) {
			if s.state() == scanVarArg {
				return s.fail("Unterminated string or variable")
			}
			if s.endStr {
				return exprLexeme{tok: tokEnd}
			}
			s.endStr = true
			return s.flush()
		}
		c := s.in[s.pos]
		var peek byte
		if s.pos+1 < len(s.in) {
			peek = s.in[s.pos+1]
		}
		switch {
		case c == '\n':
			return s.fail("Unterminated string or variable")
		case c == '\\':
			if l, ok := s.escape(); !ok {
				return l
			}
		case c == '$' && asciiDigit(peek):
			if s.buf.Len() > 0 {
				return s.flush()
			}
			s.pos += 2
			return exprLexeme{tok: tokBackref, n: int(peek - '0')}
		case c == '%' && peek == '{':
			if s.buf.Len() > 0 {
				return s.flush()
			}
			s.pos += 2
			s.stack = append(s.stack, scanVar)
			return exprLexeme{tok: tokVarBegin}
		case c == '}' && s.state() == scanVarArg:
			if s.buf.Len() > 0 {
				return s.flush()
			}
			s.pos++
			s.stack = s.stack[:len(s.stack)-1]
			return exprLexeme{tok: tokVarEnd}
		case (c == '"' || c == '\'') && s.state() == scanVarArg:
			return exprLexeme{tok: tokError, jammed: true}
		default:
			s.buf.WriteByte(c)
			s.pos++
		}
	}
}

// escape reads a backslash escape into the buffer; a false result carries
// the error token.
func (s *exprScanner) escape() (exprLexeme, bool) {
	if s.pos+1 == len(s.in) {
		return exprLexeme{tok: tokError, jammed: true}, false
	}
	c := s.in[s.pos+1]
	if asciiDigit(c) {
		end := s.pos + 1
		octal := true
		for end < len(s.in) && asciiDigit(s.in[end]) {
			octal = octal && s.in[end] <= '7'
			end++
		}
		digits := s.in[s.pos+1 : end]
		// flex takes the longest match: up to three octal digits escape a
		// byte, any longer run of digits is a bad escape.
		if !octal || len(digits) > 3 {
			return s.fail("Bad escape sequence"), false
		}
		v := 0
		for _, d := range digits {
			v = v*8 + int(d-'0')
		}
		if v > 0xff {
			return s.fail("Escape sequence out of bound"), false
		}
		s.buf.WriteByte(byte(v))
		s.pos = end
		return exprLexeme{}, true
	}
	switch c {
	case 'n':
		c = '\n'
	case 'r':
		c = '\r'
	case 't':
		c = '\t'
	case 'b':
		c = '\b'
	case 'f':
		c = '\f'
	}
	s.buf.WriteByte(c)
	s.pos += 2
	return exprLexeme{}, true
}

func (s *exprScanner) nextInVar() exprLexeme {
	if s.pos == len(s.in) || s.in[s.pos] == '\n' {
		return s.fail("Unterminated string or variable")
	}
	c := s.in[s.pos]
	switch {
	case asciiLetter(c):
		start := s.pos
		for s.pos < len(s.in) && (asciiLetter(s.in[s.pos]) || asciiDigit(s.in[s.pos]) || s.in[s.pos] == '_') {
			s.pos++
		}
		return exprLexeme{tok: tokID, text: s.in[start:s.pos]}
	case c == '}':
		s.pos++
		s.stack = s.stack[:len(s.stack)-1]
		return exprLexeme{tok: tokVarEnd}
	case c == ':':
		s.pos++
		s.stack[len(s.stack)-1] = scanVarArg
		return exprLexeme{tok: tokColon}
	}
	return s.fail(fmt.Sprintf("Invalid character in variable name '%c'", c))
}

func asciiDigit(c byte) bool  { return c >= '0' && c <= '9' }
func asciiLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// exprParser parses a string expression as Apache's bison grammar does,
// reproducing its error messages: a scanner error where a string may start
// is reported alone, elsewhere after bison's "syntax error" sentence.
type exprParser struct {
	scan *exprScanner
	ssl  bool // mod_ssl is loaded: SSL_* variables and the SSL function exist
}

// next returns the scanner's next token; a jam ends the parse at once.
func (p *exprParser) next() (exprLexeme, error) {
	l := p.scan.next()
	if l.jammed {
		return l, errJammed
	}
	return l, nil
}

// parseStringExpr parses text as ap_expr_parse does with
// AP_EXPR_FLAG_STRING_RESULT; the error is Apache's message.
func parseStringExpr(c *Cmd, text string) (StringExpr, error) {
	p := &exprParser{scan: &exprScanner{in: text, stack: []exprScanState{scanStr}}, ssl: c.ModuleLoaded("ssl_module")}
	parts, err := p.parts(false)
	if err != nil {
		return StringExpr{}, err
	}
	return StringExpr{Text: text, Parts: parts}, nil
}

func syntaxError(l exprLexeme, expecting string) error {
	msg := "syntax error, unexpected " + exprTokenNames[l.tok] + ", expecting " + expecting
	if l.tok == tokError {
		msg += ": " + l.err
	}
	return fmt.Errorf("%s", msg)
}

// parts parses a string: the whole expression, or a function's argument up
// to its closing brace.
func (p *exprParser) parts(inVar bool) ([]ExprPart, error) {
	l, err := p.next()
	switch {
	case err != nil:
		return nil, err
	case l.tok == tokError:
		return nil, fmt.Errorf("%s", l.err)
	case inVar && l.tok == tokVarEnd:
		return nil, syntaxError(l, "T_ERROR or T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN")
	}
	var parts []ExprPart
	for {
		part, err := p.part(l)
		if err != nil {
			return nil, err
		}
		if part.Kind != ExprLiteral || part.Text != "" {
			parts = append(parts, part)
		}
		if l, err = p.next(); err != nil {
			return nil, err
		}
		switch {
		case !inVar && l.tok == tokEnd, inVar && l.tok == tokVarEnd:
			return parts, nil
		case l.tok == tokError && inVar:
			return nil, syntaxError(l, "T_STRING or T_REGEX_BACKREF or T_VAR_BEGIN or T_VAR_END")
		case l.tok == tokError:
			return nil, syntaxError(l, "$end")
		}
	}
}

// part turns one string token, back reference or variable into a part.
func (p *exprParser) part(l exprLexeme) (ExprPart, error) {
	switch l.tok {
	case tokString:
		return ExprPart{Kind: ExprLiteral, Text: l.text}, nil
	case tokBackref:
		return ExprPart{Kind: ExprBackref, N: l.n}, nil
	}
	id, err := p.next()
	if err != nil {
		return ExprPart{}, err
	}
	if id.tok != tokID {
		return ExprPart{}, syntaxError(id, "T_ID")
	}
	if l, err = p.next(); err != nil {
		return ExprPart{}, err
	}
	switch l.tok {
	case tokVarEnd:
		name, ok := p.variable(id.text)
		if !ok {
			return ExprPart{}, fmt.Errorf("Variable '%s' does not exist", id.text)
		}
		return ExprPart{Kind: ExprVar, Text: name}, nil
	case tokColon:
		arg, err := p.parts(true)
		if err != nil {
			return ExprPart{}, err
		}
		name, ok := p.function(id.text)
		if !ok {
			return ExprPart{}, fmt.Errorf("Function '%s' does not exist", id.text)
		}
		return ExprPart{Kind: ExprFunc, Text: name, Arg: arg}, nil
	}
	return ExprPart{}, syntaxError(l, "T_VAR_END or ':'")
}

// exprVariables are the variables of Apache's expression parser
// (util_expr_eval.c); names are matched case-insensitively.
var exprVariables = []string{
	"TIME_YEAR", "TIME_MON", "TIME_DAY", "TIME_HOUR", "TIME_MIN", "TIME_SEC",
	"TIME_WDAY", "TIME", "SERVER_SOFTWARE", "API_VERSION",
	"HTTP_USER_AGENT", "HTTP_PROXY_CONNECTION", "HTTP_REFERER", "HTTP_COOKIE",
	"HTTP_FORWARDED", "HTTP_HOST", "HTTP_ACCEPT",
	"REQUEST_METHOD", "REQUEST_SCHEME", "REQUEST_URI", "REQUEST_FILENAME",
	"REMOTE_HOST", "REMOTE_IDENT", "REMOTE_USER", "SERVER_ADMIN", "SERVER_NAME",
	"SERVER_PORT", "SERVER_PROTOCOL", "SCRIPT_FILENAME", "PATH_INFO",
	"QUERY_STRING", "IS_SUBREQ", "DOCUMENT_ROOT", "AUTH_TYPE", "THE_REQUEST",
	"CONTENT_TYPE", "HANDLER", "REQUEST_LOG_ID", "SCRIPT_USER", "SCRIPT_GROUP",
	"DOCUMENT_URI", "LAST_MODIFIED", "CONTEXT_PREFIX", "CONTEXT_DOCUMENT_ROOT",
	"REQUEST_STATUS", "REMOTE_ADDR", "REMOTE_PORT",
	"HTTPS", "IPV6", "CONN_LOG_ID", "CONN_REMOTE_ADDR", "HTTP2",
}

// exprFunctions are the string functions of Apache's expression parser.
var exprFunctions = []string{
	"osenv", "env", "resp", "req", "http", "note", "reqenv", "req_novary",
	"tolower", "toupper", "escape", "unescape", "file", "filesize", "base64",
	"unbase64", "sha1", "md5", "ldap",
}

func (p *exprParser) variable(name string) (string, bool) {
	if p.ssl && strings.HasPrefix(name, "SSL_") {
		return name, true
	}
	return lookupFold(exprVariables, name)
}

func (p *exprParser) function(name string) (string, bool) {
	if p.ssl && name == "SSL" {
		return name, true
	}
	return lookupFold(exprFunctions, name)
}

func lookupFold(names []string, name string) (string, bool) {
	for _, n := range names {
		if strings.EqualFold(n, name) {
			return n, true
		}
	}
	return "", false
}

// confWords splits s into words as Apache's loops of ap_getword_conf do:
// up to the end, or to the first empty word ("").
func confWords(s string) []string {
	words := parser.Words(s)
	for i, w := range words {
		if w == "" {
			return words[:i]
		}
	}
	return words
}
