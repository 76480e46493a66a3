package directives

import (
	"fmt"
	"strings"
)

// Origin is where a directive stands in the config.
type Origin struct {
	File string
	Line int
}

func (o Origin) String() string { return fmt.Sprintf("%s:%d", o.File, o.Line) }

// Origins records, per directive name (lower-cased), where each of its
// lines in a scope stands, in config order, so that a finding about a
// value can name the line that set it.
type Origins map[string][]Origin

// Nth returns where the i-th line of the named directive stands.
func (o Origins) Nth(name string, i int) (Origin, bool) {
	list := o[strings.ToLower(name)]
	if i < 0 || i >= len(list) {
		return Origin{}, false
	}
	return list[i], true
}

// Last returns where the last line of the named directive stands: for a
// directive that sets one value, the line in effect.
func (o Origins) Last(name string) (Origin, bool) {
	list := o[strings.ToLower(name)]
	if len(list) == 0 {
		return Origin{}, false
	}
	return list[len(list)-1], true
}

func (o *Origins) add(name string, at Origin) {
	if *o == nil {
		*o = Origins{}
	}
	key := strings.ToLower(name)
	(*o)[key] = append((*o)[key], at)
}

// over returns o with inner's entries in place of o's for each name inner
// sets, as a merged config takes the inner scope's values.
func (o Origins) over(outer Origins) Origins {
	if len(o) == 0 {
		return outer
	}
	out := make(Origins, len(outer)+len(o))
	for k, v := range outer {
		out[k] = v
	}
	for k, v := range o {
		out[k] = v
	}
	return out
}
