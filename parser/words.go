package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2/lexer"
)

// wordLexer holds Apache's ap_getword_conf rules as participle's lexer
// states (words are read from its tokens by hand: participle's grammar
// parser costs several times more per line, and every line of a
// configuration goes through here at start): words split on blanks; a
// quote counts only where a word starts and runs to the same quote or to
// the end of the line; inside quotes only \\ and \<that quote> unescape,
// and in a bare word only \\ does. A word may end at a closing quote with
// no blank after it ("a"b is two words), while a quote inside a bare word
// is text.
var wordLexer = lexer.MustStateful(lexer.Rules{
	"Root": {
		{Name: "Blank", Pattern: `[ \t\n\v\f\r]+`},
		{Name: "DQOpen", Pattern: `"`, Action: lexer.Push("DQ")},
		{Name: "SQOpen", Pattern: `'`, Action: lexer.Push("SQ")},
		{Name: "Bare", Pattern: `[^ \t\n\v\f\r]+`},
	},
	"DQ": {
		{Name: "DQEscape", Pattern: `\\["\\]`},
		{Name: "DQText", Pattern: `[^"\\]+|\\`},
		{Name: "DQClose", Pattern: `"`, Action: lexer.Pop()},
	},
	"SQ": {
		{Name: "SQEscape", Pattern: `\\['\\]`},
		{Name: "SQText", Pattern: `[^'\\]+|\\`},
		{Name: "SQClose", Pattern: `'`, Action: lexer.Pop()},
	},
})

// The token types, looked up once.
var (
	symbols              = wordLexer.Symbols()
	tBlank, tBare        = symbols["Blank"], symbols["Bare"]
	tDQOpen, tSQOpen     = symbols["DQOpen"], symbols["SQOpen"]
	tDQEscape, tSQEscape = symbols["DQEscape"], symbols["SQEscape"]
	tDQClose, tSQClose   = symbols["DQClose"], symbols["SQClose"]
)

// wordScanner reads words from the lexer's tokens.
type wordScanner struct {
	src string
	lex lexer.Lexer
}

func newWordScanner(s string) *wordScanner {
	lex, err := wordLexer.LexString("", s)
	if err != nil {
		panic("parser: word lexer rejected " + strconv.Quote(s) + ": " + err.Error())
	}
	return &wordScanner{src: s, lex: lex}
}

func (w *wordScanner) next() lexer.Token {
	tok, err := w.lex.Next()
	if err != nil {
		// The rules match every string; an error here is a bug, and a
		// plain split would hide it.
		panic("parser: word lexer failed on " + strconv.Quote(w.src) + ": " + err.Error())
	}
	return tok
}

// word reads the next word: its value, the offset just past it, and false
// when only blanks are left.
func (w *wordScanner) word() (string, int, bool) {
	tok := w.next()
	if tok.Type == tBlank {
		tok = w.next()
	}
	switch {
	case tok.EOF():
		return "", len(w.src), false
	case tok.Type == tBare:
		return strings.ReplaceAll(tok.Value, `\\`, `\`), tok.Pos.Offset + len(tok.Value), true
	}
	// An opening quote: gather its text to the closing quote or the end.
	var b strings.Builder
	for {
		tok = w.next()
		switch {
		case tok.EOF():
			return b.String(), len(w.src), true
		case tok.Type == tDQClose || tok.Type == tSQClose:
			return b.String(), tok.Pos.Offset + 1, true
		case tok.Type == tDQEscape || tok.Type == tSQEscape:
			b.WriteByte(tok.Value[1])
		default:
			b.WriteString(tok.Value)
		}
	}
}

// Words splits s into words exactly as Apache's ap_getword_conf does when it
// is called until the string is used up. A quoted empty word ("") is kept as
// an empty string, since argument checks treat it as missing.
func Words(s string) []string {
	out := []string{}
	sc := newWordScanner(s)
	for {
		w, _, ok := sc.word()
		if !ok {
			return out
		}
		out = append(out, w)
	}
}

// FirstWord returns the first word of s and the rest of s after the blanks
// that follow it, as one call of ap_getword_conf does.
func FirstWord(s string) (first, rest string) {
	w, end, ok := newWordScanner(s).word()
	if !ok {
		return "", ""
	}
	return w, strings.TrimLeft(s[end:], blanks)
}

// blanks are the characters C's isspace accepts, which Apache uses throughout.
const blanks = " \t\n\v\f\r"
