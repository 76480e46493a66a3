package directives

// Workers: how mod_proxy finds, defines and tunes the backends of ProxyPass,
// <Proxy> and ProxySet, with the URL and number parsing of APR and C that
// decides Apache's verdicts on them.

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"
)

// proxyWorkerKind says which workers a lookup may find, or what a defined
// worker is (Apache's AP_PROXY_WORKER_IS_* bits).
type proxyWorkerKind int

const (
	workerAny    proxyWorkerKind = 0
	workerPrefix proxyWorkerKind = 1
	workerMatch  proxyWorkerKind = 2
)

// FindWorker returns the worker Apache uses for a backend URL: the one with
// the longest name that is a prefix of url (for Match workers, that matches
// url with "$N" standing for any text), and at least as long as url's
// scheme://host[:port]; nil when none fits.
func (s *ProxyServerConfig) FindWorker(url string) *ProxyWorker {
	return s.findWorker(url, workerAny)
}

func (s *ProxyServerConfig) findWorker(url string, kind proxyWorkerKind) *ProxyWorker {
	url, ok := proxyDeSocketfy(url)
	if !ok {
		return nil
	}
	colon := strings.IndexByte(url, ':')
	if colon < 0 || !strings.HasPrefix(url[colon+1:], "//") || len(url) == colon+3 {
		return nil
	}
	if kind == workerAny {
		kind = workerPrefix | workerMatch
	}
	site := len(url)
	if i := strings.IndexByte(url[colon+3:], '/'); i >= 0 {
		site = colon + 3 + i
	}
	lowered := strings.ToLower(url[:site]) + url[site:]
	var best *ProxyWorker
	for _, w := range s.Workers {
		n := len(w.Name)
		if n > len(url) || n < site || best != nil && n <= len(best.Name) {
			continue
		}
		if !w.Match && kind&workerPrefix != 0 && strings.HasPrefix(lowered, w.Name) ||
			w.Match && kind&workerMatch != 0 && proxyStrcmpEmatch(lowered, w.Name) == 0 {
			best = w
		}
	}
	return best
}

// proxyStrcmpEmatch compares str with a Match worker's name, in which
// "$N" stands for any text, as Apache's ap_proxy_strcmp_ematch: 0 when
// the name matches a prefix of str.
func proxyStrcmpEmatch(str, expected string) int {
	x := 0
	for y := 0; y < len(expected); y, x = y+1, x+1 {
		if expected[y] == '$' && y+1 < len(expected) && proxyIsDigit(expected[y+1]) {
			for y+1 < len(expected) && expected[y] == '$' && proxyIsDigit(expected[y+1]) {
				y += 2
			}
			if y == len(expected) {
				return 0
			}
			for x < len(str) {
				if ret := proxyStrcmpEmatch(str[x:], expected[y:]); ret != 1 {
					return ret
				}
				x++
			}
			return -1
		}
		if x == len(str) {
			return -1
		}
		if expected[y] == '\\' {
			if y++; y == len(expected) {
				return -2
			}
		}
		if str[x] != expected[y] {
			return 1
		}
	}
	return 0
}

func proxyIsDigit(b byte) bool { return b >= '0' && b <= '9' }

// displayName is the worker's name as Apache logs it, with its socket.
func (w *ProxyWorker) displayName() string {
	if w.UDSPath != "" {
		return "unix:" + w.UDSPath + "|" + w.Name
	}
	return w.Name
}

// defineProxyWorker adds the worker of url to the server, as Apache's
// ap_proxy_define_worker_ex; the error is Apache's, without the prefix
// its callers add.
func defineProxyWorker(c *Cmd, url string, kind proxyWorkerKind) (*ProxyWorker, error) {
	w, err := newProxyWorker(c, url, kind)
	if err != nil {
		return nil, err
	}
	c.Server.Proxy.Workers = append(c.Server.Proxy.Workers, w)
	return w, nil
}

// newProxyWorker parses url into a worker as Apache defines one: the
// socket of a "unix:" URL, "$N" moved out of a Match URL's port, the name
// normalized.
func newProxyWorker(c *Cmd, url string, kind proxyWorkerKind) (*ProxyWorker, error) {
	w := &ProxyWorker{Match: kind == workerMatch, AddressReusable: true, File: c.Directive.File, Line: c.Directive.Line}
	ptr := url
	if len(url) >= 5 && strings.EqualFold(url[:5], "unix:") {
		if bar := strings.IndexByte(url[5:], '|'); bar >= 0 {
			if u, ok := parseAPRURI(url[:5+bar]); ok {
				w.UDSPath = proxyRuntimeDirRelative(c, u.str(u.path))
				ptr = url[5+bar+1:]
			}
		}
	}
	var dollars string
	if w.Match {
		ptr, dollars, w.AddressReusable = proxyTrimPortDollars(ptr)
	}
	u, ok := parseAPRURI(ptr)
	switch {
	case !ok:
		return nil, errors.New("Unable to parse URL: " + url)
	case u.scheme == nil:
		return nil, errors.New("URL must be absolute!: " + url)
	case u.hostname == nil || *u.hostname == "":
		if w.UDSPath == "" {
			return nil, errors.New("URL must be absolute!: " + url)
		}
		host := "localhost"
		u.hostname = &host
	default:
		host := strings.ToLower(*u.hostname)
		u.hostname = &host
	}
	scheme := strings.ToLower(*u.scheme)
	u.scheme = &scheme
	defaultPort := proxyPortOfScheme(scheme)
	if u.port != 0 && u.port == defaultPort {
		u.port = 0
	}
	if dollars != "" {
		path := dollars + u.str(u.path)
		u.path = &path
	}
	if len(*u.hostname) >= 256 {
		return nil, fmt.Errorf("worker hostname (%s) too long", *u.hostname)
	}
	w.Name = u.unparse()
	w.Scheme, w.Host, w.User, w.Pass = scheme, *u.hostname, u.str(u.user), u.str(u.password)
	w.Path, w.Query, w.Port = u.str(u.path), u.str(u.query), u.port
	if w.Port == 0 {
		w.Port = defaultPort
	}
	return w, nil
}

// proxyTrimPortDollars moves "$N" references out of a Match URL's port, as
// Apache does before parsing: it returns the URL without them, the
// references to put before the path, and false when the host or port held
// one (the address then cannot be reused).
func proxyTrimPortDollars(url string) (string, string, bool) {
	i := strings.Index(url, "://")
	if i < 0 {
		return url, "", true
	}
	pos := i + 3
	reusable := true
	for pos < len(url) && url[pos] != ':' && url[pos] != '/' {
		if url[pos] == '$' {
			reusable = false
		}
		pos++
	}
	if pos == len(url) || url[pos] != ':' {
		return url, "", reusable
	}
	isRef := func(p int) bool { return p+1 < len(url) && url[p] == '$' && proxyIsDigit(url[p+1]) }
	for pos++; pos < len(url) && !isRef(pos) && url[pos] != '/'; pos++ {
	}
	if !isRef(pos) {
		return url, "", reusable
	}
	end := pos + 2
	for end < len(url) && url[end] != '/' {
		end++
	}
	return url[:pos] + url[end:], url[pos:end], false
}

// proxyRuntimeDirRelative resolves a socket path as ap_runtime_dir_relative
// with the httpd image's runtime directory, ServerRoot/logs.
func proxyRuntimeDirRelative(c *Cmd, path string) string {
	if strings.HasPrefix(path, "/") {
		return path
	}
	return c.ServerRootRelative("logs/" + path)
}

// proxyDeSocketfy returns the URL a "unix:/path|scheme://host/…" URL
// stands for, as Apache's ap_proxy_de_socketfy; false when it has none.
func proxyDeSocketfy(url string) (string, bool) {
	if len(url) < 5 || !strings.EqualFold(url[:5], "unix:") {
		return url, true
	}
	bar := strings.IndexByte(url[5:], '|')
	if bar < 0 {
		return url, true
	}
	ret := url[5+bar+1:]
	colon := strings.IndexByte(ret, ':')
	switch {
	case colon < 0:
		return "", false
	case colon == len(ret)-1:
		return ret + "//localhost", true
	case ret[colon+1:] == "//":
		return ret + "localhost", true
	}
	return ret, true
}

// proxyIsBalancer reports whether a URL names a balancer (balancer://).
func proxyIsBalancer(url string) bool {
	return len(url) >= 9 && strings.EqualFold(url[:9], "balancer:")
}

// proxyPortOfScheme is mod_proxy's default port of a scheme.
func proxyPortOfScheme(scheme string) int {
	if p := aprPortOfScheme(scheme); p != 0 {
		return p
	}
	switch strings.ToLower(scheme) {
	case "fcgi":
		return 8000
	case "ajp":
		return 8009
	case "scgi":
		return 4000
	case "h2c", "ws":
		return 80
	case "h2", "wss":
		return 443
	}
	return 0
}

var aprSchemePorts = map[string]int{
	"http": 80, "ftp": 21, "https": 443, "gopher": 70, "ldap": 389, "nntp": 119, "snews": 563,
	"imap": 143, "pop": 110, "sip": 5060, "rtsp": 554, "wais": 210, "z39.50r": 210, "z39.50s": 210,
	"prospero": 191, "nfs": 2049, "tip": 3372, "acap": 674, "telnet": 23, "ssh": 22,
}

// aprPortOfScheme is APR's default port of a scheme, 0 when unknown.
func aprPortOfScheme(scheme string) int { return aprSchemePorts[strings.ToLower(scheme)] }

// aprURI is a URL as apr_uri_parse splits it; nil fields were absent,
// which apr_uri_unparse tells from empty ones.
type aprURI struct {
	scheme, user, password, hostname, portStr, path, query, fragment *string
	port                                                             int
}

func (u *aprURI) str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func aprPtr(s string) *string { return &s }

// parseAPRURI parses a URL as APR's apr_uri_parse (apr-util 1.6); false
// where APR answers APR_EGENERAL. The port, as in APR, is the C cast of
// strtol's result to 16 bits.
func parseAPRURI(uri string) (*aprURI, bool) {
	u := &aprURI{}
	if strings.HasPrefix(uri, "/") {
		if strings.HasPrefix(uri, "//") && !strings.HasPrefix(uri, "///") {
			return u, u.parseAuthority(uri[2:])
		}
		u.parsePath(uri)
		return u, true
	}
	s := 0
	if s < len(uri) && proxyIsAlpha(uri[s]) {
		for s++; s < len(uri) && (proxyIsAlpha(uri[s]) || proxyIsDigit(uri[s]) || strings.IndexByte("+-.", uri[s]) >= 0); s++ {
		}
	}
	rest := uri
	if s > 0 && s < len(uri) && uri[s] == ':' {
		u.scheme, rest = aprPtr(uri[:s]), uri[s+1:]
	}
	if strings.HasPrefix(rest, "//") {
		return u, u.parseAuthority(rest[2:])
	}
	if u.scheme == nil {
		// RFC 3986 3.3: without scheme or authority, the first segment
		// of a relative path must not hold ':'.
		first, _, _ := strings.Cut(uri, "/")
		if strings.Contains(first, ":") {
			return nil, false
		}
	}
	u.parsePath(rest)
	return u, true
}

func proxyIsAlpha(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// parseAuthority parses [user[:password]@]host[:port] and what follows.
func (u *aprURI) parseAuthority(s string) bool {
	end := strings.IndexAny(s, "/?#")
	if end < 0 {
		end = len(s)
	}
	hostinfo, rest := s[:end], s[end:]
	if at := strings.LastIndexByte(hostinfo, '@'); at >= 0 {
		user, pass, ok := strings.Cut(hostinfo[:at], ":")
		u.user = aprPtr(user)
		if ok {
			u.password = aprPtr(pass)
		}
		hostinfo = hostinfo[at+1:]
	}
	host, port, hasPort := hostinfo, "", false
	if strings.HasPrefix(hostinfo, "[") {
		end := strings.IndexByte(hostinfo, ']')
		switch {
		case end < 0:
			return false
		case end+1 < len(hostinfo) && hostinfo[end+1] == ':':
			host, port, hasPort = hostinfo[1:end], hostinfo[end+2:], true
		default:
			host = hostinfo[1 : len(hostinfo)-1]
		}
	} else if i := strings.IndexByte(hostinfo, ':'); i >= 0 {
		host, port, hasPort = hostinfo[:i], hostinfo[i+1:], true
	}
	u.hostname = aprPtr(host)
	if hasPort {
		u.portStr = aprPtr(port)
		if port == "" {
			u.port = aprPortOfScheme(u.str(u.scheme))
		} else {
			v, tail := proxyStrtol(port)
			if tail != "" {
				return false
			}
			u.port = int(uint16(int32(v)))
		}
	}
	u.parsePath(rest)
	return true
}

// parsePath parses path[?query][#fragment].
func (u *aprURI) parsePath(s string) {
	end := strings.IndexAny(s, "?#")
	if end < 0 {
		end = len(s)
	}
	if end > 0 {
		u.path = aprPtr(s[:end])
	}
	switch {
	case end == len(s):
	case s[end] == '?':
		q, frag, ok := strings.Cut(s[end+1:], "#")
		u.query = aprPtr(q)
		if ok {
			u.fragment = aprPtr(frag)
		}
	default:
		u.fragment = aprPtr(s[end+1:])
	}
}

// unparse joins the URL again as apr_uri_unparse (passwords shown): the
// port only when given and not the scheme's default.
func (u *aprURI) unparse() string {
	var site string
	if u.user != nil || u.password != nil {
		site = u.str(u.user)
		if u.password != nil {
			site += ":" + *u.password
		}
		site += "@"
	}
	if u.hostname != nil {
		host := *u.hostname
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		site = "//" + site + host
		if u.portStr != nil && u.port != 0 && u.port != aprPortOfScheme(u.str(u.scheme)) {
			site += ":" + *u.portStr
		}
	}
	if u.scheme != nil {
		site = *u.scheme + ":" + site
	}
	site += u.str(u.path)
	if u.query != nil {
		site += "?" + *u.query
	}
	if u.fragment != nil {
		site += "#" + *u.fragment
	}
	return site
}

// set applies one worker parameter as Apache's set_worker_param; the error
// is Apache's text, without the prefix the caller adds.
func (p *ProxyWorkerParams) set(c *Cmd, key, val string) error {
	setter, ok := workerParamSetters[strings.ToLower(key)]
	if !ok {
		if c.ModuleLoaded("proxy_hcheck_module") {
			return errors.New("unknown Worker parameter (gohttpd does not implement mod_proxy_hcheck's parameters)")
		}
		return errors.New("unknown Worker parameter")
	}
	return setter(p, val)
}

// workerParamSetters are the worker parameters by lower-cased key.
var workerParamSetters = map[string]func(p *ProxyWorkerParams, val string) error{
	"loadfactor": func(p *ProxyWorkerParams, val string) error {
		n := proxyFloatToInt(proxyAtof(val) * 100)
		if n < 100 || n > 10000 {
			return errors.New("LoadFactor must be a number between 1..100")
		}
		p.LoadFactor = n
		return nil
	},
	"retry": func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n < 0 {
			return errors.New("Retry must be a positive value")
		}
		d := time.Duration(n) * time.Second
		p.Retry = &d
		return nil
	},
	"ttl": proxySecondsParam(func(p *ProxyWorkerParams) *time.Duration { return &p.TTL }, "TTL must be at least one second"),
	"timeout": proxySecondsParam(func(p *ProxyWorkerParams) *time.Duration { return &p.Timeout },
		"Timeout must be at least one second"),
	"min":  proxyCountParam(func(p *ProxyWorkerParams, n int) { p.Min = n }, "Min must be a positive number"),
	"max":  proxyCountParam(func(p *ProxyWorkerParams, n int) { p.Max = n }, "Max must be a positive number"),
	"smax": proxyCountParam(func(p *ProxyWorkerParams, n int) { p.SMax = &n }, "Smax must be a positive number"),
	"acquire": proxyTimeoutParam(func(p *ProxyWorkerParams) *time.Duration { return &p.Acquire }, "ms",
		"Acquire timeout has wrong format", "Acquire must be at least one millisecond"),
	"ping": proxyTimeoutParam(func(p *ProxyWorkerParams) *time.Duration { return &p.Ping }, "s",
		"Ping/Pong timeout has wrong format", "Ping/Pong timeout must be at least one millisecond"),
	"connectiontimeout": proxyTimeoutParam(func(p *ProxyWorkerParams) *time.Duration { return &p.ConnectionTimeout }, "s",
		"Connectiontimeout has wrong format", "Connectiontimeout must be at least one millisecond."),
	"iobuffersize": func(p *ProxyWorkerParams, val string) error {
		n := cAtol(val)
		if n < 512 && n != 0 {
			return errors.New("IOBufferSize must be >= 512 bytes, or 0 for system default.")
		}
		if n == 0 {
			n = DefaultProxyIOBufferSize
		}
		p.IOBufferSize = &n
		return nil
	},
	"receivebuffersize": func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n < 512 && n != 0 {
			return errors.New("ReceiveBufferSize must be >= 512 bytes, or 0 for system default.")
		}
		p.ReceiveBufferSize = &n
		return nil
	},
	"responsefieldsize": func(p *ProxyWorkerParams, val string) error {
		n := cAtol(val)
		if n < 0 {
			return errors.New("ResponseFieldSize must be greater than 0 bytes, or 0 for system default.")
		}
		if n == 0 {
			n = 8192
		}
		p.ResponseFieldSize = &n
		return nil
	},
	"keepalive": proxyOnOffParam(func(p *ProxyWorkerParams, on bool) { p.KeepAlive = &on }, "KeepAlive must be On|Off"),
	"disablereuse": proxyOnOffParam(func(p *ProxyWorkerParams, on bool) { p.DisableReuse = &on },
		"DisableReuse must be On|Off"),
	"enablereuse": proxyOnOffParam(func(p *ProxyWorkerParams, on bool) { off := !on; p.DisableReuse = &off },
		"EnableReuse must be On|Off"),
	"addressttl": proxyAddressTTL,
	"route": proxyStringParam(func(p *ProxyWorkerParams) *string { return &p.Route }, 64,
		"Route length must be < 64 characters"),
	"redirect": proxyStringParam(func(p *ProxyWorkerParams) *string { return &p.Redirect }, 64,
		"Redirect length must be < 64 characters"),
	"flusher": proxyStringParam(func(p *ProxyWorkerParams) *string { return &p.Flusher }, 16,
		"flusher name length must be < 16 characters"),
	"secret": proxyStringParam(func(p *ProxyWorkerParams) *string { return &p.Secret }, 64,
		"Secret length must be < 64 characters"),
	"upgrade": func(p *ProxyWorkerParams, val string) error {
		if strings.EqualFold(val, "ANY") {
			val = "*"
		}
		return proxyStringParam(func(p *ProxyWorkerParams) *string { return &p.Upgrade }, 16,
			"upgrade protocol length must be < 16 characters")(p, val)
	},
	"status": proxyWorkerStatus,
	"flushpackets": func(p *ProxyWorkerParams, val string) error {
		i := proxyKeyword(val, "off", "on", "auto")
		if i < 0 {
			return errors.New("flushpackets must be on|off|auto")
		}
		p.FlushPackets = ProxyFlush(i)
		return nil
	},
	"flushwait": func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n > 1000 || n < 0 {
			return errors.New("flushwait must be <= 1000, or 0 for system default of 10 millseconds.")
		}
		p.FlushWait = time.Duration(n) * time.Millisecond
		if n == 0 {
			p.FlushWait = 10 * time.Millisecond
		}
		return nil
	},
	"lbset": func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n < 0 || n > 99 {
			return errors.New("lbset must be between 0 and 99")
		}
		p.LBSet = n
		return nil
	},
}

func proxySecondsParam(field func(*ProxyWorkerParams) *time.Duration, msg string) func(*ProxyWorkerParams, string) error {
	return func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n < 1 {
			return errors.New(msg)
		}
		*field(p) = time.Duration(n) * time.Second
		return nil
	}
}

func proxyCountParam(set func(*ProxyWorkerParams, int), msg string) func(*ProxyWorkerParams, string) error {
	return func(p *ProxyWorkerParams, val string) error {
		n := cAtoi(val)
		if n < 0 {
			return errors.New(msg)
		}
		set(p, n)
		return nil
	}
}

// proxyTimeoutParam reads a time with an optional unit (ms, s, mi, h) and
// unit as the default, at least a millisecond.
func proxyTimeoutParam(field func(*ProxyWorkerParams) *time.Duration, unit, format, short string) func(*ProxyWorkerParams, string) error {
	return func(p *ProxyWorkerParams, val string) error {
		d, ok := parseTimeout(val, unit)
		if !ok {
			return errors.New(format)
		}
		if d < time.Millisecond {
			return errors.New(short)
		}
		*field(p) = d
		return nil
	}
}

func proxyOnOffParam(set func(*ProxyWorkerParams, bool), msg string) func(*ProxyWorkerParams, string) error {
	return func(p *ProxyWorkerParams, val string) error {
		i := proxyKeyword(val, "off", "on")
		if i < 0 {
			return errors.New(msg)
		}
		set(p, i == 1)
		return nil
	}
}

// proxyStringParam stores a string that must fit Apache's size-byte field.
func proxyStringParam(field func(*ProxyWorkerParams) *string, size int, msg string) func(*ProxyWorkerParams, string) error {
	return func(p *ProxyWorkerParams, val string) error {
		if len(val) >= size {
			return errors.New(msg)
		}
		*field(p) = val
		return nil
	}
}

func proxyAddressTTL(p *ProxyWorkerParams, val string) error {
	n := -1
	if val != "-1" {
		d, ok := parseTimeout(val, "s")
		if !ok || d > 2147483647*time.Second || d%time.Second != 0 {
			return errors.New("AddressTTL must be -1 or a number of seconds not exceeding (2147483647)")
		}
		n = int(d / time.Second)
	}
	p.AddressTTL = &n
	return nil
}

// proxyWorkerStatus reads status=[+|-]FLAG…: each letter sets (or after '-'
// clears) a worker status flag.
func proxyWorkerStatus(p *ProxyWorkerParams, val string) error {
	on := true
	for i := 0; i < len(val); i++ {
		switch val[i] {
		case '+':
			on = true
			i++
		case '-':
			on = false
			i++
		}
		if i == len(val) || !strings.ContainsRune("OINGUDSEHRFC", rune(proxyUpper(val[i]))) {
			return errors.New("Unknown status parameter option")
		}
		if p.Status == nil {
			p.Status = map[byte]bool{}
		}
		p.Status[proxyUpper(val[i])] = on
	}
	return nil
}

func proxyUpper(b byte) byte {
	if b >= 'a' && b <= 'z' {
		return b - 'a' + 'A'
	}
	return b
}

// proxyStrtol is C's strtol in base 10: rest is what follows the digits,
// all of s when there are none.
func proxyStrtol(s string) (int64, string) {
	n, rest, _, _ := cStrtol(s)
	return n, rest
}

// proxyStrtolBase0 reads a C number as strtol with base 0: 0x… is hex,
// 0… octal, else decimal.
func proxyStrtolBase0(s string) (int64, string) {
	base, digits := 10, s
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && proxyIsHexDigit(s[2]):
		base, digits = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base, digits = 8, s[1:]
	}
	var v int64
	i := 0
	for ; i < len(digits); i++ {
		d := proxyHexValue(digits[i])
		if d < 0 || d >= base {
			break
		}
		if v < 1<<40 {
			v = v*int64(base) + int64(d)
		}
	}
	if base == 8 && i == 0 {
		return 0, digits
	}
	return v, digits[i:]
}

func proxyIsHexDigit(b byte) bool { return proxyHexValue(b) >= 0 }

func proxyHexValue(b byte) int {
	switch {
	case proxyIsDigit(b):
		return int(b - '0')
	case b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}

// proxyFloatPrefix matches what atof reads; compiled on first use, since
// only a few worker parameters (loadfactor) are read as floats.
var proxyFloatPrefix = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[ \t\n\v\f\r]*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`)
})

// proxyAtof is C's atof for decimal numbers: the longest number at the
// start of s, 0 when there is none.
func proxyAtof(s string) float64 {
	m := strings.TrimLeft(proxyFloatPrefix().FindString(s), " \t\n\v\f\r")
	var f float64
	fmt.Sscan(m, &f)
	return f
}

// proxyFloatToInt converts as C's (int) cast, saturating where C is undefined.
func proxyFloatToInt(f float64) int {
	switch {
	case f >= 1<<31:
		return 1<<31 - 1
	case f <= -(1 << 31):
		return -(1 << 31)
	}
	return int(f)
}

// proxyScanUnsigned reads a port as sscanf("%u") into a C int: blanks, a
// sign, digits, wrapping as C does (so "-1" is -1); false without digits.
func proxyScanUnsigned(s string) (int, bool) {
	v, rest := proxyStrtol(s)
	if rest == s {
		return 0, false
	}
	return int(int32(uint32(v))), true
}

// proxyOr returns the child's setting when set, else the parent's.
func proxyOr[T any](child, parent *T) *T {
	if child != nil {
		return child
	}
	return parent
}

// proxyBoolOr is the value of the first of child and parent that is set,
// else def.
func proxyBoolOr(child, parent *bool, def bool) bool {
	if p := proxyOr(child, parent); p != nil {
		return *p
	}
	return def
}
