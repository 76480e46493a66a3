package main

import (
	"fmt"
	"os"
	"slices"

	"golang.org/x/sys/unix"

	"github.com/gohttpd/gohttpd/directives"
)

// heldSecrets are TLS files read as root just before the switch to User,
// each in a sealed memory file, by the name the configuration gives it.
// Apache's parent process stays root and reads them again on a graceful
// restart; gohttpd is one process that gives root up, so a file only
// root may read is served from what was read at start: a reload keeps
// working with it, and replacing such a key takes a new process.
type heldSecrets struct {
	names []string
	fds   []int
}

// holdSecrets copies every TLS file of cfg that root can read into a
// memory file. A file it cannot read is left to fail where it is used.
func holdSecrets(cfg *directives.Config, files *directives.Files) *heldSecrets {
	h := &heldSecrets{}
	for _, name := range secretFiles(cfg) {
		data, err := files.ReadFile(name)
		if err != nil {
			continue
		}
		fd, err := sealedCopy(data)
		if err != nil {
			continue
		}
		h.names, h.fds = append(h.names, name), append(h.fds, fd)
	}
	return h
}

// sealedCopy puts data in a memory file no one can change afterwards.
func sealedCopy(data []byte) (int, error) {
	fd, err := unix.MemfdCreate("gohttpd-tls", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return -1, err
	}
	for rest := data; len(rest) > 0; {
		n, err := unix.Write(fd, rest)
		if err != nil {
			unix.Close(fd)
			return -1, err
		}
		rest = rest[n:]
	}
	seals := unix.F_SEAL_SEAL | unix.F_SEAL_SHRINK | unix.F_SEAL_GROW | unix.F_SEAL_WRITE
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_ADD_SEALS, seals); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// keepUnreadable runs as User: a held file User can open is dropped (a
// reload reads it afresh, as Apache would); one it cannot is mounted
// over its name for the server's files and for reloads' configuration.
func (h *heldSecrets) keepUnreadable(f *flags, files *directives.Files) {
	var mounts []directives.Mount
	for i, name := range h.names {
		if fh, err := os.Open(files.Path(name)); err == nil {
			fh.Close()
			unix.Close(h.fds[i])
			continue
		}
		// A process may always open its own descriptors through
		// /proc/self/fd, whoever it runs as.
		mounts = append(mounts, directives.Mount{Source: fmt.Sprintf("/proc/self/fd/%d", h.fds[i]), Target: name})
	}
	files.Mounts = slices.Concat(files.Mounts, mounts)
	f.options.Mounts = slices.Concat(f.options.Mounts, mounts)
}
