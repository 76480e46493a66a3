package directives

import (
	"slices"
	"strings"
)

// Methods is a set of request methods, as Apache's method mask: the methods
// Names, or with Except every method but those. Names are case-sensitive, as
// in Apache, where "get" is an extension method and not GET.
type Methods struct {
	Except bool
	Names  []string
}

// AllMethods is every method: the scope outside <Limit>.
var AllMethods = Methods{Except: true}

// All reports whether m is every method.
func (m Methods) All() bool { return m.Except && len(m.Names) == 0 }

// Empty reports whether m holds no method.
func (m Methods) Empty() bool { return !m.Except && len(m.Names) == 0 }

// Has reports whether m holds the request method. A HEAD request counts as
// GET, as in Apache, where HEAD has no method number of its own.
func (m Methods) Has(method string) bool {
	if method == "HEAD" {
		method = "GET"
	}
	return slices.Contains(m.Names, method) != m.Except
}

// Intersect returns the methods in both m and o.
func (m Methods) Intersect(o Methods) Methods {
	switch {
	case !m.Except && !o.Except:
		return Methods{Names: filter(m.Names, func(n string) bool { return slices.Contains(o.Names, n) })}
	case !m.Except:
		return Methods{Names: filter(m.Names, func(n string) bool { return !slices.Contains(o.Names, n) })}
	case !o.Except:
		return o.Intersect(m)
	}
	names := slices.Clone(m.Names)
	for _, n := range o.Names {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return Methods{Except: true, Names: names}
}

// Equal reports whether m and o hold the same methods.
func (m Methods) Equal(o Methods) bool {
	if m.Except != o.Except || len(m.Names) != len(o.Names) {
		return false
	}
	for _, n := range m.Names {
		if !slices.Contains(o.Names, n) {
			return false
		}
	}
	return true
}

func (m Methods) String() string {
	if m.All() {
		return "all methods"
	}
	if m.Except {
		return "all methods except " + strings.Join(m.Names, " ")
	}
	return strings.Join(m.Names, " ")
}

func filter(names []string, keep func(string) bool) []string {
	var out []string
	for _, n := range names {
		if keep(n) {
			out = append(out, n)
		}
	}
	return out
}
