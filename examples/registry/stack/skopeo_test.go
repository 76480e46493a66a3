package stack

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// skopeo (Debian's package) goes through the recipe as a user would: the
// pusher copies an image in, the reader inspects it, and the reader's copy
// is refused.
func TestSkopeo(t *testing.T) {
	bin, err := exec.LookPath("skopeo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("skopeo is needed in CI (.ci/run installs it)")
		}
		t.Skip("skopeo is not installed (Debian's skopeo package)")
	}
	st := startStack(t)
	// skopeo trusts the CA certificates of a directory; the recipe's
	// certificate names 127.0.0.1 too, so no name needs resolving.
	certs := t.TempDir()
	crt, err := os.ReadFile(filepath.Join("..", "domain.crt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(certs, "ca.crt"), crt, 0o644); err != nil {
		t.Fatal(err)
	}
	// An image as `docker save` writes it, as a user might copy in.
	archive := filepath.Join(t.TempDir(), "image.tar")
	img, _ := random.Image(2048, 2)
	tag, _ := name.NewTag("example/skopeo:v1")
	if err := tarball.WriteToFile(archive, tag, img); err != nil {
		t.Fatal(err)
	}
	src := "docker-archive:" + archive
	dest := "docker://" + st.Addr + "/skopeo:v1"
	skopeo := func(args ...string) (string, error) {
		cmd := exec.Command(bin, append([]string{"--insecure-policy"}, args...)...)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir()) // no credentials from the machine's files
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := skopeo("copy", "--dest-cert-dir", certs, "--dest-creds", "testuserpush:testpasswordpush", src, dest); err != nil {
		t.Fatalf("copy as the pusher: %v\n%s", err, out)
	}
	out, err := skopeo("inspect", "--cert-dir", certs, "--creds", "testuser:testpassword", "--raw", dest)
	if err != nil {
		t.Fatalf("inspect as the reader: %v\n%s", err, out)
	}
	if config, _ := img.ConfigName(); !strings.Contains(out, config.String()) {
		t.Errorf("the reader's manifest does not name the image's config %s:\n%s", config, out)
	}
	if out, err := skopeo("copy", "--dest-cert-dir", certs, "--dest-creds", "testuser:testpassword", src, dest); err == nil {
		t.Errorf("the reader's copy was accepted:\n%s", out)
	} else if !strings.Contains(strings.ToLower(out), "unauthorized") && !strings.Contains(out, "401") {
		t.Errorf("the reader's copy failed, but not as refused:\n%s", out)
	}
}
