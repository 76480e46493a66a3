package parser

import (
	"errors"
	"strings"
)

// Hooks is what reading needs to know about directives.
type Hooks interface {
	// Expand replaces ${VAR} references in a line; Apache does this to the
	// whole line before splitting it into words.
	Expand(line string) string
	// ReadNow runs d at once if Apache runs it while reading (Define,
	// Include, <IfModule> …); handled is false for every other directive.
	// nodes take d's place in the tree: the body of a true <IfModule>, the
	// directives of an included file. An error that is not an *Error is
	// reported at d's line.
	ReadNow(r *Reader, d *Directive) (nodes []*Directive, handled bool, err error)
}

// Reader builds directive trees from config text, one file at a time.
type Reader struct {
	hooks Hooks
	src   *lineSource
}

// NewReader returns a Reader that consults hooks for every directive.
func NewReader(hooks Hooks) *Reader { return &Reader{hooks: hooks} }

// ReadFile reads the config text data of the file name and returns its
// top-level directives. Sections must close in the same file.
func (r *Reader) ReadFile(name string, data []byte) ([]*Directive, error) {
	sub := &Reader{hooks: r.hooks, src: newLineSource(name, data)}
	b := &builder{r: sub}
	if err := b.run(""); err != nil {
		return nil, err
	}
	if b.parent != nil {
		return nil, unclosed(b.parent)
	}
	return b.top, nil
}

// File returns the name of the file being read.
func (r *Reader) File() string { return r.src.name }

// ReadSection reads the body of the section open, which the hooks are
// running at read time, up to its closing tag (Apache's
// ap_build_cont_config). Like Apache, it accepts the end of the file in
// place of the closing tag.
func (r *Reader) ReadSection(open *Directive) ([]*Directive, error) {
	b := &builder{r: r}
	if err := b.run(open.Name); err != nil {
		return nil, err
	}
	return b.top, nil
}

// SkipSection skips the body of the section open, whose condition is false,
// up to its closing tag (Apache's ap_soak_end_container). Nothing in it is
// expanded or checked but the nesting of section tags.
func (r *Reader) SkipSection(open *Directive) error {
	return r.skip(open.Name)
}

func (r *Reader) skip(name string) error {
	for {
		text, _, ok, err := r.src.next()
		if err != nil {
			return err
		}
		if !ok {
			return errors.New("Expected </" + name[1:] + "> before end of configuration")
		}
		word, rest := FirstWord(text)
		if at(word, 0) != '<' {
			continue
		}
		if at(word, 1) == '/' {
			word = word[:len(word)-1]
			if !strings.EqualFold(after(word, 2), name[1:]) {
				return errors.New("Expected </" + name[1:] + "> but saw " + word + ">")
			}
			return nil
		}
		if rest == "" && strings.HasSuffix(word, ">") {
			word = word[:len(word)-1]
		}
		if err := r.skip(word); err != nil {
			return err
		}
	}
}

// builder is one run of Apache's ap_build_config loop: it adds each line to
// the tree under the innermost open section.
type builder struct {
	r      *Reader
	top    []*Directive
	parent *Directive // innermost open section, nil at top level
}

// run reads lines to the end of the file or, when closing is a section
// name, to that section's closing tag at the top level of this run.
func (b *builder) run(closing string) error {
	for {
		text, line, ok, err := b.r.src.next()
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if closing != "" && b.parent == nil && strings.HasPrefix(text, "</") &&
			strings.EqualFold(text[2:], closing[1:]+">") {
			return nil
		}
		if err := b.line(text, line); err != nil {
			return err
		}
	}
}

func (b *builder) line(text string, line int) error {
	if text == "" || text[0] == '#' {
		return nil
	}
	name, args := FirstWord(b.r.hooks.Expand(text))
	if name == "" {
		return nil
	}
	if at(name, 1) != '/' {
		name = strings.TrimSuffix(name, ">")
		if at(name, 0) == '<' && args == "" {
			args = ">"
		}
	}
	d := &Directive{Name: name, Args: args, File: b.r.src.name, Line: line, Parent: b.parent}

	nodes, handled, err := b.r.hooks.ReadNow(b.r, d)
	if err != nil {
		var located *Error
		if errors.As(err, &located) {
			return err
		}
		return &Error{File: d.File, Line: d.Line, Msg: err.Error(), Err: err}
	}
	if handled {
		for _, n := range nodes {
			n.Parent = b.parent
			b.add(n)
		}
		return nil
	}

	switch {
	case at(name, 0) != '<':
		b.add(d)
	case at(name, 1) != '/':
		b.add(d)
		b.parent = d
	case b.parent == nil:
		return errorAt(d, name+" without matching <"+after(name, 2)+" section")
	default:
		if !strings.HasSuffix(name, ">") {
			return errorAt(d, name+"> directive missing closing '>'")
		}
		closed := name[:len(name)-1]
		if !strings.EqualFold(after(closed, 2), b.parent.Name[1:]) {
			return errorAt(d, "Expected </"+b.parent.Name[1:]+"> but saw "+closed+">")
		}
		b.parent = b.parent.Parent
	}
	return nil
}

// add appends d under the innermost open section of this run.
func (b *builder) add(d *Directive) {
	if b.parent == nil {
		b.top = append(b.top, d)
		return
	}
	d.Parent = b.parent
	b.parent.Children = append(b.parent.Children, d)
}

// unclosed reports every section still open at the end of a file, innermost
// first, at the outermost one's line, as Apache does.
func unclosed(open *Directive) error {
	var msgs []string
	outer := open
	for d := open; d != nil; d = d.Parent {
		msgs = append(msgs, d.Where()+": "+d.Name+"> was not closed.")
		outer = d
	}
	return errorAt(outer, strings.Join(msgs, "\n"))
}

// at returns s[i], or 0 past the end, as reading a C string would.
func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// after returns s[i:], or "" past the end.
func after(s string, i int) string {
	if i < len(s) {
		return s[i:]
	}
	return ""
}
