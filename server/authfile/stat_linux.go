//go:build linux

package authfile

import (
	"errors"
	"io/fs"
	"sync/atomic"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// statPath is a path made ready to stat on every request: the system call
// takes a NUL-terminated name, which syscall.Stat would allocate anew at
// each call; this one is made once.
type statPath struct {
	name  string
	cname []byte // name and a NUL; nil when name holds a NUL itself
}

func newStatPath(name string) statPath {
	p := statPath{name: name}
	if cname, err := syscall.ByteSliceFromString(name); err == nil {
		p.cname = cname
	}
	return p
}

// atFDCWD is AT_FDCWD as a system call argument: a negative constant
// cannot convert to uintptr at compile time.
var atFDCWD = unix.AT_FDCWD

// noStatx is set once statx proves missing (kernels before 4.11, or a
// seccomp filter that refuses it); stat then falls back to syscall.Stat.
var noStatx atomic.Bool

// stat stats the file, following links, without allocating.
func (p statPath) stat() (fileID, error) {
	if p.cname != nil && !noStatx.Load() {
		var stx unix.Statx_t
		_, _, errno := unix.Syscall6(unix.SYS_STATX, uintptr(atFDCWD), uintptr(unsafe.Pointer(&p.cname[0])),
			0, unix.STATX_BASIC_STATS, uintptr(unsafe.Pointer(&stx)), 0)
		switch {
		case errno == 0:
			return idOfStatx(&stx), nil
		case errors.Is(errno, syscall.ENOSYS) || errors.Is(errno, syscall.EPERM):
			noStatx.Store(true)
		default:
			return fileID{}, &fs.PathError{Op: "stat", Path: p.name, Err: errno}
		}
	}
	var st syscall.Stat_t
	if err := syscall.Stat(p.name, &st); err != nil {
		return fileID{}, &fs.PathError{Op: "stat", Path: p.name, Err: err}
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

// idOfStatx is the fileID of a statx, its device numbered as stat(2)
// numbers it, so both compare equal for the same file.
func idOfStatx(stx *unix.Statx_t) fileID {
	return fileID{
		dev: unix.Mkdev(stx.Dev_major, stx.Dev_minor), ino: stx.Ino, size: int64(stx.Size),
		mtime: stx.Mtime.Sec*1e9 + int64(stx.Mtime.Nsec), ctime: stx.Ctime.Sec*1e9 + int64(stx.Ctime.Nsec),
	}
}
