package parser

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{``, []string{}},
		{`   `, []string{}},
		{`a b	c`, []string{"a", "b", "c"}},
		{`"a b" c`, []string{"a b", "c"}},
		{`'a b' c`, []string{"a b", "c"}},
		{`a"b c"`, []string{`a"b`, `c"`}},
		{`"a"b`, []string{"a", "b"}},
		{`"a""b"`, []string{"a", "b"}},
		{`"a \" b"`, []string{`a " b`}},
		{`"a \\ b"`, []string{`a \ b`}},
		{`"a \' b"`, []string{`a \' b`}},
		{`'a \' b'`, []string{`a ' b`}},
		{`'a \" b'`, []string{`a \" b`}},
		{`"a \n b"`, []string{`a \n b`}},
		{`a\\b`, []string{`a\b`}},
		{`a\"b`, []string{`a\"b`}},
		{`"unterminated rest`, []string{"unterminated rest"}},
		{`"ends in backslash\`, []string{`ends in backslash\`}},
		{`""`, []string{""}},
		{`"" x`, []string{"", "x"}},
		{`#not-a-comment x`, []string{"#not-a-comment", "x"}},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFirstWord(t *testing.T) {
	tests := []struct{ in, word, rest string }{
		{``, "", ""},
		{`  a  b c `, "a", "b c "},
		{`"a b"  c`, "a b", "c"},
		{`"a b"c`, "a b", "c"},
		{`"a \" b`, `a " b`, ""},
		{`<Location /v2>`, "<Location", "/v2>"},
		{`a\\b c`, `a\b`, "c"},
	}
	for _, tt := range tests {
		w, r := FirstWord(tt.in)
		if w != tt.word || r != tt.rest {
			t.Errorf("FirstWord(%q) = %q, %q; want %q, %q", tt.in, w, r, tt.word, tt.rest)
		}
	}
}
