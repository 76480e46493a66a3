package main

import (
	"bytes"
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// needRoot skips a test that switches users when not run as root, unless
// in CI, where such a test must run.
func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("switching users needs root, and CI must run this test")
		}
		t.Skip("switching users needs root")
	}
}

// unixdConf is a plain-HTTP server on addr that switches to user and
// group through mod_unixd, as the recipe's image does.
func unixdConf(addr, user, group string) string {
	return fmt.Sprintf(`LoadModule unixd_module modules/mod_unixd.so
ErrorLog /proc/self/fd/2
Listen %s
ServerName localhost
User %s
Group %s
`, addr, user, group)
}

// taskStatus returns the /proc status fields of every thread of pid, by
// thread.
func taskStatus(t *testing.T, pid int) map[string]map[string]string {
	t.Helper()
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/status", pid))
	if err != nil || len(tasks) == 0 {
		t.Fatalf("no threads found: %v", err)
	}
	out := map[string]map[string]string{}
	for _, task := range tasks {
		data, err := os.ReadFile(task)
		if err != nil {
			t.Fatal(err)
		}
		fields := map[string]string{}
		for line := range strings.Lines(string(data)) {
			k, v, _ := strings.Cut(line, ":")
			fields[k] = strings.Join(strings.Fields(v), " ")
		}
		out[task] = fields
	}
	return out
}

// Started as root with the recipe's User daemon and Group daemon, every
// thread serves with daemon's ids (real, effective, saved and file
// system), the supplementary groups initgroups gives daemon, and no
// capability: permitted, effective and ambient sets are empty. The
// bounding set is inherited and left alone, as Apache leaves it.
func TestServeDropsToUnixdIdentity(t *testing.T) {
	needRoot(t)
	t.Parallel()
	accounts := t.TempDir()
	writeFile(t, filepath.Join(accounts, "passwd"), []byte("root:x:0:0::/root:/bin/sh\n"+
		"daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\nsvc:x:4000:4000::/:/bin/false\n"))
	writeFile(t, filepath.Join(accounts, "group"), []byte("root:x:0:\ndaemon:x:1:\nsvc:x:4000:\n"+
		"team:x:4242:svc\nothers:x:4343:nobody,svc,daemon\nnotmine:x:4444:nobody\n"))
	mountAccounts := []string{"--mount", filepath.Join(accounts, "passwd") + ":/etc/passwd",
		"--mount", filepath.Join(accounts, "group") + ":/etc/group"}
	for _, c := range []struct {
		name, user, group string
		args              []string
		uid, gid, groups  string
	}{
		// This machine's own accounts, as the image has them.
		{"recipe", "daemon", "daemon", nil, "1", "1", "1"},
		// Accounts the container's files define: the groups are those
		// listing User, after Group.
		{"initgroups", "svc", "svc", mountAccounts, "4000", "4000", "4000 4242 4343"},
		{"by number", "#4000", "#4000", mountAccounts, "4000", "4000", "4000 4242 4343"},
		{"other group", "svc", "daemon", mountAccounts, "4000", "1", "1 4242 4343"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			addr := freeAddr(t)
			cmd, out := startCommand(t, unixdConf(addr, c.user, c.group), addr, c.args...)
			resp, err := http.Get("http://" + addr + "/")
			if err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			resp.Body.Close()
			want := map[string]string{
				"Uid": four(c.uid), "Gid": four(c.gid),
				"Groups": c.groups, "CapPrm": "0000000000000000", "CapEff": "0000000000000000", "CapAmb": "0000000000000000",
			}
			for task, fields := range taskStatus(t, cmd.Process.Pid) {
				for k, v := range want {
					if fields[k] != v {
						t.Errorf("%s: %s: %q, want %q\n%s", task, k, fields[k], v, out)
					}
				}
			}
		})
	}
}

// A private key only root may read, in a directory only root may enter,
// is read before the switch to daemon and its certificate served. A
// graceful restart (SIGUSR1, httpd -k graceful) then switches to the new
// configuration with the key still in use, as Apache's root parent
// re-reading it would.
func TestServeRootOnlyKeySurvivesGraceful(t *testing.T) {
	needRoot(t)
	t.Parallel()
	root := t.TempDir()
	// daemon must be able to read the configuration itself on reload, as
	// it must in Apache's children for every file read per request.
	must(t, os.Chmod(root, 0o755))
	must(t, os.Chmod(filepath.Dir(root), 0o755))
	secret := filepath.Join(root, "secret")
	must(t, os.Mkdir(secret, 0o700))
	key := newKey(t)
	certPEM := makeCertPEM(t, key, "localhost", time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
	must(t, os.WriteFile(filepath.Join(secret, "server.crt"), certPEM, 0o600))
	must(t, os.WriteFile(filepath.Join(secret, "server.key"), makeKeyPEM(t, key), 0o600))

	addr := freeAddr(t)
	conf := unixdConf(addr, "daemon", "daemon") + `LoadModule ssl_module modules/mod_ssl.so
LoadModule headers_module modules/mod_headers.so
SSLEngine on
SSLCertificateFile secret/server.crt
SSLCertificateKeyFile secret/server.key
Header always set Which `
	cmd, out := startCommandIn(t, root, conf+"old\n", addr)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	which := func() string {
		t.Helper()
		resp, err := client.Get("https://" + addr + "/")
		if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		resp.Body.Close()
		served := resp.TLS.PeerCertificates[0].Raw
		if block, _ := pem.Decode(certPEM); !bytes.Equal(served, block.Bytes) {
			t.Fatalf("served another certificate\n%s", out)
		}
		return resp.Header.Get("Which")
	}
	if got := which(); got != "old" {
		t.Fatalf("Which %q before the reload", got)
	}
	for task, f := range taskStatus(t, cmd.Process.Pid) {
		if f["Uid"] != four("1") {
			t.Fatalf("%s runs as uid %s, not daemon", task, f["Uid"])
		}
	}
	writeFile(t, filepath.Join(root, "httpd.conf"), []byte(conf+"new\n"))
	must(t, cmd.Process.Signal(syscall.SIGUSR1))
	waitFor(t, func() bool {
		return strings.Contains(out.String(), "reloaded") || strings.Contains(out.String(), "still serving")
	},
		"the reload")
	if strings.Contains(out.String(), "still serving") {
		t.Fatalf("the reload failed:\n%s", out)
	}
	if got := which(); got != "new" {
		t.Errorf("Which %q after the reload\n%s", got, out)
	}
}

// four is a /proc status id line: real, effective, saved and file system
// ids all id.
func four(id string) string { return strings.Join([]string{id, id, id, id}, " ") }
