package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// manifestTypes is what registry clients accept for a manifest.
const manifestTypes = "application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json"

// mib is a mebibyte as a float, for rates.
const mib = float64(1 << 20)

// blobGET downloads the seeded blob with curl, once untimed and then
// times times, and returns the median rate in MiB/s.
func blobGET(ep endpoint, s *seed, times int) (float64, error) {
	u := ep.base() + "/v2/" + s.repo + "/blobs/" + s.blob.String()
	args := []string{"-sS", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{speed_download}", "-u", reader.name + ":" + reader.password}
	if ep.tls {
		args = append(args, "--cacert", ep.auth.path("domain.crt"), "--resolve", host+":"+ep.port()+":127.0.0.1")
	}
	// One GET first, untimed: it brings the blob back into the page cache
	// whatever ran before (a push, a drop of the cache).
	var rates []float64
	for i := range times + 1 {
		out, err := exec.Command("curl", append(args, u)...).CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("curl %s: %w: %s", u, err, out)
		}
		var code int
		var size, speed float64
		if _, err := fmt.Sscan(string(out), &code, &size, &speed); err != nil || code != 200 || int64(size) != s.size {
			return 0, fmt.Errorf("curl %s: got %q, want 200 and %d bytes", u, out, s.size)
		}
		if i > 0 {
			rates = append(rates, speed/mib)
		}
	}
	return median(rates), nil
}

// median of a non-empty slice.
func median(v []float64) float64 {
	slices.Sort(v)
	return v[len(v)/2]
}

// load is what a request-rate load measured.
type load struct {
	reqs float64       // requests per second
	p99  time.Duration // 99th percentile latency
	n    int           // answers, all 200
	// CPU time per answer during the load, in microseconds: hey's, the
	// proxy's (its processes summed; zero direct) and the registry's.
	clientCPU, proxyCPU, registryCPU float64
}

// servers are the processes a load goes through: the proxy (nil direct)
// and the registry. Their CPU time is taken before and after each load.
type servers struct{ proxy, registry *process }

// cpu is the CPU time of the proxy and the registry so far.
func (sv servers) cpu() (proxy, registry time.Duration) {
	if sv.proxy != nil {
		proxy = sv.proxy.cpu()
	}
	return proxy, sv.registry.cpu()
}

// headLoad runs hey: HEAD of the seeded manifest with o's clients for
// o's duration (or number of requests), as u, with or without
// keep-alive. Every answer must be 200. It also takes the CPU time hey
// and sv used, which tells what each costs per request whatever the
// rate: the rate moves with what else the shared cores run.
func headLoad(ep endpoint, s *seed, u user, o *options, keepAlive bool, sv servers) (load, error) {
	// Debian's hey drops what -a and -A set; -H headers go out.
	cred := base64.StdEncoding.EncodeToString([]byte(u.name + ":" + u.password))
	args := []string{"-c", strconv.Itoa(o.clients), "-m", "HEAD",
		"-H", "Accept: " + manifestTypes, "-H", "Authorization: Basic " + cred}
	if o.requests > 0 {
		args = append(args, "-n", strconv.Itoa(o.requests))
	} else {
		args = append(args, "-z", o.load.String())
	}
	if !keepAlive {
		args = append(args, "-disable-keepalive")
	}
	target := "http://" + ep.addr
	if ep.tls {
		target = "https://" + ep.addr
		// hey sends the Host as its TLS server name, port and all (which
		// Caddy refuses), and verifies no certificate.
		args = append(args, "-host", host)
	}
	args = append(args, target+"/v2/"+s.repo+"/manifests/"+s.tag)
	proxy0, registry0 := sv.cpu()
	cmd := exec.Command("hey", args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return load{}, fmt.Errorf("hey %s: %w: %s", strings.Join(args, " "), err, out)
	}
	proxy1, registry1 := sv.cpu()
	l, err := parseHey(string(out))
	if err != nil {
		return l, fmt.Errorf("hey %s: %w", strings.Join(args, " "), err)
	}
	perAnswer := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(l.n) }
	l.clientCPU = perAnswer(cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime())
	l.proxyCPU, l.registryCPU = perAnswer(proxy1-proxy0), perAnswer(registry1-registry0)
	return l, nil
}

var (
	heyRate   = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	heyP99    = regexp.MustCompile(`99% in ([0-9.]+) secs`)
	heySlow   = regexp.MustCompile(`Slowest:\s+([0-9.]+) secs`)
	heyStatus = regexp.MustCompile(`\[(\d+)\]\s+(\d+) responses`)
	heyErrors = regexp.MustCompile(`(?s)Error distribution:(.*)`)
)

// parseHey reads hey's summary, refusing a run where any answer was not
// 200 or any request failed.
func parseHey(out string) (load, error) {
	var l load
	rate, p99 := heyRate.FindStringSubmatch(out), heyP99.FindStringSubmatch(out)
	if p99 == nil {
		// Under 100 requests hey prints no 99th percentile: the slowest
		// request bounds it.
		p99 = heySlow.FindStringSubmatch(out)
	}
	if rate == nil || p99 == nil {
		return l, fmt.Errorf("hey printed no rate or p99:\n%s", out)
	}
	l.reqs, _ = strconv.ParseFloat(rate[1], 64)
	secs, _ := strconv.ParseFloat(p99[1], 64)
	l.p99 = time.Duration(secs * float64(time.Second))
	for _, m := range heyStatus.FindAllStringSubmatch(out, -1) {
		if m[1] != "200" {
			return l, fmt.Errorf("hey got %s answers %s:\n%s", m[2], m[1], out)
		}
		l.n, _ = strconv.Atoi(m[2])
	}
	if l.n == 0 {
		return l, fmt.Errorf("hey got no 200 answers:\n%s", out)
	}
	if e := heyErrors.FindStringSubmatch(out); e != nil && strings.TrimSpace(e[1]) != "" {
		return l, fmt.Errorf("hey's requests failed:\n%s", out)
	}
	return l, nil
}

// upload streams size bytes through ep into a registry upload as the
// pusher (POST, then one PATCH), cancels the upload, and returns the
// PATCH's rate and how much p's memory grew meanwhile (p is nil direct).
func upload(ep endpoint, repo string, size int64, p *process) (rate float64, growth int64, err error) {
	c := &http.Client{Transport: ep.transport()}
	defer c.CloseIdleConnections()
	start, err := uploadStep(c, http.MethodPost, ep.base()+"/v2/"+repo+"/blobs/uploads/", nil, 0, http.StatusAccepted)
	if err != nil {
		return 0, 0, err
	}
	var base int64
	if p != nil {
		base, _ = p.rss()
	}
	w := watchRSS(p)
	t0 := time.Now()
	loc, err := uploadStep(c, http.MethodPatch, start, newPattern(), size, http.StatusAccepted)
	took := time.Since(t0)
	peak, _ := w.stop()
	if err != nil {
		return 0, 0, err
	}
	if _, err := uploadStep(c, http.MethodDelete, loc, nil, 0, http.StatusNoContent); err != nil {
		return 0, 0, err
	}
	if p != nil {
		growth = max(peak-base, 0)
	}
	return float64(size) / mib / took.Seconds(), growth, nil
}

// uploadStep sends one request of the upload protocol as the pusher and
// returns the absolute Location it answers with.
func uploadStep(c *http.Client, method, u string, body io.Reader, size int64, want int) (string, error) {
	if body != nil {
		body = io.LimitReader(body, size)
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		return "", err
	}
	req.ContentLength = size
	req.Header.Set("Content-Type", "application/octet-stream")
	req.SetBasicAuth(pusher.name, pusher.password)
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("upload %s %s: %w", method, u, err)
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode != want {
		return "", fmt.Errorf("upload %s %s: %s, want %d: %s", method, u, resp.Status, want, msg)
	}
	loc, err := resp.Request.URL.Parse(resp.Header.Get("Location"))
	if err != nil {
		return "", fmt.Errorf("upload %s %s: Location: %w", method, u, err)
	}
	return loc.String(), nil
}

// pattern is an endless body: one random MiB over and over, so a GiB
// costs the client no memory.
type pattern struct {
	buf []byte
	off int
}

func newPattern() *pattern {
	p := &pattern{buf: make([]byte, 1<<20)}
	rand.NewChaCha8([32]byte{1}).Read(p.buf)
	return p
}

func (p *pattern) Read(b []byte) (int, error) {
	n := copy(b, p.buf[p.off:])
	p.off = (p.off + n) % len(p.buf)
	return n, nil
}
