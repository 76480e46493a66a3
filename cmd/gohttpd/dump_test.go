package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gohttpd/gohttpd/server/apachetest"
)

// dumpRoot is a ServerRoot for comparing dumps: the files of dir (if any)
// in conf/, conf/httpd.conf holding text with the image's ServerRoot made
// root (oracle adaptation 1), and the modules link and logs/ and htdocs/.
func dumpRoot(t *testing.T, dir, text string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"conf", "logs", "htdocs"} {
		if err := os.Mkdir(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(apacheModules, filepath.Join(root, "modules")); err != nil {
		t.Fatal(err)
	}
	if dir != "" {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(root, "conf", e.Name()), data, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(root, "conf", name), []byte(adaptBoth(text, root)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("httpd.conf", text)
	write("apache.conf", adaptApache(text))
	return root
}

// apacheDump runs Debian's apache2 with args on root's conf/apache.conf.
func apacheDump(t *testing.T, root string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	args = append(args, "-d", root, "-f", "conf/apache.conf", "-C", mpmDirective)
	cmd := exec.CommandContext(ctx, apacheBin, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code = cmd.ProcessState.ExitCode()
	if err != nil && code < 0 {
		t.Fatalf("apache2 %q: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// What differs between Debian's apache2 and the httpd:2.4 image that
// gohttpd follows, in a dump, and nothing else is normalised away:
//   - Debian compiles in modules the image loads as shared ones, and the
//     oracle loads an MPM that gohttpd does not need: those module lines go
//     from both sides (the image's module list is checked on its own);
//   - Debian's defaults for DocumentRoot and PidFile are its own;
//   - gohttpd has no mutexes, so shows no Mutex lines.
var (
	debianDocRoot = regexp.MustCompile(`(?m)^Main DocumentRoot: "/var/www/html"$`)
	debianPidFile = regexp.MustCompile(`(?m)^PidFile: "/run/apache2.pid"$`)
	mutexLine     = regexp.MustCompile(`(?m)^Mutex .*\n`)
	notImageMod   = regexp.MustCompile(`(?m)^ (` + strings.Join(append(slices.Clone(debianBuiltins), `mpm_\w+_module`), "|") + `) \((static|shared)\)\n`)
)

func normaliseApacheDump(out, root string) string {
	out = debianDocRoot.ReplaceAllString(out, `Main DocumentRoot: "/usr/local/apache2/htdocs"`)
	out = debianPidFile.ReplaceAllString(out, `PidFile: "`+root+`/logs/httpd.pid"`)
	out = mutexLine.ReplaceAllString(out, "")
	out = strings.ReplaceAll(out, root+"/conf/apache.conf", root+"/conf/httpd.conf")
	return notImageMod.ReplaceAllString(out, "")
}

// multiVhosts has virtual hosts of every kind DUMP_VHOSTS tells apart:
// name-based on a wildcard port, alone on a port, on named addresses
// hashed apart, on every port, without ServerName, over IPv6, with
// aliases; and Defines with and without a value.
const multiVhosts = `ServerRoot /usr/local/apache2
Listen 127.0.0.1:18080
PidFile logs/httpd.pid
ServerName main.example
ErrorLog logs/error_log
DocumentRoot /usr/local/apache2/htdocs
ScoreBoardFile logs/scoreboard
LoadModule log_config_module modules/mod_log_config.so
LoadModule headers_module modules/mod_headers.so
LoadModule unixd_module modules/mod_unixd.so
User daemon
Group daemon
Define FOO bar
Define BAZ
<VirtualHost *:80>
ServerName a.example
ServerAlias www.a.example *.a.example other.example
</VirtualHost>
<VirtualHost *:80>
ServerName b.example
</VirtualHost>
<VirtualHost *:443>
ServerName c.example
</VirtualHost>
<VirtualHost 127.0.0.1:8080 127.0.0.2:8080>
ServerName d.example
</VirtualHost>
<VirtualHost 127.0.0.1:8080>
ServerName e.example
</VirtualHost>
<VirtualHost _default_:*>
</VirtualHost>
<VirtualHost 127.0.0.1>
</VirtualHost>
<VirtualHost [::1]:81>
ServerName v6.example
</VirtualHost>
<VirtualHost 10.1.2.3:80 10.1.2.3:81>
ServerName f.example
</VirtualHost>
<VirtualHost *:80>
ServerName g.example
</VirtualHost>
`

// The dumps print what Apache prints for the same config: the recipe,
// the image's default config, and one with many virtual hosts.
func TestDumpsAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	recipe, err := os.ReadFile("../../examples/registry/httpd.conf")
	if err != nil {
		t.Fatal(err)
	}
	image, err := os.ReadFile("image/conf/httpd.conf")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, dir, conf string
	}{
		{"recipe", "../../examples/registry", string(recipe)},
		{"image", "", string(image)},
		{"vhosts", "", multiVhosts},
	}
	dumps := [][]string{
		{"-S"}, {"-M"}, {"-t", "-D", "DUMP_VHOSTS"}, {"-t", "-D", "DUMP_RUN_CFG"}, {"-D", "DUMP_MODULES"},
		{"-S", "-M", "-DFOREGROUND"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			root := dumpRoot(t, c.dir, c.conf)
			for _, args := range dumps {
				want, apacheErr, code := apacheDump(t, root, args...)
				if code != 0 {
					t.Fatalf("apache2 %q: exit %d\n%s", args, code, apacheErr)
				}
				want = normaliseApacheDump(want, root)
				gotCode, got, stderr := runCmd(t, append(args, "-d", root, "-f", "conf/httpd.conf")...)
				got = notImageMod.ReplaceAllString(got, "")
				if gotCode != 0 || got != want {
					t.Errorf("gohttpd %q: exit %d, stdout:\n%s\nwant (apache2, normalised):\n%s\nstderr:\n%s", args, gotCode, got, want, stderr)
				}
				if strings.Contains(stderr, "Syntax OK") || strings.Contains(apacheErr, "Syntax OK") {
					t.Errorf("%q: a dump says Syntax OK: gohttpd %q, apache2 %q", args, stderr, apacheErr)
				}
			}
		})
	}
}

// -M lists the modules as the httpd:2.4 image does: its compiled-in ones
// static, those the config loads shared, in the order it loads them.
func TestDumpModulesAsImage(t *testing.T) {
	t.Parallel()
	code, out, stderr := runCmd(t, "-M", "--mount", recipeMount(t))
	want := "Loaded Modules:\n core_module (static)\n so_module (static)\n http_module (static)\n" +
		" headers_module (shared)\n authn_file_module (shared)\n authn_core_module (shared)\n" +
		" authz_groupfile_module (shared)\n authz_user_module (shared)\n authz_core_module (shared)\n" +
		" auth_basic_module (shared)\n access_compat_module (shared)\n log_config_module (shared)\n" +
		" ssl_module (shared)\n proxy_module (shared)\n proxy_http_module (shared)\n unixd_module (shared)\n"
	if code != 0 || out != want {
		t.Errorf("-M on the recipe: exit %d\n%s\nwant:\n%s\nstderr:\n%s", code, out, want, stderr)
	}
}

// DUMP_INCLUDES starts with the main file, as Apache's.
func TestDumpIncludesAsApache(t *testing.T) {
	t.Parallel()
	apachetest.Require(t)
	recipe, err := os.ReadFile("../../examples/registry/httpd.conf")
	if err != nil {
		t.Fatal(err)
	}
	root := dumpRoot(t, "../../examples/registry", string(recipe))
	want, _, _ := apacheDump(t, root, "-t", "-D", "DUMP_INCLUDES")
	want = normaliseApacheDump(want, root)
	code, got, stderr := runCmd(t, "-t", "-D", "DUMP_INCLUDES", "-d", root, "-f", "conf/httpd.conf")
	if code != 0 || got != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr:\n%s", code, got, want, stderr)
	}
}

// -v and -V have httpd's lines, name gohttpd and the Apache release it
// follows, and give the compiled-in places tools read.
func TestVersionShapes(t *testing.T) {
	t.Parallel()
	_, v, _ := runCmd(t, "-v")
	if !regexp.MustCompile(`^Server version: gohttpd/[0-9.]+ \(follows Apache/2\.4\.\d+\)\nServer built:   .+\n$`).MatchString(v) {
		t.Errorf("-v:\n%s", v)
	}
	_, vv, _ := runCmd(t, "-V")
	for _, line := range []string{v, ` -D HTTPD_ROOT="/usr/local/apache2"` + "\n", ` -D SERVER_CONFIG_FILE="conf/httpd.conf"` + "\n",
		` -D DEFAULT_PIDLOG="logs/httpd.pid"` + "\n", "Server compiled with....\n"} {
		if !strings.Contains(vv, line) {
			t.Errorf("-V lacks %q:\n%s", line, vv)
		}
	}
	apachetest.Require(t)
	// Debian's apache2 loads its MPM from the config before -V shows it.
	out, stderr, code := apacheDump(t, dumpRoot(t, "", multiVhosts), "-V")
	if code != 0 {
		t.Fatalf("apache2 -V: exit %d\n%s", code, stderr)
	}
	// Every label gohttpd prints is one of httpd's, in httpd's order.
	var labels []string
	for _, line := range strings.Split(out, "\n") {
		labels = append(labels, label(line))
	}
	at := 0
	for _, line := range strings.Split(strings.TrimSuffix(vv, "\n"), "\n") {
		i := slices.Index(labels[at:], label(line))
		if i < 0 {
			t.Errorf("-V line %q is not in httpd's -V, in its order:\n%s", line, out)
			continue
		}
		at += i
	}
}

// label is what identifies a line of -V: the text before its value.
func label(line string) string {
	if name, _, ok := strings.Cut(line, "="); ok && strings.HasPrefix(line, " -D ") {
		return name
	}
	if name, _, ok := strings.Cut(line, ":"); ok {
		return name
	}
	return line
}
