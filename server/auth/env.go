package auth

import (
	"path/filepath"
	"sync"

	"github.com/gohttpd/gohttpd/directives"
	"github.com/gohttpd/gohttpd/server/authfile"
)

// Env is what every Checker of a process shares: the mapping of the
// config's paths to this machine, one reloading source per password or
// group file (however many sections name it), and the password verifier
// with its credential cache. It is safe for concurrent use.
type Env struct {
	files    *directives.Files
	verifier *verifier

	mu     sync.Mutex // guards the maps, filled while Checkers are built
	users  map[string]*authfile.Source[*userTable]
	groups map[string]*authfile.Source[groupTable]
}

// NewEnv returns the Env of a process whose config's paths files maps to
// this machine (nil: as named), with the credential cache cache asks for.
func NewEnv(files *directives.Files, cache CacheOptions) *Env {
	return &Env{
		files:    files,
		verifier: newVerifier(cache),
		users:    map[string]*authfile.Source[*userTable]{},
		groups:   map[string]*authfile.Source[groupTable]{},
	}
}

// Stats reports the password checks done so far.
func (e *Env) Stats() Stats {
	s := &e.verifier.stats
	return Stats{Verifications: s.verifications.Load(), Decoys: s.decoys.Load(), CacheHits: s.hits.Load()}
}

// userFile returns the htpasswd file the config names path ("" when
// AuthUserFile is unset), sharing its source with every other user of
// the same file on this machine.
func (e *Env) userFile(path string) *FileUsers {
	if path == "" {
		return &FileUsers{}
	}
	return &FileUsers{path: path, src: shared(e, e.users, path, newUserTable)}
}

// groupFile returns the group file the config names path.
func (e *Env) groupFile(path string) *FileGroups {
	return &FileGroups{path: path, src: shared(e, e.groups, path, newGroupTable)}
}

// shared returns the source of the file the config names path, keyed by
// where it is on this machine, making it on first use.
func shared[T any](e *Env, sources map[string]*authfile.Source[T], path string, parse func(string, []byte) T) *authfile.Source[T] {
	local := filepath.Clean(e.files.Path(path))
	e.mu.Lock()
	defer e.mu.Unlock()
	if s, ok := sources[local]; ok {
		return s
	}
	s := authfile.NewSource(local, func(data []byte) T { return parse(path, data) })
	sources[local] = s
	return s
}
