package headers

import "strings"

// Field is one header line: its name as first written and its value.
type Field struct {
	Name, Value string
}

// Table is an ordered list of header lines with case-insensitive names,
// as Apache's apr_table: order is kept, a name may repeat, and each method
// changes the lines as its apr_table namesake does, so the order Apache
// sends headers in comes out the same.
type Table []Field

// Get returns the value of the first line named name, and whether there
// is one.
func (t Table) Get(name string) (string, bool) {
	for _, f := range t {
		if strings.EqualFold(f.Name, name) {
			return f.Value, true
		}
	}
	return "", false
}

// Values returns the values of every line named name, in order.
func (t Table) Values(name string) []string {
	var vs []string
	for _, f := range t {
		if strings.EqualFold(f.Name, name) {
			vs = append(vs, f.Value)
		}
	}
	return vs
}

// Add appends a line (apr_table_add).
func (t *Table) Add(name, value string) {
	*t = append(*t, Field{name, value})
}

// Set gives the first line named name the value and removes the others;
// the first keeps its place and the spelling of its name. Without such a
// line, one is appended (apr_table_set).
func (t *Table) Set(name, value string) {
	i := t.index(name)
	if i < 0 {
		t.Add(name, value)
		return
	}
	(*t)[i].Value = value
	t.unsetAfter(name, i+1)
}

// Merge joins value to the first line named name with ", ", or appends a
// line when there is none (apr_table_merge).
func (t *Table) Merge(name, value string) {
	i := t.index(name)
	if i < 0 {
		t.Add(name, value)
		return
	}
	(*t)[i].Value += ", " + value
}

// Unset removes every line named name (apr_table_unset).
func (t *Table) Unset(name string) {
	t.unsetAfter(name, 0)
}

func (t Table) index(name string) int {
	for i, f := range t {
		if strings.EqualFold(f.Name, name) {
			return i
		}
	}
	return -1
}

// unsetAfter removes the lines named name from index i on.
func (t *Table) unsetAfter(name string, i int) {
	kept := (*t)[:i]
	for _, f := range (*t)[i:] {
		if !strings.EqualFold(f.Name, name) {
			kept = append(kept, f)
		}
	}
	clear((*t)[len(kept):])
	*t = kept
}
