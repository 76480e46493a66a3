package status

import (
	"os"
	"strconv"
	"strings"
)

// LoadAverage reads the system's load average over 1, 5 and 15 minutes
// from /proc/loadavg; -1 each when it cannot, as Apache's
// ap_get_loadavg reports a system that does not tell.
func LoadAverage() [3]float64 {
	out := [3]float64{-1, -1, -1}
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return out
	}
	f := strings.Fields(string(b))
	for i := 0; i < 3 && i < len(f); i++ {
		if v, err := strconv.ParseFloat(f[i], 64); err == nil {
			out[i] = v
		}
	}
	return out
}
