package status

import (
	"strconv"
	"strings"
)

// Auto is the "?auto" report: "Key: value" lines in the order and form
// of Apache's mod_status with the event MPM, the shape apache_exporter
// and other monitoring tools parse. The totals, CPU and rates appear only
// with ExtendedStatus, the rates only once there is an uptime or a
// request to divide by, as Apache's. CPULoad appears once CPU time was
// used, as in Apache, and once the server has been up a second (where
// Apache would divide by zero and print "inf").
func (r *Report) Auto() string {
	var b strings.Builder
	line := func(key, value string) { b.WriteString(key + ": " + value + "\n") }
	itoa := strconv.Itoa
	up := r.uptime()
	b.WriteString(r.ServerName + "\n")
	line("ServerVersion", r.Version)
	line("ServerMPM", r.MPM)
	line("Server Built", r.Built)
	line("CurrentTime", r.Now.Format(timeFormat))
	line("RestartTime", r.Restarted.Format(timeFormat))
	line("ParentServerConfigGeneration", itoa(r.ConfigGeneration))
	line("ParentServerMPMGeneration", itoa(r.MPMGeneration))
	line("ServerUptimeSeconds", strconv.FormatInt(up, 10))
	b.WriteString("ServerUptime:" + upTime(up) + "\n")
	line("Load1", fixed(r.Load[0], 2))
	line("Load5", fixed(r.Load[1], 2))
	line("Load15", fixed(r.Load[2], 2))
	if r.Extended {
		r.autoTotals(&b, up)
	}
	line("BusyWorkers", itoa(r.Live.Busy))
	line("GracefulWorkers", "0")
	line("IdleWorkers", itoa(r.idle()))
	line("Processes", "1")
	line("Stopping", itoa(r.stopping()))
	line("ConnsTotal", itoa(r.Live.Conns))
	line("ConnsAsyncWaitIO", "0")
	line("ConnsAsyncWriting", "0")
	line("ConnsAsyncKeepAlive", itoa(r.Live.KeepAlive))
	line("ConnsAsyncClosing", "0")
	line("Scoreboard", r.scoreboard())
	return b.String()
}

// autoTotals writes ExtendedStatus's lines of the "?auto" report.
func (r *Report) autoTotals(b *strings.Builder, up int64) {
	line := func(key, value string) { b.WriteString(key + ": " + value + "\n") }
	count := r.Totals.Accesses
	kb := r.kBytes()
	line("Total Accesses", strconv.FormatUint(count, 10))
	line("Total kBytes", strconv.FormatUint(kb, 10))
	line("Total Duration", strconv.FormatInt(r.durationMS(), 10))
	line("CPUUser", aprG(r.CPU.User, 6))
	line("CPUSystem", aprG(r.CPU.System, 6))
	line("CPUChildrenUser", aprG(r.CPU.ChildUser, 6))
	line("CPUChildrenSystem", aprG(r.CPU.ChildSystem, 6))
	if cpu := r.CPU.total(); cpu > 0 && up > 0 {
		line("CPULoad", aprG(cpu/float64(up)*100, 6))
	}
	line("Uptime", strconv.FormatInt(up, 10))
	if up > 0 {
		line("ReqPerSec", g6(float64(count)/float64(up)))
		line("BytesPerSec", g6(float64(kb*kiB)/float64(up)))
	}
	if count > 0 {
		line("BytesPerReq", g6(float64(kb*kiB)/float64(count)))
		line("DurationPerReq", g6(float64(r.durationMS())/float64(count)))
	}
}
