package errorlog

import "syscall"

var errnoNotFound = syscall.ENOENT
