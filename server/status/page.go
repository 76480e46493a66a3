package status

import (
	"strconv"
	"strings"

	"github.com/gohttpd/gohttpd/server/errorpage"
)

// pageLine is how many scoreboard characters the page puts on a line.
const pageLine = 64

// Page is the HTML report, laid out as Apache's mod_status page with the
// event MPM: the server's figures, the process table, the scoreboard and,
// with ExtendedStatus, the recent requests (as a table, or as a list when
// noTable, for ?notable).
func (r *Report) Page(noTable bool) string {
	var b strings.Builder
	esc := errorpage.EscapeHTML
	b.WriteString(`<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN" "http://www.w3.org/TR/html4/strict.dtd">` + "\n" +
		"<html><head>\n<title>Apache Status</title>\n</head><body>\n")
	b.WriteString("<h1>Apache Server Status for " + esc(r.ServerName) + " (via " + r.LocalIP + ")</h1>\n\n")
	b.WriteString("<dl><dt>Server Version: " + r.Version + "</dt>\n")
	b.WriteString("<dt>Server MPM: " + r.MPM + "</dt>\n")
	b.WriteString("<dt>Server Built: " + r.Built + "\n</dt></dl><hr /><dl>\n")
	up := r.uptime()
	dt := func(s string) { b.WriteString("<dt>" + s + "</dt>\n") }
	dt("Current Time: " + r.Now.Format(timeFormat))
	dt("Restart Time: " + r.Restarted.Format(timeFormat))
	dt("Parent Server Config. Generation: " + strconv.Itoa(r.ConfigGeneration))
	dt("Parent Server MPM Generation: " + strconv.Itoa(r.MPMGeneration))
	dt("Server uptime: " + upTime(up))
	dt("Server load: " + fixed(r.Load[0], 2) + " " + fixed(r.Load[1], 2) + " " + fixed(r.Load[2], 2))
	if r.Extended {
		r.pageTotals(&b, up)
	}
	dt(strconv.Itoa(r.Live.Busy) + " requests currently being processed, 0 workers gracefully restarting, " +
		strconv.Itoa(r.idle()) + " idle workers")
	b.WriteString("</dl>")
	r.processTable(&b)
	r.pageScoreboard(&b)
	switch {
	case r.Extended && noTable:
		r.recentList(&b)
	case r.Extended:
		r.recentTable(&b)
	default:
		b.WriteString("<hr />Details of recent requests are shown with <code>ExtendedStatus On</code>.\n")
	}
	if r.Signature != "" {
		b.WriteString("<hr />\n" + r.Signature)
	}
	b.WriteString("</body></html>\n")
	return b.String()
}

// pageTotals writes ExtendedStatus's lines of the page.
func (r *Report) pageTotals(b *strings.Builder, up int64) {
	count := r.Totals.Accesses
	kb := r.kBytes()
	b.WriteString("<dt>Total accesses: " + strconv.FormatUint(count, 10) + " - Total Traffic: " + kbyteSize(kb) +
		" - Total Duration: " + strconv.FormatInt(r.durationMS(), 10) + "</dt>\n")
	c := r.CPU
	b.WriteString("<dt>CPU Usage: u" + aprG(c.User, 6) + " s" + aprG(c.System, 6) +
		" cu" + aprG(c.ChildUser, 6) + " cs" + aprG(c.ChildSystem, 6))
	if cpu := c.total(); cpu > 0 && up > 0 {
		b.WriteString(" - " + aprG(cpu/float64(up)*100, 3) + "% CPU load")
	}
	b.WriteString("</dt>\n<dt>")
	if up > 0 {
		b.WriteString(aprG(float64(float32(count)/float32(up)), 3) + " requests/sec - " +
			byteSize(int64(float32(kb*kiB)/float32(up))) + "/second")
	}
	if count > 0 {
		if up > 0 {
			b.WriteString(" - ")
		}
		b.WriteString(byteSize(int64(float32(kb*kiB)/float32(count))) + "/request - " +
			g6(float64(r.durationMS())/float64(count)) + " ms/request")
	}
	b.WriteString("</dt>\n")
}

// processTable is the event MPM's table of processes, with gohttpd's one.
func (r *Report) processTable(b *strings.Builder) {
	b.WriteString("\n\n<table rules=\"all\" cellpadding=\"1%\">\n" +
		"<tr><th rowspan=\"2\">Slot</th><th rowspan=\"2\">PID</th><th rowspan=\"2\">Stopping</th>" +
		"<th colspan=\"2\">Connections</th>\n<th colspan=\"3\">Threads</th><th colspan=\"4\">Async connections</th></tr>\n" +
		"<tr><th>total</th><th>accepting</th><th>busy</th><th>graceful</th><th>idle</th>" +
		"<th>wait-io</th><th>writing</th><th>keep-alive</th><th>closing</th></tr>\n")
	td := func(vs ...string) string { return "<td>" + strings.Join(vs, "</td><td>") + "</td>" }
	itoa := strconv.Itoa
	stopping, accepting := "no", "yes"
	if r.Live.Stopping {
		stopping, accepting = "yes", "no"
	}
	live := []string{itoa(r.Live.Busy), "0", itoa(r.idle()), "0", "0", itoa(r.Live.KeepAlive), "0"}
	b.WriteString("<tr>" + td(append([]string{"0", itoa(r.PID), stopping, itoa(r.Live.Conns), accepting}, live...)...) + "</tr>\n")
	b.WriteString("<tr>" + td(append([]string{"Sum", "1", itoa(r.stopping()), itoa(r.Live.Conns), "&nbsp;"}, live...)...) +
		"</tr>\n</table>\n")
}

// pageScoreboard writes the scoreboard in lines of 64 and its key.
func (r *Report) pageScoreboard(b *strings.Builder) {
	b.WriteString("<pre>")
	sb := r.scoreboard()
	for len(sb) > pageLine {
		b.WriteString(sb[:pageLine] + "\n")
		sb = sb[pageLine:]
	}
	b.WriteString(sb + "</pre>\n")
	b.WriteString("<p>Scoreboard Key:<br />\n" +
		"\"<b><code>W</code></b>\" a request in progress (reading it or answering), \n" +
		"\"<b><code>_</code></b>\" a worker free of MaxRequestWorkers.<br />\n" +
		"Connections waiting for a next request hold no worker: see keep-alive above.<br />\n</p>\n")
}
