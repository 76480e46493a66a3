//go:build !linux

package authfile

import (
	"io/fs"
	"os"
)

// statPath is a path to stat on every request.
type statPath struct{ name string }

func newStatPath(name string) statPath { return statPath{name: name} }

// stat stats the file, following links. Without Linux's stat fields only
// the size and modification time tell versions apart.
func (p statPath) stat() (fileID, error) {
	fi, err := os.Stat(p.name)
	if err != nil {
		return fileID{}, err
	}
	return idOfInfo(fi), nil
}

// idOfInfo is the fileID of a stat: size and modification time.
func idOfInfo(fi fs.FileInfo) fileID {
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}
