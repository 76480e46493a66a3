package headers

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/directives"
)

// FuzzHeaderActions reads any Header or RequestHeader directive through
// the model, with the recipe's own after it, and runs a request through
// every phase with a request header, a backend header and an environment
// variable of any value. Whatever the action, no line break reaches a
// header line unless the config wrote one (a variable's value cannot
// split the response), the
// recipe's "Header always set" still holds on both kinds of answer, and
// a config the model refuses says where.
func FuzzHeaderActions(f *testing.F) {
	root := f.TempDir()
	conf := "LoadModule headers_module modules/mod_headers.so\nLoadModule ssl_module modules/mod_ssl.so\n"
	if err := os.WriteFile(filepath.Join(root, "httpd.conf"), []byte(conf), 0o644); err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		`always set X-V "%{E}e"`, `set X-T "%t %D %{E}e %{SSL_PROTOCOL}s"`, `append X-In "a, b"`, `merge Vary Accept`,
		`always add Set-Cookie "k=%{E}e" env=E`, `unset Docker-Distribution-Api-Version`, `echo ^X-`,
		`edit X-In "^(.*)$" "$1\n%{E}e"`, `edit* X-Backend "(a)" "[$1]"`, `always setifempty X-New v early`,
		`note X-In who`, `set Content-Type "text/%{E}e"`, `always unset X-B env=!E`, `always set "Docker-Distribution-Api-Version" x`,
	} {
		f.Add(false, s, "in\tvalue", "back,end", "env\r\nX-Injected: 1")
	}
	f.Add(true, `set X-In "%{E}e" early`, "v", "v", "\n")
	f.Add(true, `edit X-In "v" "%{E}e"`, "v", "v", "\r")
	f.Fuzz(func(t *testing.T, request bool, directive, reqValue, backValue, envValue string) {
		if strings.ContainsAny(directive, "\n\x00") || strings.ContainsAny(reqValue+backValue, "\r\n\x00") {
			return // no config line, request header or backend header holds these
		}
		name := "Header "
		if request {
			name = "RequestHeader "
		}
		cfg, err := directives.Load(directives.Options{ServerRoot: root, File: "httpd.conf",
			After:  []string{name + directive, "Header always set Docker-Distribution-Api-Version registry/2.0"},
			Getenv: func(string) (string, bool) { return "", false }})
		var de *directives.Error
		switch {
		case errors.As(err, &de):
			return
		case err != nil:
			t.Fatalf("%s%s: an error that does not say where: %v", name, directive, err)
		}
		// The config itself may write a line break: a raw CR, or \n in a
		// value, which mod_headers reads as one, in Apache too.
		configBreaks := strings.Contains(directive, "\r") || strings.Contains(directive, `\n`) || strings.Contains(directive, `\r`)
		sent, answered := answers(New(&cfg.Main.Dir.Headers), reqValue, backValue, envValue)
		if !configBreaks {
			checkLines(t, name+directive, sent)
		}
		for _, wire := range answered {
			if !configBreaks {
				checkLines(t, name+directive, wire)
			}
			if v, ok := wire.Get("Docker-Distribution-Api-Version"); v != "registry/2.0" {
				t.Fatalf("%s%s: the recipe's Docker-Distribution-Api-Version is %q (%v) in %q", name, directive, v, ok, wire)
			}
		}
	})
}

// answers runs one request through the phases and returns the request
// headers sent to the backend, and the header lines of a proxied answer
// and of an error answer Apache makes itself.
func answers(h *Headers, reqValue, backValue, envValue string) (sent Table, answered []Table) {
	for _, failed := range []bool{false, true} {
		at := time.Unix(1700000000, 0)
		req := &Request{Header: Table{{"X-In", reqValue}, {"Host", "registry"}}, Env: map[string]string{"E": envValue},
			SSL: map[string]string{"SSL_PROTOCOL": envValue}, Received: at, Now: func() time.Time { return at }}
		resp := &Response{}
		h.Early(req, resp)
		h.Fixup(req, resp)
		sent = req.Header
		resp.Headers = append(resp.Headers, Field{"X-Backend", backValue}, Field{"Content-Type", "text/plain"})
		resp.ContentType = "text/plain"
		if failed {
			resp.SendError()
			h.Error(req, resp)
			answered = append(answered, resp.Merge(503))
			continue
		}
		h.Output(req, resp)
		answered = append(answered, resp.Merge(200))
	}
	return sent, answered
}

// checkLines checks that no header line would break where it is written.
func checkLines(t *testing.T, directive string, lines Table) {
	t.Helper()
	for _, f := range lines {
		if strings.ContainsAny(f.Name+f.Value, "\r\n") {
			t.Fatalf("%s: header line %q: %q splits the message", directive, f.Name, f.Value)
		}
	}
}
