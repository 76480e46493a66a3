package errorlog

import "syscall"

// tid is the kernel's id of the thread running the caller, which Apache
// prints as "tid" on Linux (gettid). Goroutines move between threads, so
// it says where a line was written, not which request wrote it.
func tid() int { return syscall.Gettid() }
