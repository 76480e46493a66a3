package parser

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// testHooks runs <IfTrue> and <IfFalse> at read time, as a caller's
// conditional sections, and expands ${X} to "x y".
type testHooks struct{}

func (testHooks) Expand(line string) string { return strings.ReplaceAll(line, "${X}", "x y") }

func (testHooks) ReadNow(r *Reader, d *Directive) ([]*Directive, bool, error) {
	switch strings.ToLower(d.Name) {
	case "<iftrue":
		nodes, err := r.ReadSection(d)
		return nodes, true, err
	case "<iffalse":
		return nil, true, r.SkipSection(d)
	}
	return nil, false, nil
}

func read(t *testing.T, text string) ([]*Directive, error) {
	t.Helper()
	return NewReader(testHooks{}).ReadFile("test.conf", []byte(text))
}

// dump prints a tree as "line:name args" with children indented.
func dump(nodes []*Directive, indent string) string {
	var b strings.Builder
	for _, d := range nodes {
		fmt.Fprintf(&b, "%s%d:%s|%s\n", indent, d.Line, d.Name, d.Args)
		b.WriteString(dump(d.Children, indent+"  "))
	}
	return b.String()
}

func TestReadTree(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"blank lines, tabs and CRLF", "\r\n\tServerName  a \r\n\r\n", "2:ServerName|a\n"},
		{"comment only at line start", "# c\n  # c\nA b#c # d\n", "3:A|b#c # d\n"},
		{"continuation joins lines, reported at the last", "A b \\\nc\nB\n", "2:A|b c\n3:B|\n"},
		{"continuation with CRLF", "A b\\\r\nc\r\n", "2:A|bc\n"},
		{"comment ending in backslash swallows next line", "# c \\\nBogus\nA\n", "3:A|\n"},
		{"backslash before blank is no continuation", "A b\\ \nB\n", "1:A|b\\\n2:B|\n"},
		{"continuation on the last line counts one more", "A b\\\n", "2:A|b\n"},
		{"sections nest, names case-insensitive", "<Location /a>\n<Limit GET>\nR x\n</limit>\n</LOCATION>\n",
			"1:<Location|/a>\n  2:<Limit|GET>\n    3:R|x\n"},
		{"section without argument", "<Foo>\n</Foo>\n", "1:<Foo|>\n"},
		{"expansion before splitting", "A ${X}\n", "1:A|x y\n"},
		{"true condition splices its body", "<IfTrue>\nA\n<IfTrue>\nB\n</IfTrue>\n</IfTrue>\nC\n", "2:A|\n4:B|\n7:C|\n"},
		{"false condition skips unchecked", "<IfFalse>\nBogus \"\n<X>\n</X>\n</IfFalse>\nA\n", "6:A|\n"},
		{"true condition may end at end of file", "<IfTrue>\nA\n", "2:A|\n"},
		{"NUL ends a line's text", "A b\x00c\\\nB\n", "1:A|b\n2:B|\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes, err := read(t, tt.in)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got := dump(nodes, ""); got != tt.want {
				t.Errorf("tree:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"mismatched close", "<Location /a>\n<Limit GET>\n</Location>\n", 3, "Expected </Limit> but saw </Location>"},
		{"stray close", "A\n</Location>\n", 2, "</Location> without matching <Location> section"},
		{"close with blank before >", "<Location /a>\n</Location >\n", 2, "</Location> directive missing closing '>'"},
		{"unclosed at end, outermost line named", "A\n<VirtualHost *>\n<Location /a>\n",
			2, "test.conf:3: <Location> was not closed.\ntest.conf:2: <VirtualHost> was not closed."},
		{"skipped section with wrong close names the opening line", "A\n<IfFalse>\n<X>\n</Y>\n</IfFalse>\n",
			2, "Expected </X> but saw </Y>"},
		{"skipped section never closed", "<IfFalse>\nA\n", 1, "Expected </IfFalse> before end of configuration"},
		{"error inside a true condition names its own line", "<IfTrue>\nA\n</Location>\n</IfTrue>\n",
			3, "</Location> without matching <Location> section"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := read(t, tt.in)
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want *Error", err)
			}
			if pe.Line != tt.line || pe.Msg != tt.msg || pe.File != "test.conf" {
				t.Errorf("error at %s:%d %q, want test.conf:%d %q", pe.File, pe.Line, pe.Msg, tt.line, tt.msg)
			}
		})
	}
}

// FuzzRead shows that no input panics the reader and every error names a
// line within the input.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"A b\n", "<Location /a>\n</Location>\n", "<IfTrue>\n<IfFalse>\n</IfFalse>\n", "\"a\\\" 'b\\\\'\n",
		"</\n", "<\n", ">\n", "<IfFalse\n</\n", "A \\\n\\\n", "${X}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, err := read(t, in)
		if err == nil {
			return
		}
		var pe *Error
		if !errors.As(err, &pe) {
			t.Fatalf("error without a line: %v", err)
		}
		lines := strings.Count(in, "\n") + 2
		if pe.Line < 1 || pe.Line > lines {
			t.Fatalf("error names line %d of a %d-line input: %v", pe.Line, lines, err)
		}
	})
}
