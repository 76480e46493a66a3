package main

import (
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"

	"github.com/gohttpd/gohttpd/examples/registry/stack"
)

// tryIt prints commands to try against the running stack. skopeo trusts
// the CA certificates of a directory, so one is made under tmp with the
// recipe's certificate in it.
func tryIt(st *stack.Stack, auth, tmp string, out io.Writer) error {
	ip, port, err := net.SplitHostPort(st.Addr)
	if err != nil {
		return err
	}
	if net.ParseIP(ip).IsUnspecified() {
		ip = "127.0.0.1" // bound to every address: this machine's clients use loopback
	}
	certs := filepath.Join(tmp, "certs")
	crt, err := os.ReadFile(filepath.Join(auth, "domain.crt"))
	if err != nil {
		return err
	}
	if err := os.Mkdir(certs, 0o700); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(certs, "ca.crt"), crt, 0o644); err != nil {
		return err
	}
	hostPort := stack.Host + ":" + port
	fmt.Fprintf(out, `
Serving until Ctrl-C. Try it:
  curl --cacert %[4]s/domain.crt --resolve %[1]s:%[3]s https://%[1]s/v2/
      401 and the realm: anonymous clients are challenged
  curl --cacert %[4]s/domain.crt --resolve %[1]s:%[3]s -u testuser:testpassword https://%[1]s/v2/_catalog
Registry clients need the name: add "%[3]s %[2]s" to /etc/hosts, then
  skopeo inspect --cert-dir %[5]s --creds testuser:testpassword docker://%[1]s/test:latest
  SSL_CERT_FILE=%[4]s/domain.crt crane auth login %[1]s -u testuser -p testpassword
  SSL_CERT_FILE=%[4]s/domain.crt crane manifest %[1]s/test:latest
  docker login %[1]s   (after: sudo mkdir -p /etc/docker/certs.d/%[1]s && sudo cp %[5]s/ca.crt /etc/docker/certs.d/%[1]s/)
`, hostPort, stack.Host, ip, auth, certs)
	return nil
}
