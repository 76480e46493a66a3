package conformance

import (
	"encoding/base64"
	"fmt"
	"strings"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// config is one configuration of the suite and the calls made to it.
type config struct {
	name     string
	template string   // under testdata/
	rewrite  []string // old, new pairs applied to the template before its placeholders
	tls      []bool   // per Listen, in config order: does the port speak TLS
	host     string   // what @HOST@ stands for in the calls' requests
	sni      string   // the SNI TLS calls send unless their offer says
	files    func(t testing.TB) map[string]string
	calls    []call
}

// call is one request (or TLS handshake) sent to both servers.
type call struct {
	name  string
	port  int    // which Listen, by its index
	offer *offer // nil: the port's default (TLS with the config's SNI, or plain)
	send  string // the raw request, @HOST@ standing for the config's host; "" for a handshake only
}

// configs are every configuration of the suite; each file adds its own
// in an init function.
var configs []*config

// TestConformance sends every call of every config to Apache and to
// gohttpd and fails on each difference the deviations table does not
// list.
func TestConformance(t *testing.T) {
	seen := &usage{}
	t.Run("configs", func(t *testing.T) {
		for _, c := range configs {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.run(t, seen)
			})
		}
	})
	if !t.Failed() {
		seen.checkAllUsed(t)
	}
}

// run starts a world for the config and makes each call in order, one
// at a time, so each access-log line belongs to one call.
func (c *config) run(t *testing.T, seen *usage) {
	w := startWorld(t, c)
	for _, cl := range c.calls {
		t.Run(cl.name, func(t *testing.T) {
			seen.ranCall(c.name)
			apache, ours := w.both(cl)
			for _, d := range compare(apache.fields(w.apache.norm), ours.fields(w.ours.norm)) {
				if seen.accepts(c.name, cl.name, d) {
					continue
				}
				t.Errorf("%s differs:\n  apache:  %s\n  gohttpd: %s", d.field, short(d.apache), short(d.ours))
			}
		})
	}
}

// short quotes a value for a failure message, cut to a readable length.
func short(v string) string {
	if len(v) > 3000 {
		return fmt.Sprintf("%q… (%d bytes)", v[:300], len(v))
	}
	return fmt.Sprintf("%q", v)
}

// both makes the call on the two servers at once.
func (w *world) both(cl call) (apache, ours observation) {
	o := offer{SNI: w.conf.sni, Plain: !w.conf.tls[cl.port]}
	if cl.offer != nil {
		o = *cl.offer
	}
	cl.offer = &o
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); apache = w.apache.observe(cl, w.conf.host, cl.port) }()
	go func() { defer wg.Done(); ours = w.ours.observe(cl, w.conf.host, cl.port) }()
	wg.Wait()
	return apache, ours
}

// The requests, written as they go on the wire.

// req is a request with Host: @HOST@ and the given header lines.
func req(method, target string, header ...string) string {
	return method + " " + target + " HTTP/1.1\r\nHost: @HOST@\r\n" + headerLines(header) + "\r\n"
}

// req10 is an HTTP/1.0 request without Host.
func req10(method, target string, header ...string) string {
	return method + " " + target + " HTTP/1.0\r\n" + headerLines(header) + "\r\n"
}

// withBody is a request with a body framed by Content-Length.
func withBody(method, target, body string, header ...string) string {
	return req(method, target, append(header, fmt.Sprintf("Content-Length: %d", len(body)))...) + body
}

// chunked is a request whose body comes in the given chunks.
func chunked(method, target string, chunks []string, header ...string) string {
	header = append(header, "Transfer-Encoding: chunked")
	var b strings.Builder
	b.WriteString(req(method, target, header...))
	for _, c := range chunks {
		fmt.Fprintf(&b, "%x\r\n%s\r\n", len(c), c)
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

func headerLines(header []string) string {
	var b strings.Builder
	for _, h := range header {
		b.WriteString(h + "\r\n")
	}
	return b.String()
}

// basic is the Authorization header of user and password.
func basic(user, password string) string {
	return "Authorization: Basic " + b64(user+":"+password)
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// htpasswd is an htpasswd file (bcrypt, cost 5 to keep the suite quick)
// of user, password pairs.
func htpasswd(t testing.TB, pairs ...string) string {
	var b strings.Builder
	for i := 0; i < len(pairs); i += 2 {
		h, err := bcrypt.GenerateFromPassword([]byte(pairs[i+1]), 5)
		if err != nil {
			t.Fatal(err)
		}
		b.WriteString(pairs[i] + ":" + string(h) + "\n")
	}
	return b.String()
}
