package conformance

import (
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// deviation is a difference between Apache and gohttpd that the suite
// accepts: intended (listed in DEVIATIONS.md under its id, with the
// reason) or a known gohttpd bug to fix (bug: true, then the entry goes).
type deviation struct {
	id     string // the DEVIATIONS.md heading, or a short name of the bug
	config string // the config it happens in; "" for any
	call   string // the call; "" for any
	field  string // the field that differs; a trailing "*" matches any field with that prefix
	// when, if set, must match the Apache value: the deviation applies
	// only to such answers.
	when *regexp.Regexp
	// mask, if set, limits the deviation to part of the value: what it
	// matches is replaced by with on both sides before they are compared
	// again, so any other difference in the field still fails.
	mask   *regexp.Regexp
	with   string
	bug    bool
	reason string
}

func (d *deviation) matches(config, call string, diff difference) bool {
	if d.config != "" && d.config != config || d.call != "" && d.call != call {
		return false
	}
	if d.field == "*" {
		return d.when == nil || d.when.MatchString(diff.apache)
	}
	if p, ok := strings.CutSuffix(d.field, "*"); ok {
		if !strings.HasPrefix(diff.field, p) {
			return false
		}
	} else if d.field != diff.field {
		return false
	}
	return d.when == nil || d.when.MatchString(diff.apache)
}

// usage records which deviations the suite met, so an entry nothing
// needs any more (a bug fixed, a behaviour changed) fails the suite.
type usage struct {
	mu   sync.Mutex
	used map[*deviation]bool
	ran  map[string]int // calls made, by config
}

// ran records that a call of config was made.
func (u *usage) ranCall(config string) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.ran == nil {
		u.ran = map[string]int{}
	}
	u.ran[config]++
}

// complete tells whether every call of the deviation's config (of every
// config, for one without) was made, so that its absence means something.
func (u *usage) complete(d *deviation) bool {
	for _, c := range configs {
		if (d.config == "" || d.config == c.name) && u.ran[c.name] != len(c.calls) {
			return false
		}
	}
	return true
}

// accepts tells whether the table accepts diff: a matching deviation
// without a mask accepts it whole; otherwise the masks of the matching
// ones, applied together, must leave the two values equal.
func (u *usage) accepts(config, call string, diff difference) bool {
	var masked []*deviation
	a, o := diff.apache, diff.ours
	for i := range deviations {
		d := &deviations[i]
		switch {
		case !d.matches(config, call, diff):
		case d.mask == nil:
			u.use(d)
			return true
		case d.mask.MatchString(a) || d.mask.MatchString(o):
			masked = append(masked, d)
			a, o = d.mask.ReplaceAllString(a, d.with), d.mask.ReplaceAllString(o, d.with)
		}
	}
	if len(masked) == 0 || a != o {
		return false
	}
	for _, d := range masked {
		u.use(d)
	}
	return true
}

func (u *usage) use(d *deviation) {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.used == nil {
		u.used = map[*deviation]bool{}
	}
	u.used[d] = true
}

// checkAllUsed fails for each deviation that did not happen although
// every call that could show it was made.
func (u *usage) checkAllUsed(t *testing.T) {
	u.mu.Lock()
	defer u.mu.Unlock()
	for i := range deviations {
		if d := &deviations[i]; !u.used[d] && u.complete(d) {
			t.Errorf("deviation %q (%s %s %s) no longer happens: remove it from the table and DEVIATIONS.md", d.id, d.config, d.call, d.field)
		}
	}
}

// TestDeviationsDocumented checks that DEVIATIONS.md and the table list
// the same intended deviations.
func TestDeviationsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("DEVIATIONS.md")
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^## `([a-z0-9-]+)`").FindAllStringSubmatch(string(doc), -1) {
		headings[m[1]] = true
	}
	inTable := map[string]bool{}
	for _, d := range deviations {
		if d.reason == "" {
			t.Errorf("deviation %q has no reason", d.id)
		}
		if d.bug {
			continue
		}
		inTable[d.id] = true
		if !headings[d.id] {
			t.Errorf("deviation %q is not in DEVIATIONS.md", d.id)
		}
	}
	for h := range headings {
		if !inTable[h] {
			t.Errorf("DEVIATIONS.md lists %q, which the table does not", h)
		}
	}
}

// deviations is the table the suite consults; DEVIATIONS.md says the
// same for readers. Intended deviations come first, then the known bugs
// (bug: true), which are to be fixed in gohttpd and then removed here.
var deviations = []deviation{
	{id: "tls13-cipher", config: "recipe", field: "tls cipher", when: regexp.MustCompile(`^TLS_AES_256_GCM_SHA384$`),
		reason: "Go's crypto/tls picks the TLS 1.3 suite itself (AES-128-GCM first on AES hardware); SSLHonorCipherOrder cannot reorder TLS 1.3 suites in Go, so Apache's OpenSSL picks AES-256-GCM"},
	{id: "head-content-length", config: "recipe", call: "HEAD of the empty blob", field: "header Content-Length",
		reason: "gohttpd keeps the backend's Content-Length: 0 on HEAD; Apache drops it, and clients then cannot tell an empty blob from an unknown size"},
	{id: "proxypassmatch-reuse", config: "proxypass", field: "backend header Connection", when: regexp.MustCompile(`^close$`),
		reason: "Apache does not reuse backend connections of a ProxyPassMatch whose target has $1 (it cannot share a worker for an interpolated URL) and sends Connection: close; gohttpd pools them as any other"},
	{id: "server-banner-bytes", config: "logformats", field: "log", mask: regexp.MustCompile(`(?m)(" \d+ )\d+$`), with: "${1}OUT",
		reason: "%O counts the answer's bytes, and the Server header names gohttpd instead of Apache/2.4.x (Debian) (README), so the count differs by the banners' lengths"},

	// Bugs found by the suite, to be fixed in gohttpd.
}
