//go:build !unix

package status

// ProcessCPU is zero where the system has no getrusage: Apache shows no
// CPU figures either without times(2).
func ProcessCPU() CPU { return CPU{} }
