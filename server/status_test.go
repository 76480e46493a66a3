package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// statusConf is the usual way to publish mod_status: a Location that
// only the local host may read.
const statusConf = `LoadModule status_module modules/mod_status.so
LoadModule authz_core_module modules/mod_authz_core.so
LoadModule authz_host_module modules/mod_authz_host.so
<Location /server-status>
    SetHandler server-status
    Require ip 127.0.0.1
</Location>
<Location /server-status-denied>
    SetHandler server-status
    Require ip 192.0.2.1
</Location>
`

// keepAlive is one client connection sending requests one after another.
type keepAlive struct {
	t  *testing.T
	c  net.Conn
	br *bufio.Reader
}

func dialKeepAlive(t *testing.T, addr string) *keepAlive {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &keepAlive{t: t, c: c, br: bufio.NewReader(c)}
}

// do sends method target and reads the whole answer. A server counts a
// request before it reads the next on the same connection, so what it
// reports on this connection counts every request sent before.
func (k *keepAlive) do(method, target string) (*http.Response, string) {
	k.t.Helper()
	_ = k.c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := fmt.Fprintf(k.c, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", method, target); err != nil {
		k.t.Fatal(err)
	}
	resp, err := http.ReadResponse(k.br, &http.Request{Method: method})
	if err != nil {
		k.t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		k.t.Fatal(err)
	}
	return resp, string(body)
}

// exporterRead reads an "?auto" report the way Prometheus'
// apache_exporter does: "key: value" split at the first colon and
// trimmed, every key it knows parsed as a float (any failure fails the
// scrape), ServerVersion taken apart into a version number.
func exporterRead(t *testing.T, auto string) map[string]float64 {
	t.Helper()
	numeric := map[string]bool{}
	for _, k := range strings.Fields("ParentServerConfigGeneration ParentServerMPMGeneration Load1 Load5 Load15 " +
		"CPUUser CPUChildrenUser CPUSystem CPUChildrenSystem CPULoad Uptime BusyWorkers IdleWorkers " +
		"Processes Stopping ConnsTotal ConnsAsyncWriting ConnsAsyncKeepAlive ConnsAsyncClosing") {
		numeric[k] = true
	}
	for _, k := range []string{"Total Accesses", "Total kBytes", "Total Duration"} {
		numeric[k] = true
	}
	got := map[string]float64{}
	sc := bufio.NewScanner(strings.NewReader(auto))
	for sc.Scan() {
		key, v, _ := strings.Cut(sc.Text(), ":")
		key, v = strings.TrimSpace(key), strings.TrimSpace(v)
		switch {
		case key == "ServerVersion":
			_, after, ok := strings.Cut(v, "/")
			parts := strings.Split(strings.Fields(after + " ")[0], ".")
			if !ok || len(parts) < 3 {
				t.Fatalf("ServerVersion %q: the exporter needs product/major.minor.patch", v)
			}
			f, err := strconv.ParseFloat(fmt.Sprintf("%s.%02s%03s", parts[0], parts[1], parts[2]), 64)
			if err != nil {
				t.Fatalf("ServerVersion %q: %v", v, err)
			}
			got[key] = f
		case key == "Scoreboard":
			got["scoreboard busy"] = float64(strings.Count(v, "W"))
			got["scoreboard idle"] = float64(strings.Count(v, "_"))
			got["scoreboard length"] = float64(len(v))
		case numeric[key]:
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatalf("%s: %q is no number: %v", key, v, err)
			}
			got[key] = f
		}
	}
	return got
}

// The "?auto" report reads as apache_exporter reads Apache's, and counts
// the requests served.
func TestServerStatusAuto(t *testing.T) {
	t.Parallel()
	w := startWorld(t, statusConf+"Listen 80\nServerName localhost\nErrorLog ROOT/error_log\n", nil)
	k := dialKeepAlive(t, w.addrs[80])
	k.do("GET", "/a")
	k.do("HEAD", "/b")
	k.do("GET", "/server-status-denied?auto")
	resp, body := k.do("GET", "/server-status?auto")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/plain; charset=ISO-8859-1" {
		t.Fatalf("?auto: %s %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	if first, _, _ := strings.Cut(body, "\n"); first != "127.0.0.1" {
		t.Errorf("first line %q, want the name the request used", first)
	}
	m := exporterRead(t, body)
	if m["Total Accesses"] != 3 {
		t.Errorf("Total Accesses %v after 3 requests:\n%s", m["Total Accesses"], body)
	}
	if m["BusyWorkers"] < 1 || m["Processes"] != 1 || m["ConnsTotal"] < 1 {
		t.Errorf("the status request itself is in flight on an open connection:\n%s", body)
	}
	if m["scoreboard busy"] != m["BusyWorkers"] || m["scoreboard idle"] != m["IdleWorkers"] ||
		m["scoreboard length"] != 400 && m["scoreboard length"] != m["BusyWorkers"] {
		t.Errorf("the scoreboard disagrees with the counts:\n%s", body)
	}
	if m["ParentServerConfigGeneration"] != 1 || m["ParentServerMPMGeneration"] != 0 {
		t.Errorf("generations of a first configuration:\n%s", body)
	}
	_, body = k.do("GET", "/server-status?auto")
	if m := exporterRead(t, body); m["Total Accesses"] != 4 {
		t.Errorf("Total Accesses %v after the status request:\n%s", m["Total Accesses"], body)
	}
	// A graceful restart keeps the counts and moves the generations on,
	// as Apache's scoreboard.
	if err := w.srv.Reload(w.load(t, statusConf+"Listen 80\nServerName localhost\nErrorLog ROOT/error_log\n")); err != nil {
		t.Fatal(err)
	}
	_, body = k.do("GET", "/server-status?auto")
	if m := exporterRead(t, body); m["ParentServerConfigGeneration"] != 2 || m["ParentServerMPMGeneration"] != 1 || m["Total Accesses"] != 5 {
		t.Errorf("after a reload:\n%s", body)
	}
}

// The HTML page, its Refresh, the list form and the requests mod_status
// declines.
func TestServerStatusPage(t *testing.T) {
	t.Parallel()
	w := startWorld(t, statusConf+"Listen 80\nServerName localhost\nErrorLog ROOT/error_log\n", nil)
	k := dialKeepAlive(t, w.addrs[80])
	k.do("GET", "/first")
	resp, body := k.do("GET", "/server-status?refresh=7")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/html; charset=ISO-8859-1" ||
		resp.Header.Get("Refresh") != "7" {
		t.Fatalf("page: %s %v", resp.Status, resp.Header)
	}
	for _, want := range []string{"<title>Apache Status</title>", "<dt>Total accesses: 1 - ",
		"<td nowrap>GET /first HTTP/1.1</td>", "</body></html>\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("no %q on the page:\n%s", want, body)
		}
	}
	if resp, _ := k.do("GET", "/server-status?refresh"); resp.Header.Get("Refresh") != "10" {
		t.Errorf("?refresh: Refresh %q, want 10", resp.Header.Get("Refresh"))
	}
	if _, body := k.do("GET", "/server-status?notable"); !strings.Contains(body, "<h2>Server Details</h2>") {
		t.Errorf("?notable:\n%s", body)
	}
	if resp, body := k.do("HEAD", "/server-status"); resp.StatusCode != 200 || body != "" || resp.ContentLength <= 0 {
		t.Errorf("HEAD: %s, length %d, body %q", resp.Status, resp.ContentLength, body)
	}
	// mod_status declines other methods: the core's handler answers.
	if resp, _ := k.do("POST", "/server-status"); resp.StatusCode != 404 {
		t.Errorf("POST: %s, want the core's 404", resp.Status)
	}
	if resp, _ := k.do("GET", "/server-status-denied"); resp.StatusCode != 403 {
		t.Errorf("a client Require does not name: %s", resp.Status)
	}
}

// ExtendedStatus Off leaves the totals out; without mod_status loaded,
// SetHandler server-status is left to the core's handler, as in Apache.
func TestServerStatusOff(t *testing.T) {
	t.Parallel()
	w := startWorld(t, statusConf+"ExtendedStatus Off\nListen 80\nServerName localhost\nErrorLog ROOT/error_log\n", nil)
	k := dialKeepAlive(t, w.addrs[80])
	_, body := k.do("GET", "/server-status?auto")
	if strings.Contains(body, "Total Accesses") || !strings.Contains(body, "BusyWorkers: ") {
		t.Errorf("ExtendedStatus Off:\n%s", body)
	}
	conf := strings.Replace(statusConf, "LoadModule status_module modules/mod_status.so\n", "", 1)
	w = startWorld(t, conf+"Listen 80\nServerName localhost\nErrorLog ROOT/error_log\n", nil)
	if resp, _ := dialKeepAlive(t, w.addrs[80]).do("GET", "/server-status"); resp.StatusCode != 404 {
		t.Errorf("without mod_status: %s, want the core's 404", resp.Status)
	}
}

// autoKeys are the keys of an "?auto" report in order.
func autoKeys(auto string) []string {
	var out []string
	lines := strings.Split(strings.TrimSuffix(auto, "\n"), "\n")
	for _, l := range lines[1:] {
		k, _, _ := strings.Cut(l, ":")
		out = append(out, k)
	}
	return out
}

// Apache's "?auto" report and ours have the same keys in the same order,
// with ExtendedStatus on and off, once both have served a request and
// been up a second (before that, Apache leaves the rates out too).
func TestServerStatusLikeApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	for _, ext := range []string{"On", "Off"} {
		t.Run("ExtendedStatus "+ext, func(t *testing.T) {
			t.Parallel()
			conf := statusConf + "ExtendedStatus " + ext + "\n"
			root := apachetest.NewRoot(t)
			if err := os.WriteFile(filepath.Join(root.Dir, "httpd.conf"), []byte(root.Head()+conf), 0o644); err != nil {
				t.Fatal(err)
			}
			root.Start(t)
			w := startWorld(t, conf+"Listen 80\nServerName localhost\nErrorLog ROOT/error_log\n", nil)
			theirs := settledAuto(t, root.Addr)
			ours := settledAuto(t, w.addrs[80])
			a, o := strings.Join(autoKeys(theirs), "|"), strings.Join(autoKeys(ours), "|")
			if !strings.Contains(a, "|CPULoad|") {
				// Apache shows CPULoad once its processes have used a
				// clock tick of CPU, which they may not have yet; the
				// test's process, serving ours, always has.
				o = strings.Replace(o, "|CPULoad|", "|", 1)
			}
			if a != o {
				t.Errorf("keys differ\napache2: %s\ngohttpd: %s\n\napache2:\n%s\ngohttpd:\n%s", a, o, theirs, ours)
			}
			if a, o := strings.SplitN(theirs, "\n", 2)[0], strings.SplitN(ours, "\n", 2)[0]; a != o {
				t.Errorf("first line: apache2 %q, gohttpd %q", a, o)
			}
			_, theirPage := dialKeepAlive(t, root.Addr).do("GET", "/server-status")
			_, ourPage := dialKeepAlive(t, w.addrs[80]).do("GET", "/server-status")
			if a, o := pageShape(theirPage), pageShape(ourPage); a != o {
				t.Errorf("pages differ\napache2: %s\ngohttpd: %s", a, o)
			}
		})
	}
}

// settledAuto serves a request at addr, then returns its "?auto" report
// once the server has been up a second.
func settledAuto(t *testing.T, addr string) string {
	t.Helper()
	k := dialKeepAlive(t, addr)
	k.do("GET", "/x")
	for i := 0; ; i++ {
		_, body := k.do("GET", "/server-status?auto")
		if !strings.Contains(body, "\nServerUptimeSeconds: 0\n") {
			return body
		}
		if i > 50 {
			t.Fatalf("%s stays at uptime 0:\n%s", addr, body)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// pageShape is what a status page shows, without the values: each <dt>
// line's label (numbers and size units made alike) and the table
// headings.
func pageShape(page string) string {
	var out []string
	num := regexp.MustCompile(`[0-9.]+`)
	for _, m := range regexp.MustCompile(`(?s)<(dt|th[^>]*)>(.*?)</(dt|th)>`).FindAllStringSubmatch(page, -1) {
		text := m[2]
		if m[1] == "dt" {
			text, _, _ = strings.Cut(text, ":")
			text = num.ReplaceAllString(text, "N")
			text = regexp.MustCompile(`[kMG]B`).ReplaceAllString(text, "B")
		}
		out = append(out, strings.TrimSpace(text))
	}
	return strings.Join(out, "|")
}
