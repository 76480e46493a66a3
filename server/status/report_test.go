package status

import (
	"strings"
	"testing"
	"time"
)

// report is a report of a server up for a minute that served 4
// requests, one in flight now and one connection waiting.
func report(extended bool) *Report {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	return &Report{
		ServerName: "127.0.0.1", LocalIP: "127.0.0.1",
		Version: "gohttpd/0.1.0 (Unix)", MPM: "event", Built: "unknown",
		Now: now, Restarted: now.Add(-time.Minute), ConfigGeneration: 2, MPMGeneration: 1,
		Load:     [3]float64{0.5, 1, 1.25},
		Extended: extended,
		Totals:   Totals{Accesses: 4, Bytes: 3 * 1024, Duration: 6 * time.Millisecond},
		CPU:      CPU{User: 0.12, System: 0.03},
		Live:     Live{Conns: 2, KeepAlive: 1, Busy: 1},
		Workers:  100,
		PID:      7,
	}
}

// keys are the keys of an "?auto" report in order (its first line, the
// server's name, left out).
func keys(auto string) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(auto, "\n"), "\n")[1:] {
		k, _, _ := strings.Cut(l, ":")
		out = append(out, k)
	}
	return out
}

// The keys and their order are those of Apache 2.4's mod_status with the
// event MPM (server_test checks them against apache2 itself).
func TestAutoKeys(t *testing.T) {
	t.Parallel()
	head := "ServerVersion ServerMPM Server Built CurrentTime RestartTime ParentServerConfigGeneration " +
		"ParentServerMPMGeneration ServerUptimeSeconds ServerUptime Load1 Load5 Load15 "
	ext := "Total Accesses Total kBytes Total Duration CPUUser CPUSystem CPUChildrenUser CPUChildrenSystem " +
		"CPULoad Uptime ReqPerSec BytesPerSec BytesPerReq DurationPerReq "
	tail := "BusyWorkers GracefulWorkers IdleWorkers Processes Stopping ConnsTotal ConnsAsyncWaitIO " +
		"ConnsAsyncWriting ConnsAsyncKeepAlive ConnsAsyncClosing Scoreboard"
	for _, extended := range []bool{true, false} {
		want := head + tail
		if extended {
			want = head + ext + tail
		}
		got := strings.Join(keys(report(extended).Auto()), " ")
		if got != want {
			t.Errorf("ExtendedStatus %v:\n got %s\nwant %s", extended, got, want)
		}
	}
}

func TestAutoValues(t *testing.T) {
	t.Parallel()
	got := report(true).Auto()
	for _, want := range []string{
		"127.0.0.1\nServerVersion: gohttpd/0.1.0 (Unix)\n",
		"CurrentTime: Saturday, 28-Nov-2026 12:00:00 UTC\n",
		"RestartTime: Saturday, 28-Nov-2026 11:59:00 UTC\n",
		"ParentServerConfigGeneration: 2\nParentServerMPMGeneration: 1\n",
		"ServerUptimeSeconds: 60\nServerUptime: 1 minute\n",
		"Load1: 0.50\nLoad5: 1.00\nLoad15: 1.25\n",
		"Total Accesses: 4\nTotal kBytes: 3\nTotal Duration: 6\n",
		"CPUUser: .12\nCPUSystem: .03\nCPUChildrenUser: 0\nCPUChildrenSystem: 0\nCPULoad: .25\n",
		"Uptime: 60\nReqPerSec: .0666667\nBytesPerSec: 51.2\nBytesPerReq: 768\nDurationPerReq: 1.5\n",
		"BusyWorkers: 1\nGracefulWorkers: 0\nIdleWorkers: 99\nProcesses: 1\nStopping: 0\n",
		"ConnsTotal: 2\nConnsAsyncWaitIO: 0\nConnsAsyncWriting: 0\nConnsAsyncKeepAlive: 1\nConnsAsyncClosing: 0\n",
		"Scoreboard: W" + strings.Repeat("_", 99) + "\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in:\n%s", want, got)
		}
	}
}

// Without an uptime or a request there is nothing to divide by: the rates
// are left out, as Apache leaves them.
func TestAutoNoRates(t *testing.T) {
	t.Parallel()
	r := report(true)
	r.Restarted, r.Totals = r.Now, Totals{}
	got := strings.Join(keys(r.Auto()), " ")
	for _, k := range []string{"CPULoad", "ReqPerSec", "BytesPerSec", "BytesPerReq", "DurationPerReq"} {
		if strings.Contains(got, k) {
			t.Errorf("%s shown with no uptime and no request: %s", k, got)
		}
	}
}

// More requests in flight than MaxRequestWorkers widen the scoreboard
// and leave no idle worker.
func TestScoreboardOverflow(t *testing.T) {
	t.Parallel()
	r := report(false)
	r.Workers, r.Live.Busy = 3, 5
	auto := r.Auto()
	if !strings.Contains(auto, "IdleWorkers: 0\n") || !strings.Contains(auto, "Scoreboard: WWWWW\n") {
		t.Errorf("5 busy of 3 workers:\n%s", auto)
	}
}
