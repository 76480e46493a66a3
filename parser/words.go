package parser

import (
	"strconv"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The word lexer follows Apache's ap_getword_conf: words split on blanks; a
// quote counts only where a word starts and runs to the same quote or to the
// end of the line; inside quotes only \\ and \<that quote> unescape, and in a
// bare word only \\ does. A word may end at a closing quote with no blank
// after it ("a"b is two words), while a quote inside a bare word is text.
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

// wordList is the grammar of one argument string: words with optional blanks.
type wordList struct {
	Words []*word `parser:"Blank? ( @@ Blank? )*"`
}

type word struct {
	Bare   *string  `parser:"@Bare"`
	Double *quoted  `parser:"| DQOpen @@ DQClose?"`
	Single *squoted `parser:"| SQOpen @@ SQClose?"`
}

type quoted struct {
	Parts []string `parser:"( @DQEscape | @DQText )*"`
}

type squoted struct {
	Parts []string `parser:"( @SQEscape | @SQText )*"`
}

var wordParser = participle.MustBuild[wordList](
	participle.Lexer(wordLexer),
	participle.UseLookahead(2),
)

// Words splits s into words exactly as Apache's ap_getword_conf does when it
// is called until the string is used up. A quoted empty word ("") is kept as
// an empty string, since argument checks treat it as missing.
func Words(s string) []string {
	list, err := wordParser.ParseString("", s)
	if err != nil {
		// The grammar accepts every string; an error here is a bug, and
		// falling back to a plain split would hide it.
		panic("parser: word grammar rejected " + strconv.Quote(s) + ": " + err.Error())
	}
	out := make([]string, 0, len(list.Words))
	for _, w := range list.Words {
		out = append(out, w.value())
	}
	return out
}

// FirstWord returns the first word of s and the rest of s after the blanks
// that follow it, as one call of ap_getword_conf does.
func FirstWord(s string) (first, rest string) {
	lex, err := wordLexer.LexString("", s)
	if err != nil {
		panic("parser: word lexer rejected " + strconv.Quote(s) + ": " + err.Error())
	}
	types := wordLexer.Symbols()
	blank, bare := types["Blank"], types["Bare"]
	dqClose, sqClose := types["DQClose"], types["SQClose"]
	start := -1
	for {
		tok, err := lex.Next()
		if err != nil {
			panic("parser: word lexer failed on " + strconv.Quote(s) + ": " + err.Error())
		}
		if tok.EOF() {
			if start < 0 {
				return "", ""
			}
			return wordValue(s[start:]), ""
		}
		if start < 0 {
			if tok.Type == blank {
				continue
			}
			start = tok.Pos.Offset
			if tok.Type != bare {
				continue // an opening quote: read on to its close
			}
		} else if tok.Type != dqClose && tok.Type != sqClose {
			continue
		}
		end := tok.Pos.Offset + len(tok.Value)
		return wordValue(s[start:end]), strings.TrimLeft(s[end:], blanks)
	}
}

// blanks are the characters C's isspace accepts, which Apache uses throughout.
const blanks = " \t\n\v\f\r"

// wordValue returns the value of one lexed word (bare or quoted).
func wordValue(w string) string {
	words := Words(w)
	if len(words) == 0 {
		return ""
	}
	return words[0]
}

func (w *word) value() string {
	switch {
	case w.Bare != nil:
		return strings.ReplaceAll(*w.Bare, `\\`, `\`)
	case w.Double != nil:
		return unescape(w.Double.Parts)
	case w.Single != nil:
		return unescape(w.Single.Parts)
	}
	return ""
}

// unescape joins the parts of a quoted word; escape tokens are two bytes, a
// backslash and the character it stands for.
func unescape(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if len(p) == 2 && p[0] == '\\' && (p[1] == '\\' || p[1] == '"' || p[1] == '\'') {
			b.WriteByte(p[1])
			continue
		}
		b.WriteString(p)
	}
	return b.String()
}
