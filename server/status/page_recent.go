package status

import (
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/server/errorpage"
)

// recentTable writes ExtendedStatus's table: a row per recent request,
// in the columns of Apache's per-worker table. A row is a request rather
// than a worker slot, so its slot and child columns count that request
// alone; CPU time is not measured per request and shows 0.
func (r *Report) recentTable(b *strings.Builder) {
	esc := errorpage.EscapeHTML
	b.WriteString("\n\n<table border=\"0\"><tr><th>Srv</th><th>PID</th><th>Acc</th><th>M</th><th>CPU\n</th>" +
		"<th>SS</th><th>Req</th><th>Dur</th><th>Conn</th><th>Child</th><th>Slot</th>" +
		"<th>Client</th><th>Protocol</th><th>VHost</th><th>Request</th></tr>\n\n")
	for i, q := range r.Recent {
		ms := strconv.FormatInt(q.Took.Milliseconds(), 10)
		b.WriteString("<tr><td><b>" + r.slot(i) + "</b></td><td>" + strconv.Itoa(r.PID) + "</td><td>0/1/1</td><td>_\n</td>" +
			"<td>0.00</td><td>" + r.since(q) + "</td><td>" + ms + "</td><td>" + ms + "</td>" +
			"<td>" + fixed(float64(float32(q.Bytes)/kiB), 1) + "</td><td>" + fixed(float64(float32(q.Bytes)/miB), 2) +
			"</td><td>" + fixed(float64(float32(q.Bytes)/miB), 2) + "\n</td>" +
			"<td>" + esc(q.Client) + "</td><td>" + esc(q.Protocol) + "</td><td nowrap>" + esc(q.VHost) +
			"</td><td nowrap>" + esc(logItem(q.Request)) + "</td></tr>\n\n")
	}
	b.WriteString("</table>\n <hr /> <table>\n" +
		" <tr><th>Srv</th><td>Row number - configuration generation</td></tr>\n" +
		" <tr><th>PID</th><td>Process ID</td></tr>\n" +
		" <tr><th>Acc</th><td>Requests: this connection / this row / this row</td></tr>\n" +
		" <tr><th>M</th><td>State</td></tr>\n" +
		"<tr><th>CPU</th><td>CPU seconds (not measured per request)</td></tr>\n" +
		"<tr><th>SS</th><td>Seconds since the request began</td></tr>\n" +
		" <tr><th>Req</th><td>Milliseconds the request took</td></tr>\n" +
		" <tr><th>Dur</th><td>Milliseconds, summed over the row's requests</td></tr>\n" +
		" <tr><th>Conn</th><td>Kilobytes sent for the request</td></tr>\n" +
		" <tr><th>Child</th><td>Megabytes sent for the request</td></tr>\n" +
		" <tr><th>Slot</th><td>Megabytes sent for the request</td></tr>\n" +
		" </table>\n")
}

// recentList writes the recent requests without a table (?notable).
func (r *Report) recentList(b *strings.Builder) {
	esc := errorpage.EscapeHTML
	b.WriteString("<hr /><h2>Server Details</h2>\n\n")
	for i, q := range r.Recent {
		b.WriteString("<b>Server " + r.slot(i) + "</b> (" + strconv.Itoa(r.PID) + "): 0|1|1 [Ready] u0 s0 cu0 cs0\n " +
			r.since(q) + " " + strconv.FormatInt(q.Took.Milliseconds(), 10) + " " + strconv.FormatInt(q.Took.Milliseconds(), 10) +
			"(" + byteSize(q.Bytes) + "|" + byteSize(q.Bytes) + "|" + byteSize(q.Bytes) + ")\n" +
			" <i>" + esc(q.Client) + " {" + esc(logItem(q.Request)) + "}</i> <i>(" + esc(q.Protocol) + ")</i> <b>[" +
			esc(q.VHost) + "]</b><br />\n\n")
	}
}

// slot names row i as Apache names a worker: number and generation.
func (r *Report) slot(i int) string {
	return strconv.Itoa(i) + "-" + strconv.Itoa(r.ConfigGeneration)
}

// since is the whole seconds from the request's start to the report.
func (r *Report) since(q Recent) string {
	return strconv.FormatInt(int64(r.Now.Sub(q.Began)/time.Second), 10)
}

// logItem escapes a request line as Apache's ap_escape_logitem: quotes
// and backslashes get a backslash, other bytes outside printable ASCII
// their C escape or \xhh.
func logItem(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		case strings.IndexByte("\b\n\r\t\v", c) >= 0:
			b.WriteByte('\\')
			b.WriteByte("bnrtv"[strings.IndexByte("\b\n\r\t\v", c)])
		default:
			const hex = "0123456789abcdef"
			b.WriteString(`\x` + string(hex[c>>4]) + string(hex[c&15]))
		}
	}
	return b.String()
}
