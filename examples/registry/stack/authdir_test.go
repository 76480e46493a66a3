package stack

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// A fresh auth directory works as the recipe's own: Apache's htpasswd
// accepts both users' passwords in the written file, and the stack serves
// it with the recipe's answers (the written certificate verified for
// myregistrydomain.com by the client).
func TestWriteAuthDir(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := WriteAuthDir(dir); err != nil {
		t.Fatal(err)
	}
	conf, err := os.ReadFile(filepath.Join("..", "httpd.conf"))
	if err != nil {
		t.Fatal(err)
	}
	if written, _ := os.ReadFile(filepath.Join(dir, "httpd.conf")); string(written) != string(conf) {
		t.Error("the written httpd.conf is not the recipe's")
	}
	checkHtpasswd(t, filepath.Join(dir, "httpd.htpasswd"))
	get := pinger(t, startStackWith(t, dir).Transport())
	for _, u := range users {
		if resp := get("GET", u[0], u[1]); resp.StatusCode != 200 {
			t.Errorf("%s: %d, want 200", u[0], resp.StatusCode)
		}
		if resp := get("GET", u[0], u[1]+"x"); resp.StatusCode != 401 {
			t.Errorf("%s with a wrong password: %d, want 401", u[0], resp.StatusCode)
		}
	}
}

// checkHtpasswd asks Apache's htpasswd to verify each user's password in
// file.
func checkHtpasswd(t *testing.T, file string) {
	t.Helper()
	bin, err := exec.LookPath("htpasswd")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("htpasswd is needed in CI (apache2-utils)")
		}
		t.Log("htpasswd is not installed; the file is checked by gohttpd only")
		return
	}
	for _, u := range users {
		if out, err := exec.Command(bin, "-vb", file, u[0], u[1]).CombinedOutput(); err != nil {
			t.Errorf("htpasswd -vb %s: %v\n%s", u[0], err, out)
		}
	}
	if exec.Command(bin, "-vb", file, "testuser", "wrong").Run() == nil {
		t.Error("htpasswd -vb accepted a wrong password: the check cannot fail")
	}
}
