package status

import "testing"

// ParseQuery finds the words anywhere in the query, as mod_status's
// strstr does.
func TestParseQuery(t *testing.T) {
	t.Parallel()
	cases := map[string]Query{
		"":                  {},
		"auto":              {Auto: true},
		"x=auto":            {Auto: true},
		"notable":           {NoTable: true},
		"refresh":           {Refresh: 10},
		"refresh=0":         {Refresh: 10},
		"refresh=-3":        {Refresh: 10},
		"refresh=7":         {Refresh: 7},
		"refresh=7s":        {Refresh: 7},
		"refresh= 5":        {Refresh: 5},
		"auto&refresh=2":    {Auto: true, Refresh: 2},
		"notable&refresh=x": {NoTable: true, Refresh: 10},
	}
	for q, want := range cases {
		if got := ParseQuery(q); got != want {
			t.Errorf("ParseQuery(%q) = %+v, want %+v", q, got, want)
		}
	}
}
