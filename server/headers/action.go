package headers

import (
	"regexp"
	"strings"

	"github.com/gohttpd/gohttpd/directives"
)

// target is what one action works on: the table it changes, and the
// request and response it may read or change besides (echo writes to the
// response's onsuccess table whichever list the action is in; set and
// edit of Content-Type change the response's content type too).
type target struct {
	table *Table
	req   *Request
	resp  *Response
}

// runs reports whether a runs in an early (post-read) or a late call,
// as Apache's do_headers_fixup: early actions only in early calls,
// env= conditions checked only in late ones.
func runs(a *directives.HeaderAction, early bool, env map[string]string) bool {
	if a.Condition.Early != early {
		return false
	}
	if early || a.Condition.Env == "" {
		return true
	}
	_, set := env[a.Condition.Env]
	return set != a.Condition.NotEnv
}

// apply does one action, as Apache's do_headers_fixup does.
func (t target) apply(a *directives.HeaderAction) {
	switch a.Action {
	case directives.HeaderAdd:
		t.table.Add(a.Name, expand(a.Value, t.req))
	case directives.HeaderAppend:
		t.table.Merge(a.Name, expand(a.Value, t.req))
	case directives.HeaderMerge:
		v := expand(a.Value, t.req)
		if old, ok := t.table.Get(a.Name); !ok || !hasToken(old, v) {
			t.table.Merge(a.Name, v)
		}
	case directives.HeaderSet:
		t.set(a)
	case directives.HeaderSetIfEmpty:
		if _, ok := t.table.Get(a.Name); !ok {
			t.set(a)
		}
	case directives.HeaderUnset:
		t.table.Unset(a.Name)
	case directives.HeaderEcho:
		for _, f := range t.req.Header {
			if a.Regex.MatchString(f.Name) {
				t.resp.Headers.Add(f.Name, f.Value)
			}
		}
	case directives.HeaderEdit, directives.HeaderEditAll:
		t.edit(a)
	case directives.HeaderNote:
		t.note(a)
	}
}

// set replaces the header; a Content-Type also becomes the response's
// content type, which Apache sends in place of the table's.
func (t target) set(a *directives.HeaderAction) {
	v := expand(a.Value, t.req)
	if strings.EqualFold(a.Name, "Content-Type") {
		t.resp.ContentType = v
	}
	t.table.Set(a.Name, v)
}

// edit rewrites each line of the header and, as Apache, moves the edited
// lines to the end of the table.
func (t target) edit(a *directives.HeaderAction) {
	all := a.Action == directives.HeaderEditAll
	subs := expand(a.Value, t.req)
	if strings.EqualFold(a.Name, "Content-Type") && t.resp.ContentType != "" {
		t.resp.ContentType = editValue(a.Regex, subs, t.resp.ContentType, all)
	}
	first := t.table.index(a.Name)
	if first < 0 {
		return
	}
	name := (*t.table)[first].Name
	// The edited lines wait here (on the stack for a few) while the
	// others close up, then go at the end.
	var room [4]Field
	edited := room[:0]
	kept := (*t.table)[:first]
	for _, f := range (*t.table)[first:] {
		if strings.EqualFold(f.Name, a.Name) {
			edited = append(edited, Field{name, editValue(a.Regex, subs, f.Value, all)})
		} else {
			kept = append(kept, f)
		}
	}
	*t.table = append(kept, edited...)
}

// note stores the header's first value in the note the action's value
// names; an absent header removes the note.
func (t target) note(a *directives.HeaderAction) {
	key := expand(a.Value, t.req)
	v, ok := t.table.Get(a.Name)
	if !ok {
		delete(t.req.Notes, key)
		return
	}
	if t.req.Notes == nil {
		t.req.Notes = map[string]string{}
	}
	t.req.Notes[key] = v
}

// hasToken reports whether the comma-separated list holds v exactly, as
// Apache's merge checks: blanks before an item are skipped, a quoted
// string may hold commas, and the comparison is case-sensitive.
func hasToken(list, v string) bool {
	for list != "" {
		list = strings.TrimLeft(list, " \t\r\n\v\f")
		i := 0
		for i < len(list) && list[i] != ',' {
			if list[i] == '"' {
				if j := strings.IndexByte(list[i+1:], '"'); j >= 0 {
					i += j + 2
					continue
				}
				i = len(list)
				break
			}
			i++
		}
		if list[:i] == v {
			return true
		}
		list = list[min(i+1, len(list)):]
	}
	return false
}

// editValue replaces the first match of re in v by subs, with $0-$9
// naming the match's groups and a backslash quoting the next character;
// with all, the rest after each match is edited again as a string of its
// own, as Apache's process_regexp recurses (so "^" matches again after
// each replacement). Where Apache recurses without end on an empty match,
// the edit stops there.
func editValue(re *regexp.Regexp, subs, v string, all bool) string {
	if !re.MatchString(v) {
		return v // no copy of a line the edit leaves alone
	}
	var b strings.Builder
	for {
		m := re.FindStringSubmatchIndex(v)
		if m == nil {
			b.WriteString(v)
			return b.String()
		}
		b.WriteString(v[:m[0]])
		b.WriteString(substitute(subs, v, m))
		v = v[m[1]:]
		if !all || m[0] == m[1] {
			b.WriteString(v)
			return b.String()
		}
	}
}

// substitute expands $0-$9 in subs from the match m of src, as Apache's
// ap_pregsub: an unmatched or empty group gives nothing, and a backslash
// makes the next character literal.
func substitute(subs, src string, m []int) string {
	if !strings.ContainsAny(subs, `$\`) {
		return subs
	}
	var b strings.Builder
	for i := 0; i < len(subs); i++ {
		c := subs[i]
		if c == '$' && i+1 < len(subs) && subs[i+1] >= '0' && subs[i+1] <= '9' {
			n := int(subs[i+1] - '0')
			i++
			if 2*n+1 < len(m) && m[2*n] >= 0 && m[2*n] < m[2*n+1] {
				b.WriteString(src[m[2*n]:m[2*n+1]])
			}
			continue
		}
		if c == '\\' && i+1 < len(subs) {
			i++
			c = subs[i]
		}
		b.WriteByte(c)
	}
	return b.String()
}
