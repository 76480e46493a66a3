package errorlog

import (
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// maxLine is Apache's MAX_STRING_LEN less the newline's room: longer
// lines are cut there.
const maxLine = 8192 - 2

// Options configure a Logger from the server's core config.
type Options struct {
	// Format is ErrorLogFormat's items; nil: Apache's built-in format.
	// Request and Connection are the once-per-request and
	// once-per-connection formats.
	Format              []directives.ErrorLogItem
	Request, Connection [][]directives.ErrorLogItem
	// Level is the server's LogLevel.
	Level directives.LogLevel
	// Now gives the time of each line; nil: time.Now. PID is the "pid"
	// printed; 0: this process's.
	Now func() time.Time
	PID int
}

// Logger writes one server's error log. Each line is one Write, so lines
// from concurrent requests never mix when the writer is one of Open's.
type Logger struct {
	w                   io.Writer
	format              format // nil: the built-in one
	request, connection []format
	level               directives.LogLevel
	now                 func() time.Time
	pid                 int
}

// New makes a Logger writing to w, with the formats compiled now.
func New(w io.Writer, o Options) *Logger {
	l := &Logger{w: w, level: o.Level, now: o.Now, pid: o.PID}
	if o.Format != nil {
		l.format = compile(o.Format)
	}
	for _, f := range o.Request {
		l.request = append(l.request, compile(f))
	}
	for _, f := range o.Connection {
		l.connection = append(l.connection, compile(f))
	}
	if l.now == nil {
		l.now = time.Now
	}
	if l.pid == 0 {
		l.pid = os.Getpid()
	}
	return l
}

// Enabled reports whether a message of module at level would be written,
// given the LogLevel of the request's location (nil: the server's), so a
// caller can skip making a message nobody reads. Notices are always
// written, as Apache writes them to a file whatever LogLevel says.
func (l *Logger) Enabled(module string, level directives.LogPriority, dir *directives.LogLevel) bool {
	if level == directives.LogNotice {
		return true
	}
	return level <= effective(l.level, dir).For(module+"_module")
}

// effective is the LogLevel in force for a request: the location's set
// level, or its module levels over the server's, as Apache's
// ap_merge_log_config.
func effective(server directives.LogLevel, dir *directives.LogLevel) directives.LogLevel {
	if dir == nil {
		return server
	}
	if dir.Set {
		return *dir
	}
	out := server
	out.Modules = make(map[string]directives.LogPriority, len(server.Modules)+len(dir.Modules))
	for _, m := range []map[string]directives.LogPriority{server.Modules, dir.Modules} {
		for k, v := range m {
			out.Modules[k] = v
		}
	}
	return out
}

// Log writes e if LogLevel lets it through, preceded by the request and
// connection lines of ErrorLogFormat when e is the first message of its
// request or connection. A write error is dropped, as Apache drops it.
func (l *Logger) Log(e Entry) {
	if !l.Enabled(e.Module, e.Level, e.Dir) {
		return
	}
	now := l.now()
	if e.FirstForConnection {
		l.writeExtra(l.connection, &line{e: &Entry{Client: e.Client, Local: e.Local, ConnLogID: e.ConnLogID, Keepalives: e.Keepalives, VirtualHost: e.VirtualHost}, now: now, pid: l.pid, level: -1})
	}
	if e.FirstForRequest {
		r := e
		r.Module, r.Err, r.File = "", nil, ""
		l.writeExtra(l.request, &line{e: &r, now: now, pid: l.pid, level: -1})
	}
	var b strings.Builder
	ln := &line{e: &e, now: now, pid: l.pid, level: int(e.Level)}
	if l.format != nil {
		l.format.write(&b, ln)
	} else {
		writeDefault(&b, ln)
	}
	l.emit(b.String())
}

func (l *Logger) writeExtra(fs []format, ln *line) {
	for _, f := range fs {
		var b strings.Builder
		if f.write(&b, ln) && b.Len() > 0 {
			l.emit(b.String())
		}
	}
}

// emit writes one line in one Write.
func (l *Logger) emit(s string) {
	if len(s) > maxLine {
		s = s[:maxLine]
	}
	_, _ = io.WriteString(l.w, s+"\n")
}

// writeDefault is Apache's built-in format (do_errorlog_default):
// "[time] [module:level] [pid P:tid T] file(line): (errno)text: [client
// ip:port] message, referer: R".
func writeDefault(b *strings.Builder, l *line) {
	e := l.e
	b.WriteString("[" + ctime(l.now, true, false, false) + "] [" + e.Module + ":" + directives.LogPriority(l.level).String())
	b.WriteString("] [pid " + strconv.Itoa(l.pid))
	if t := tidText(); t != "" {
		b.WriteString(":tid " + t)
	}
	b.WriteString("] ")
	if l.level >= int(directives.LogDebug) && e.File != "" {
		b.WriteString(e.File + "(" + strconv.Itoa(e.Line) + "): ")
	}
	if e.Err != nil {
		b.WriteString(statusText(e.Err) + ": ")
	}
	if e.Client != "" {
		if e.Backend {
			b.WriteString("[remote " + e.Client + "] ")
		} else {
			b.WriteString("[client " + e.Client + "] ")
		}
	}
	b.WriteString(escape(e.text()))
	if ref := e.Header.Get("Referer"); e.Request && ref != "" {
		b.WriteString(", referer: " + escape(ref))
	}
}
