package parser

import (
	"slices"
	"strings"
	"testing"
)

// FuzzReadRoundTrip reads any text, prints the tree it gives back as
// config text and reads that again: the second tree must be the first
// (names, arguments and nesting), so nothing the reader keeps depends on
// how the text was laid out, continued or quoted.
func FuzzReadRoundTrip(f *testing.F) {
	for _, s := range []string{
		"A b\n", "<Location /a>\nRequire valid-user\n</Location>\n", "<IfTrue>\n<a>\nB\n</a>\n</IfTrue>\n",
		"\"a b\" c\n", "'#x' y\n", "A \\\n  b\\\nc\n", "A b\\", "<a>>\n</a>>\n", "\"<a b\" >\n\"</a b>\"\n",
		"A \"q\\\"\" '\\\\'\n", "A ${X} z\n", "x>\n", "\"\\\\\\\\\" y\n", "A\x00B\nC\n", "A \rb\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		tree, err := read(t, in)
		if err != nil {
			return
		}
		printed := printTree(tree)
		again, err := read(t, printed)
		if err != nil {
			t.Fatalf("the tree of %q printed as %q does not read: %v", in, printed, err)
		}
		if a, b := shape(tree, ""), shape(again, ""); a != b {
			t.Fatalf("%q read as\n%s\nprinted as %q, read again as\n%s", in, a, printed, b)
		}
	})
}

// printTree writes a tree as config text that reads back to it: each name
// quoted (with one '>' more, which reading trims from a name whose
// second character is not '/'), then its arguments,
// then a blank so that an argument ending in a backslash does not join
// the next line; each section closes with a quoted closing tag.
func printTree(nodes []*Directive) string {
	var b strings.Builder
	for _, d := range nodes {
		name := d.Name
		if at(name, 1) != '/' {
			name += ">"
		}
		b.WriteString(quote(name) + " " + d.Args + " \n")
		if d.IsSection() {
			b.WriteString(printTree(d.Children))
			b.WriteString(quote("</"+d.Name[1:]+">") + "\n")
		}
	}
	return b.String()
}

// quote writes s as one double-quoted word.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// shape prints a tree without line numbers, which printing changes.
func shape(nodes []*Directive, indent string) string {
	var b strings.Builder
	for _, d := range nodes {
		b.WriteString(indent + strings.ReplaceAll(d.Name+"|"+d.Args, "\n", `\n`) + "\n")
		b.WriteString(shape(d.Children, indent+"  "))
	}
	return b.String()
}

// FuzzWords checks that Words never panics, that quoting its words and
// splitting them again gives the same words, and that FirstWord agrees
// with Words: its first word is Words' first, and the rest holds the
// others.
func FuzzWords(f *testing.F) {
	for _, s := range []string{
		`a b`, `"a b" 'c d'`, `"a\"b" 'c\'d' e\\f`, `"unclosed`, `'`, `"a"b`, `a"b c"`, `""`, "\t\v x \f",
		`"\\" "\x"`, `'"' "'"`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		words := Words(s)
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, quote(w))
		}
		if again := Words(strings.Join(quoted, " ")); !slices.Equal(again, words) {
			t.Fatalf("Words(%q) = %q, quoted and split again %q", s, words, again)
		}
		first, rest := FirstWord(s)
		if len(words) == 0 {
			if first != "" || rest != "" {
				t.Fatalf("FirstWord(%q) = %q, %q for no words", s, first, rest)
			}
			return
		}
		if first != words[0] {
			t.Fatalf("FirstWord(%q) = %q, Words' first %q", s, first, words[0])
		}
		if others := Words(rest); !slices.Equal(others, words[1:]) {
			t.Fatalf("Words(%q) = %q, but the rest %q after FirstWord splits as %q", s, words, rest, others)
		}
	})
}
