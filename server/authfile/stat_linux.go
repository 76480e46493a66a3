//go:build linux

package authfile

import (
	"io/fs"
	"syscall"
)

// statFile stats path, following links, without the allocations of
// os.Stat: Load calls it on every request.
func statFile(path string) (fileID, error) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return fileID{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	return idOfStat(&st), nil
}

// idOfInfo is the fileID of an os.File's stat.
func idOfInfo(fi fs.FileInfo) fileID {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return idOfStat(st)
	}
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}

func idOfStat(st *syscall.Stat_t) fileID {
	return fileID{
		dev: uint64(st.Dev), ino: uint64(st.Ino), size: st.Size,
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}
}
