//go:build !linux

package errorlog

// tid is 0 where there is no gettid: the line then has no ":tid" part,
// as Apache writes it without threads.
func tid() int { return 0 }
