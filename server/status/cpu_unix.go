//go:build unix

package status

import (
	"math"
	"syscall"
)

// ProcessCPU is the CPU time the process and its waited-for children
// used, in seconds rounded down to the hundredth as times(2) counts it.
func ProcessCPU() CPU {
	var self, children syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &self)
	_ = syscall.Getrusage(syscall.RUSAGE_CHILDREN, &children)
	return CPU{
		User:        ticks(self.Utime),
		System:      ticks(self.Stime),
		ChildUser:   ticks(children.Utime),
		ChildSystem: ticks(children.Stime),
	}
}

// ticks is a time in seconds at the 100 Hz of clock ticks.
func ticks(tv syscall.Timeval) float64 {
	cs := math.Floor((float64(tv.Sec)*1e6 + float64(tv.Usec)) / 1e4)
	return cs / 100
}
