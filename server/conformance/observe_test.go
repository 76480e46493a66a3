package conformance

import (
	"crypto/tls"
	"fmt"
	"net/textproto"
	"regexp"
	"sort"
	"strings"
	"time"
)

// observation is everything the suite compares about one call on one
// server: what the client saw, what the backend received and what the
// access log says.
type observation struct {
	answer  answer
	backend []*received
	log     []string
}

// observe makes the call on one side and collects what it caused.
func (s *side) observe(c call, host string, port int) observation {
	before, logged := s.backend.count(), len(s.log())
	a := exchange(s.addrs[port], *c.offer, strings.ReplaceAll(c.send, "@HOST@", host))
	o := observation{answer: a, backend: s.backend.since(before)}
	if c.send != "" {
		o.log = s.waitLog(logged)
	}
	return o
}

// waitLog returns the access-log lines written after the first n: both
// servers log a request after its answer went out, so it waits for the
// lines to come and then for more to stop coming.
func (s *side) waitLog(n int) []string {
	deadline := time.Now().Add(2 * time.Second)
	for len(s.log()) == n && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	for {
		m := len(s.log())
		time.Sleep(30 * time.Millisecond)
		if len(s.log()) == m {
			return s.log()[n:]
		}
	}
}

// fields flattens an observation into named, normalised values: two
// servers agree on a call when every field is equal.
func (o observation) fields(norm *strings.Replacer) map[string]string {
	f := map[string]string{}
	a := o.answer
	switch {
	case a.Refused:
		f["tls handshake"] = "failed"
	case a.TLS != nil:
		f["tls handshake"] = "done"
		f["tls version"] = tls.VersionName(a.TLS.Version)
		f["tls cipher"] = tls.CipherSuiteName(a.TLS.CipherSuite)
		f["tls alpn"] = a.TLS.NegotiatedProtocol
	}
	if a.Sent && a.Status == "" {
		f["answer"] = "none" // closed without answering
	}
	if a.Status != "" {
		proto, rest, _ := strings.Cut(a.Status, " ")
		code, _, _ := strings.Cut(rest, " ") // reason phrases differ (README)
		f["status"] = code
		f["status version"] = proto
		f["framing"] = a.Framing
		f["body"] = a.Body
	}
	if len(a.Interim) > 0 {
		f["interim"] = strings.Join(a.Interim, " | ")
	}
	headerFields(f, "header ", a.Header, unCompared)
	f["backend requests"] = fmt.Sprint(len(o.backend))
	for i, r := range o.backend {
		prefix := "backend "
		if i > 0 {
			prefix = fmt.Sprintf("backend#%d ", i+1)
		}
		f[prefix+"line"] = r.Line
		f[prefix+"body"] = fmt.Sprintf("%s %d bytes", r.Framing, r.Size)
		headerFields(f, prefix+"header ", r.Header, nil)
	}
	if len(o.log) > 0 || a.Status != "" {
		f["log"] = normaliseLog(strings.Join(o.log, "\n"))
	}
	for k, v := range f {
		f[k] = norm.Replace(v)
	}
	return f
}

// unCompared are the answer headers that differ by design: when the
// answer was made and which server made it.
var unCompared = map[string]bool{"Date": true, "Server": true}

// headerFields adds one field per header name: its values in order.
func headerFields(f map[string]string, prefix string, header []string, skip map[string]bool) {
	for _, h := range header {
		name, value, _ := strings.Cut(h, ": ")
		name = textproto.CanonicalMIMEHeaderKey(name)
		if skip[name] {
			continue
		}
		if old, ok := f[prefix+name]; ok {
			value = old + " | " + value
		}
		f[prefix+name] = value
	}
}

// logNoise is what differs from run to run in an access-log line: the
// time, and the labelled values the configs' formats mark as varying
// (the client's port, durations, process and thread ids).
var logNoise = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`\[\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}\]`), "[TIME]"},
	{regexp.MustCompile(`\b(rport|usec|msec|sec|pid|tid|time)=[^ "]*`), "$1=*"},
}

func normaliseLog(s string) string {
	for _, n := range logNoise {
		s = n.re.ReplaceAllString(s, n.with)
	}
	return s
}

// difference is one field on which the two servers disagree.
type difference struct {
	field, apache, ours string
}

// compare lists the fields where the observations differ, in name order.
// A difference that decides the rest is reported alone: when the
// handshake or the status differ, the headers and body that follow from
// them are not listed; when one server forwarded and the other did not,
// what the backend received is not listed field by field.
func compare(apache, ours map[string]string) []difference {
	all := differences(apache, ours)
	decided := map[string]bool{}
	for _, d := range all {
		decided[d.field] = true
	}
	var out []difference
	for _, d := range all {
		switch {
		case (decided["tls handshake"] || decided["answer"] || decided["status"]) && !decisive[d.field]:
			continue
		case decided["backend requests"] && strings.HasPrefix(d.field, "backend") && d.field != "backend requests":
			continue
		}
		out = append(out, d)
	}
	return out
}

// decisive are the fields reported even when the status differs.
var decisive = map[string]bool{"tls handshake": true, "answer": true, "status": true, "backend requests": true}

func differences(apache, ours map[string]string) []difference {
	var out []difference
	for k := range union(apache, ours) {
		a, aok := apache[k]
		o, ook := ours[k]
		if a != o || aok != ook {
			if !aok {
				a = "(absent)"
			}
			if !ook {
				o = "(absent)"
			}
			out = append(out, difference{k, a, o})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].field < out[j].field })
	return out
}

func union(a, b map[string]string) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}
