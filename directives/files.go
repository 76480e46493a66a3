package directives

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Mount makes the files under Target (a path the config names, such as
// /usr/local/apache2/conf) be read from Source on this machine, as a
// container volume does.
type Mount struct {
	Source string
	Target string
}

// ParseMount parses "SRC:DST" as the --mount flag takes it.
func ParseMount(s string) (Mount, error) {
	src, dst, ok := strings.Cut(s, ":")
	if !ok || src == "" || dst == "" {
		return Mount{}, fmt.Errorf("--mount %q: want SRC:DST", s)
	}
	if !filepath.IsAbs(dst) {
		return Mount{}, fmt.Errorf("--mount %q: DST must be an absolute path", s)
	}
	abs, err := filepath.Abs(src)
	if err != nil {
		return Mount{}, fmt.Errorf("--mount %q: %w", s, err)
	}
	return Mount{Source: abs, Target: filepath.Clean(dst)}, nil
}

// Files opens the files a config names, through its mounts. Paths in the
// model stay as the config names them; only opening maps them.
type Files struct {
	Mounts []Mount
}

// Path returns where on this machine the config's path is found: under the
// longest mount whose Target contains it, or the path itself.
func (f *Files) Path(name string) string {
	if f == nil {
		return name
	}
	name = filepath.Clean(name)
	best := -1
	for i, m := range f.Mounts {
		if (name == m.Target || strings.HasPrefix(name, m.Target+"/") || m.Target == "/") &&
			(best < 0 || len(m.Target) > len(f.Mounts[best].Target)) {
			best = i
		}
	}
	if best < 0 {
		return name
	}
	m := f.Mounts[best]
	rel, err := filepath.Rel(m.Target, name)
	if err != nil {
		return name
	}
	return filepath.Join(m.Source, rel)
}

// ReadFile reads the named file.
func (f *Files) ReadFile(name string) ([]byte, error) { return os.ReadFile(f.Path(name)) }

// Stat stats the named file, following links. A directory that holds a
// mount's Target exists, as it does in a container with that volume.
func (f *Files) Stat(name string) (fs.FileInfo, error) {
	fi, err := os.Stat(f.Path(name))
	if err != nil && f != nil {
		name = filepath.Clean(name)
		for _, m := range f.Mounts {
			if name == "/" || strings.HasPrefix(m.Target, name+"/") {
				return mountParent{name: filepath.Base(name)}, nil
			}
		}
	}
	return fi, err
}

// mountParent is the FileInfo of a directory that exists only because a
// mount lies below it.
type mountParent struct{ name string }

func (d mountParent) Name() string       { return d.name }
func (d mountParent) Size() int64        { return 0 }
func (d mountParent) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (d mountParent) ModTime() time.Time { return time.Time{} }
func (d mountParent) IsDir() bool        { return true }
func (d mountParent) Sys() any           { return nil }

// ReadDir lists the named directory.
func (f *Files) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(f.Path(name)) }
