//go:build !linux

package authfile

import (
	"io/fs"
	"os"
)

// statFile stats path, following links. Without Linux's stat fields only
// the size and modification time tell versions apart.
func statFile(path string) (fileID, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileID{}, err
	}
	return idOfInfo(fi), nil
}

// idOfInfo is the fileID of a stat: size and modification time.
func idOfInfo(fi fs.FileInfo) fileID {
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}
