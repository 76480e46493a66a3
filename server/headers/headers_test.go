package headers

import (
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

func TestTableKeepsApacheOrder(t *testing.T) {
	t.Parallel()
	tab := Table{{"x-a", "1"}, {"B", "2"}, {"X-A", "3"}}
	tab.Set("X-A", "new")
	tab.Merge("b", "more")
	tab.Add("C", "4")
	want := Table{{"x-a", "new"}, {"B", "2, more"}, {"C", "4"}}
	if !slices.Equal(tab, want) {
		t.Fatalf("got %v, want %v", tab, want)
	}
	tab.Unset("x-A")
	if _, ok := tab.Get("X-A"); ok || len(tab) != 2 {
		t.Fatalf("unset left %v", tab)
	}
}

func TestHasToken(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		list, v string
		want    bool
	}{
		{"a, b", "b", true},
		{"a,b ", "b", false}, // the blank after b is part of the item
		{`"x,y", z`, `"x,y"`, true},
		{`"x,y", z`, "y", false},
		{"No-Cache", "no-cache", false},
		{"", "a", false},
	} {
		if got := hasToken(c.list, c.v); got != c.want {
			t.Errorf("hasToken(%q, %q) = %v", c.list, c.v, got)
		}
	}
}

func TestEditValue(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		re, subs, v string
		all         bool
		want        string
	}{
		{`^a`, "b", "aaa", true, "bbb"}, // each rest is a string of its own
		{`^a`, "b", "aaa", false, "baa"},
		{`(\w+)@(\w+)`, `$2\$$1$9`, "me@host", false, "host$me"},
		{`x`, "y", "abc", true, "abc"},
		{`a*`, "-", "bab", true, "-bab"}, // an empty match ends the edit
	} {
		if got := editValue(regexp.MustCompile(c.re), c.subs, c.v, c.all); got != c.want {
			t.Errorf("edit %q→%q on %q = %q, want %q", c.re, c.subs, c.v, got, c.want)
		}
	}
}

func TestFormat(t *testing.T) {
	t.Parallel()
	at := time.UnixMicro(1700000000123456)
	r := &Request{Received: at, Now: func() time.Time { return at.Add(1500 * time.Microsecond) },
		Env: map[string]string{"A": "x\ny"}, SSL: map[string]string{"SSL_PROTOCOL": "TLSv1.3", "E": ""},
		LoadAvg: [3]float64{0.5, 1, 2.125}, Idle: 90, Busy: 10}
	f := directives.HeaderFormat{
		{Kind: directives.HeaderTime}, {Kind: directives.HeaderText, Text: " "},
		{Kind: directives.HeaderDuration}, {Kind: directives.HeaderText, Text: " "},
		{Kind: directives.HeaderEnv, Text: "A"}, {Kind: directives.HeaderEnv, Text: "B"},
		{Kind: directives.HeaderSSLVar, Text: "SSL_PROTOCOL"}, {Kind: directives.HeaderSSLVar, Text: "E"},
		{Kind: directives.HeaderLoadAvg}, {Kind: directives.HeaderIdle}, {Kind: directives.HeaderBusy},
	}
	want := "t=1700000000123456 D=1500 x y(null)TLSv1.3(null)l=0.50/1.00/2.12i=90b=10"
	if got := expand(f, r); got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// TestNote checks that note copies the header's value into the note the
// value names.
func TestNote(t *testing.T) {
	t.Parallel()
	h := New(&directives.HeadersConfig{Request: []directives.HeaderAction{{
		When: directives.OnRequest, Action: directives.HeaderNote, Name: "X-User",
		Value: directives.HeaderFormat{{Kind: directives.HeaderText, Text: "who"}},
	}}})
	req := &Request{Header: Table{{"X-User", "ann"}}}
	h.Fixup(req, &Response{})
	if req.Notes["who"] != "ann" {
		t.Fatalf("notes %v", req.Notes)
	}
}
