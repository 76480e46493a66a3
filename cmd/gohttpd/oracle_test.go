package main

// The oracle test: every configuration under testdata/oracle is checked by
// real Apache httpd 2.4 (Debian's apache2 -t) and by gohttpd -t (run
// in-process), and both must give the same verdict: Syntax OK, or the same
// error at the same line of the same file with the same message, and the
// same AH-numbered warnings.
//
// A case is either testdata/oracle/NAME.conf, copied into a fresh ServerRoot
// as httpd.conf, or a directory testdata/oracle/NAME/ copied whole, whose
// config is NAME/httpd.conf or else NAME/conf/httpd.conf (the httpd:2.4
// image's place). The config starts with comment lines:
//
//	# what the case checks (free text, first line)
//	# apache: Apache's verdict, as summary() renders it
//	# apache warns: one AH-numbered warning Apache prints (one line each)
//	# oracle: line-only            do not compare the message text
//	# oracle: -D NAME              pass -D NAME to both
//	# oracle: crlf                 turn the config's line ends into CRLF
//	# oracle: cert CRTFILE KEYFILE write a fresh self-signed certificate and
//	                               its key there (relative to the ServerRoot)
//
// The "# apache:" lines are checked against Apache too, so they always say
// what Apache really does. Run just this test with
//
//	go test ./cmd/gohttpd -run TestOracle -v
//
// and one case with -run 'TestOracle/NAME'.

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Debian's Apache, the oracle. Its modules are where Debian installs them.
const (
	apacheBin     = "/usr/sbin/apache2"
	apacheModules = "/usr/lib/apache2/modules"
	oracleDir     = "testdata/oracle"
)

// ---- The adaptation of the configs and command line to Debian's Apache ----
//
// Configs are written as users of the httpd:2.4 image write them. Each
// side gets a fresh ServerRoot (t.TempDir) holding the case's files, and
// names in what they print are compared relative to it (ROOT in messages).
// Running the configs on Debian's apache2 needs these changes, all made
// here and nowhere else:
//
//  1. Both sides: the image's ServerRoot /usr/local/apache2, written as an
//     absolute path in configs (the recipe's ServerRoot, SSLCertificateFile,
//     AuthUserFile…), becomes the case's temporary ServerRoot.
//  2. Apache only: Debian compiles in modules that the image builds as
//     shared ones (see apache2 -l), and its LoadModule of a compiled-in
//     module is an error ("module log_config_module is built-in and can't
//     be loaded"), so Apache's copy has such LoadModule lines blanked (the
//     line stays, so line numbers do not move). gohttpd reads the original
//     line. A config testing <IfModule log_config_module> without loading it
//     would differ (always true on Debian), so the corpus has none.
//  3. Apache only: Debian builds every MPM as a module and Apache refuses to
//     start without one (AH00534), while gohttpd needs none; so unless the
//     config loads an MPM itself, Apache gets
//     -C "LoadModule mpm_event_module modules/mod_mpm_event.so".
//  4. Both sides: the ServerRoot has a "modules" symlink to Debian's module
//     directory and an empty "logs" directory (Apache -t checks that the
//     default error log's directory exists: AH02291).
//
// Apache's exact command line is thus
//
//	/usr/sbin/apache2 -t -d ROOT -f httpd.conf [-D NAME] \
//	    -C "LoadModule mpm_event_module modules/mod_mpm_event.so"
//
// with LC_ALL=C, and gohttpd's is the same without the -C.

// imageServerRoot is the httpd:2.4 image's ServerRoot (adaptation 1).
const imageServerRoot = "/usr/local/apache2"

// debianBuiltins are the modules Debian's apache2 compiles in that the
// httpd:2.4 image loads with LoadModule (adaptation 2). core, mod_so and
// http_core are compiled into both.
var debianBuiltins = []string{"log_config_module", "logio_module", "unixd_module", "version_module", "watchdog_module"}

// bothBuiltins are compiled into Debian's apache2 and the image alike.
var bothBuiltins = []string{"core_module", "so_module", "http_module"}

// mpmDirective is what Apache gets with -C when the config loads no MPM
// (adaptation 3).
const mpmDirective = "LoadModule mpm_event_module modules/mod_mpm_event.so"

var (
	loadBuiltinRE = regexp.MustCompile(`(?im)^[ \t]*LoadModule[ \t]+(` +
		strings.Join(debianBuiltins, "|") + `)[ \t]+[^\r\n]*`)
	loadMPMRE = regexp.MustCompile(`(?im)^[ \t]*LoadModule[ \t]+mpm_\w+_module[ \t]`)
)

// adaptBoth is adaptation 1, for a file copied into root.
func adaptBoth(text, root string) string {
	return strings.ReplaceAll(text, imageServerRoot, root)
}

// adaptApache is adaptation 2, for Apache's copy of a file.
func adaptApache(text string) string {
	return loadBuiltinRE.ReplaceAllString(text, "")
}

// checkBuiltins makes sure debianBuiltins still lists what apache2 -l says
// is compiled in, so a newer Debian package cannot silently break
// adaptation 2.
func checkBuiltins(t *testing.T) {
	out, err := exec.Command(apacheBin, "-l").CombinedOutput()
	if err != nil {
		t.Fatalf("%s -l: %v\n%s", apacheBin, err, out)
	}
	for _, f := range strings.Fields(string(out)) {
		name, ok := strings.CutSuffix(f, ".c")
		if !ok {
			continue
		}
		mod := strings.TrimPrefix(name, "mod_") + "_module"
		switch name {
		case "core":
			mod = "core_module"
		case "http_core":
			mod = "http_module"
		}
		if !slices.Contains(debianBuiltins, mod) && !slices.Contains(bothBuiltins, mod) {
			t.Fatalf("%s -l lists %s, which debianBuiltins in oracle_test.go does not name", apacheBin, f)
		}
	}
}

// ---- Verdicts ----

// loc is a place an error names: a file relative to the ServerRoot (or as
// printed when outside it) and a line.
type loc struct {
	File string
	Line int
}

// Error shapes of httpd -t.
const (
	shapeOK      = "ok"
	shapeProcess = "AH00526" // "AH00526: Syntax error on line N of FILE:" then the message
	shapeRead    = "read"    // "PROG: Syntax error on line N of FILE: [Syntax error on line M of INCLUDED: ]MSG"
	shapeOther   = "other"   // anything else: the first line that is not a warning
)

// verdict is what one -t run said.
type verdict struct {
	Shape    string
	Where    []loc // outermost first; read errors in included files chain them
	Msg      string
	Warnings []string // AH-numbered warnings, root replaced by ROOT
}

var (
	processErrRE = regexp.MustCompile(`^AH00526: Syntax error on line (\d+) of (.+):$`)
	readErrRE    = regexp.MustCompile(`^(?:[\w.-]+: )?Syntax error on line (\d+) of (.+?): `)
	chainRE      = regexp.MustCompile(`^Syntax error on line (\d+) of (.+?): `)
	progRE       = regexp.MustCompile(`^(?:apache2|httpd|gohttpd): `)
	ahRE         = regexp.MustCompile(`AH\d{5}: .*$`)
	startupRE    = regexp.MustCompile(`^AH\d{5}: `)
	// apacheWarnRE matches Apache's startup log lines of level warn.
	apacheWarnRE = regexp.MustCompile(`^\[[^\]]*\] \[\w+:warn\] `)
	// gohttpdWarnRE matches gohttpd's warning lines.
	gohttpdWarnRE = regexp.MustCompile(`^[\w.-]+: warning: `)
)

// ignoredWarnings depend on the machine, not the config: AH00558 is
// Apache's complaint that the host's name is not a FQDN when the config
// has no ServerName.
var ignoredWarnings = []string{"AH00558"}

// parseVerdict reads the stderr of a -t run with exit code code; root is
// the ServerRoot it ran in, made relative in file names and replaced by
// ROOT in messages; isWarning tells the side's warning lines. Apache also
// prints some warnings as bare "AHnnnnn: ..." startup lines (AH00112): those
// count as warnings unless the run failed in no known shape, where such a
// line is the error itself (AH00534 "No MPM loaded").
func parseVerdict(code int, stderr, root string, isWarning *regexp.Regexp) verdict {
	rel := func(file string) string {
		if r, ok := strings.CutPrefix(file, root+"/"); ok {
			return r
		}
		return file
	}
	norm := func(msg string) string { return strings.TrimSpace(strings.ReplaceAll(msg, root, "ROOT")) }
	type warning struct {
		text    string
		startup bool
	}
	var warnings []warning
	var lines []string // all but warnings and blank lines
	for ln := range strings.SplitSeq(stderr, "\n") {
		ln = strings.TrimRight(ln, "\r")
		w := ahRE.FindString(ln)
		if w != "" && slices.Contains(ignoredWarnings, w[:7]) {
			continue
		}
		if isWarning.MatchString(ln) {
			if w != "" {
				warnings = append(warnings, warning{norm(w), false})
			}
			continue
		}
		if strings.TrimSpace(ln) == "" {
			continue
		}
		if startupRE.MatchString(ln) && !processErrRE.MatchString(ln) {
			warnings = append(warnings, warning{norm(ln), true})
		}
		lines = append(lines, ln)
	}
	v := parseError(code, lines, rel, norm)
	for _, w := range warnings {
		if !w.startup || v.Shape != shapeOther {
			v.Warnings = append(v.Warnings, w.text)
		}
	}
	return v
}

// parseError finds the verdict in the lines of a -t run that are not
// warnings.
func parseError(code int, lines []string, rel, norm func(string) string) verdict {
	var v verdict
	nonStartup := slices.DeleteFunc(slices.Clone(lines), startupRE.MatchString)
	if code == 0 && len(nonStartup) > 0 && nonStartup[len(nonStartup)-1] == "Syntax OK" {
		v.Shape = shapeOK
		return v
	}
	for i, ln := range lines {
		if m := processErrRE.FindStringSubmatch(ln); m != nil {
			n, _ := strconv.Atoi(m[1])
			v.Shape = shapeProcess
			v.Where = []loc{{rel(m[2]), n}}
			if i+1 < len(lines) {
				v.Msg = norm(lines[i+1])
			}
			return v
		}
	}
	for _, ln := range lines {
		m := readErrRE.FindStringSubmatch(ln)
		if m == nil {
			continue
		}
		v.Shape = shapeRead
		rest := ln[len(m[0]):]
		for {
			n, _ := strconv.Atoi(m[1])
			v.Where = append(v.Where, loc{rel(m[2]), n})
			if m = chainRE.FindStringSubmatch(rest); m == nil {
				break
			}
			rest = rest[len(m[0]):]
		}
		v.Msg = norm(rest)
		return v
	}
	v.Shape = shapeOther
	if len(lines) > 0 {
		v.Msg = norm(progRE.ReplaceAllString(lines[0], ""))
	}
	if code == 0 {
		v.Msg = "exit 0 without Syntax OK: " + v.Msg
	}
	return v
}

// summary renders a verdict on one line, as the corpus headers give it:
// the error as Apache prints it, with file names relative to the ServerRoot
// and a chain of identical "Syntax error on line N of F: " shortened to
// "Syntax error on line N of F (xCOUNT): ".
func (v verdict) summary() string {
	switch v.Shape {
	case shapeOK:
		return "Syntax OK"
	case shapeOther:
		return v.Msg
	}
	var b strings.Builder
	if v.Shape == shapeProcess {
		b.WriteString("AH00526: ")
	}
	for i := 0; i < len(v.Where); {
		j := i
		for j < len(v.Where) && v.Where[j] == v.Where[i] {
			j++
		}
		fmt.Fprintf(&b, "Syntax error on line %d of %s", v.Where[i].Line, v.Where[i].File)
		if j-i > 1 {
			fmt.Fprintf(&b, " (x%d)", j-i)
		}
		b.WriteString(": ")
		i = j
	}
	b.WriteString(v.Msg)
	return b.String()
}

// ---- Cases ----

type oracleCase struct {
	name     string
	src      string // the corpus file or directory
	dir      bool
	conf     string // the config, relative to the ServerRoot
	what     string // the first header line
	apache   string // "# apache:"
	warns    []string
	lineOnly bool
	defines  []string
	crlf     bool
	certs    [][2]string
}

func loadCases(t *testing.T) []*oracleCase {
	entries, err := os.ReadDir(oracleDir)
	if err != nil {
		t.Fatal(err)
	}
	var cases []*oracleCase
	for _, e := range entries {
		c := &oracleCase{src: filepath.Join(oracleDir, e.Name()), dir: e.IsDir()}
		switch {
		case e.IsDir():
			c.name = e.Name()
			for _, conf := range []string{"httpd.conf", "conf/httpd.conf"} {
				if _, err := os.Stat(filepath.Join(c.src, conf)); err == nil {
					c.conf = conf
					break
				}
			}
			if c.conf == "" {
				t.Fatalf("%s: no httpd.conf or conf/httpd.conf", c.src)
			}
		case strings.HasSuffix(e.Name(), ".conf"):
			c.name = strings.TrimSuffix(e.Name(), ".conf")
			c.conf = "httpd.conf"
		default:
			continue
		}
		text, err := os.ReadFile(c.configSource())
		if err != nil {
			t.Fatal(err)
		}
		c.parseHeader(t, string(text))
		cases = append(cases, c)
	}
	return cases
}

func (c *oracleCase) configSource() string {
	if c.dir {
		return filepath.Join(c.src, c.conf)
	}
	return c.src
}

func (c *oracleCase) parseHeader(t *testing.T, text string) {
	for i, ln := range strings.Split(text, "\n") {
		ln = strings.TrimSpace(ln)
		if !strings.HasPrefix(ln, "#") {
			break
		}
		ln = strings.TrimSpace(strings.TrimPrefix(ln, "#"))
		if i == 0 {
			c.what = ln
		}
		switch {
		case strings.HasPrefix(ln, "apache:"):
			c.apache = strings.TrimSpace(strings.TrimPrefix(ln, "apache:"))
		case strings.HasPrefix(ln, "apache warns:"):
			c.warns = append(c.warns, strings.TrimSpace(strings.TrimPrefix(ln, "apache warns:")))
		case strings.HasPrefix(ln, "oracle:"):
			f := strings.Fields(strings.TrimPrefix(ln, "oracle:"))
			switch {
			case len(f) == 1 && f[0] == "line-only":
				c.lineOnly = true
			case len(f) == 1 && f[0] == "crlf":
				c.crlf = true
			case len(f) == 2 && f[0] == "-D":
				c.defines = append(c.defines, "-D", f[1])
			case len(f) == 3 && f[0] == "cert":
				c.certs = append(c.certs, [2]string{f[1], f[2]})
			default:
				t.Fatalf("%s: unknown header %q", c.src, ln)
			}
		}
	}
	if c.what == "" || c.apache == "" {
		t.Fatalf("%s: needs a first comment line saying what it checks and a \"# apache:\" line", c.src)
	}
}

// setup copies the case into a new ServerRoot for one side and returns
// the root and whether the config loads an MPM itself.
func (c *oracleCase) setup(t *testing.T, forApache bool) (root string, loadsMPM bool) {
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(apacheModules, filepath.Join(root, "modules")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(root, "logs"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile := func(src, dst string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		text := adaptBoth(string(data), root)
		if c.crlf && dst == filepath.Join(root, c.conf) {
			text = strings.ReplaceAll(text, "\n", "\r\n")
		}
		if loadMPMRE.MatchString(text) {
			loadsMPM = true
		}
		if forApache {
			text = adaptApache(text)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !c.dir {
		copyFile(c.src, filepath.Join(root, c.conf))
	} else {
		err := filepath.WalkDir(c.src, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			r, err := filepath.Rel(c.src, p)
			if err != nil {
				return err
			}
			copyFile(p, filepath.Join(root, r))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, ck := range c.certs {
		crt, key := testCert(t)
		for _, f := range []struct {
			name string
			data []byte
		}{{ck[0], crt}, {ck[1], key}} {
			p := filepath.Join(root, f.name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, f.data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	return root, loadsMPM
}

var (
	certOnce         sync.Once
	certPEM, keyPEM  []byte
	errCertGenerated error
)

// testCert returns a self-signed certificate for myregistrydomain.com and
// its key, made once per test run.
func testCert(t *testing.T) (crt, key []byte) {
	certOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			errCertGenerated = err
			return
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "myregistrydomain.com"},
			DNSNames:     []string{"myregistrydomain.com"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(24 * time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
		if err != nil {
			errCertGenerated = err
			return
		}
		kder, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			errCertGenerated = err
			return
		}
		certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
		keyPEM = pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})
	})
	if errCertGenerated != nil {
		t.Fatal(errCertGenerated)
	}
	return certPEM, keyPEM
}

// ---- The two sides ----

// apacheCheck runs Debian's apache2 -t on conf (relative to root) and
// returns its verdict and raw stderr.
func apacheCheck(t *testing.T, root, conf string, loadsMPM bool, defines []string) (verdict, string) {
	args := []string{"-t", "-d", root, "-f", conf}
	args = append(args, defines...)
	if !loadsMPM {
		args = append(args, "-C", mpmDirective)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, apacheBin, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("%s: %v", apacheBin, err)
		}
		code = ee.ExitCode()
	}
	// Apache prints "Syntax OK" and its errors on stderr; stdout stays empty.
	out := stderr.String() + stdout.String()
	return parseVerdict(code, out, root, apacheWarnRE), out
}

// gohttpdCheck runs gohttpd -t in-process, as apacheCheck runs Apache.
func gohttpdCheck(root, conf string, defines []string) (verdict, string) {
	args := append([]string{"-t", "-d", root, "-f", conf}, defines...)
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	out := stderr.String() + stdout.String()
	return parseVerdict(code, out, root, gohttpdWarnRE), out
}

// ---- The test ----

func TestOracle(t *testing.T) {
	if _, err := os.Stat(apacheBin); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the oracle %s is missing (%v); CI must install Debian's apache2", apacheBin, err)
		}
		t.Skipf("the oracle %s is missing (%v): install Debian's apache2 to run this test", apacheBin, err)
	}
	checkBuiltins(t)
	cases := loadCases(t)
	if len(cases) < 60 {
		t.Fatalf("only %d cases in %s", len(cases), oracleDir)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			aroot, loadsMPM := c.setup(t, true)
			a, aout := apacheCheck(t, aroot, c.conf, loadsMPM, c.defines)
			groot, _ := c.setup(t, false)
			g, gout := gohttpdCheck(groot, c.conf, c.defines)

			// The corpus says what Apache does; keep it true.
			if got := a.summary(); got != c.apache {
				t.Errorf("%s: header says\n\t# apache: %s\nbut Apache says\n\t# apache: %s", c.configSource(), c.apache, got)
			}
			if !slices.Equal(a.Warnings, c.warns) {
				t.Errorf("%s: header's warnings\n\t%q\nbut Apache warns\n\t%q", c.configSource(), c.warns, a.Warnings)
			}

			// gohttpd must say the same.
			var diffs []string
			if a.Shape != g.Shape {
				diffs = append(diffs, fmt.Sprintf("verdict: Apache %s, gohttpd %s", a.Shape, g.Shape))
			}
			if !slices.Equal(a.Where, g.Where) {
				diffs = append(diffs, fmt.Sprintf("place: Apache %v, gohttpd %v", a.Where, g.Where))
			}
			if !c.lineOnly && a.Msg != g.Msg {
				diffs = append(diffs, fmt.Sprintf("message:\n\t\tApache:  %s\n\t\tgohttpd: %s", a.Msg, g.Msg))
			}
			if !slices.Equal(a.Warnings, g.Warnings) {
				diffs = append(diffs, fmt.Sprintf("warnings:\n\t\tApache:  %q\n\t\tgohttpd: %q", a.Warnings, g.Warnings))
			}
			if len(diffs) > 0 {
				t.Errorf("%s (%s): gohttpd -t differs from Apache's httpd -t:\n\t%s\nApache's stderr:\n%s\ngohttpd's stderr:\n%s",
					c.src, c.what, strings.Join(diffs, "\n\t"), indent(aout), indent(gout))
			}
		})
	}
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return "\t(nothing)"
	}
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}

// TestOracleParse checks parseVerdict and summary on the shapes of output
// Apache and gohttpd give; it needs no Apache.
func TestOracleParse(t *testing.T) {
	const root = "/r"
	tests := []struct {
		code    int
		stderr  string
		warnRE  *regexp.Regexp
		summary string
		warns   []string
	}{
		{0, "AH00558: apache2: Could not reliably determine the server's fully qualified domain name\nSyntax OK\n",
			apacheWarnRE, "Syntax OK", nil},
		{0, "[Sat Nov 28 13:43:31.434025 2026] [core:warn] [pid 1:tid 1] AH00111: Config variable ${H} is not defined\n" +
			"AH00112: Warning: DocumentRoot [/r/htdocs] does not exist\nSyntax OK\n",
			apacheWarnRE, "Syntax OK", []string{"AH00111: Config variable ${H} is not defined", "AH00112: Warning: DocumentRoot [ROOT/htdocs] does not exist"}},
		{1, "AH00526: Syntax error on line 2 of /r/conf/httpd.conf:\nInvalid command 'Bogus', perhaps misspelled\n",
			apacheWarnRE, "AH00526: Syntax error on line 2 of conf/httpd.conf: Invalid command 'Bogus', perhaps misspelled", nil},
		{1, "apache2: Syntax error on line 3 of /r/httpd.conf: Syntax error on line 2 of /r/inc.conf: /r/inc.conf:2: <Location> was not closed.\n",
			apacheWarnRE, "Syntax error on line 3 of httpd.conf: Syntax error on line 2 of inc.conf: ROOT/inc.conf:2: <Location> was not closed.", nil},
		{1, "apache2: Syntax error on line 2 of /r/a: Syntax error on line 2 of /r/a: Syntax error on line 1 of /r/b: x\n",
			apacheWarnRE, "Syntax error on line 2 of a (x2): Syntax error on line 1 of b: x", nil},
		{1, "AH00534: apache2: Configuration error: No MPM loaded.\n",
			apacheWarnRE, "AH00534: apache2: Configuration error: No MPM loaded.", nil},
		{1, "gohttpd: warning: /r/httpd.conf:3: AH00111: Config variable ${H} is not defined\ngohttpd: Could not open configuration file /r/x.conf: No such file or directory\n",
			gohttpdWarnRE, "Could not open configuration file ROOT/x.conf: No such file or directory", []string{"AH00111: Config variable ${H} is not defined"}},
	}
	for _, tt := range tests {
		v := parseVerdict(tt.code, tt.stderr, root, tt.warnRE)
		if got := v.summary(); got != tt.summary || !slices.Equal(v.Warnings, tt.warns) {
			t.Errorf("parseVerdict(%q):\n got %q %q\nwant %q %q", tt.stderr, got, v.Warnings, tt.summary, tt.warns)
		}
	}
}
