package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// nginx is Debian's nginx doing the recipe's job, configured as the
// registry's own nginx recipe does (client_max_body_size 0, the Host and
// X-Forwarded-Proto headers, the API version header always), with
// keep-alive to the registry as Apache's mod_proxy has by default. nginx
// has no groups: writes are checked against a password file holding the
// pusher group's users only. Its auth_basic checks bcrypt through the
// system's crypt(3), which knows $2y$.
type nginx struct{}

const nginxBin = "/usr/sbin/nginx"

func (nginx) name() string   { return "nginx" }
func (nginx) binary() string { return nginxBin }

// nginxConf is the configuration; %[1]s is nginx's directory, %[2]s the
// auth directory, %[3]s the listen address, %[4]s the registry.
const nginxConf = `daemon off;
master_process on;
worker_processes auto;
user daemon daemon;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log warn;
events { worker_connections 1024; }
http {
  log_format common '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent';
  access_log %[1]s/access.log common;
  client_body_temp_path %[1]s/tmp/body;
  proxy_temp_path %[1]s/tmp/proxy;
  fastcgi_temp_path %[1]s/tmp/fastcgi;
  uwsgi_temp_path %[1]s/tmp/uwsgi;
  scgi_temp_path %[1]s/tmp/scgi;
  upstream registry {
    server %[4]s;
    keepalive 32;
  }
  server {
    listen %[3]s ssl;
    server_name myregistrydomain.com;
    ssl_certificate %[2]s/domain.crt;
    ssl_certificate_key %[2]s/domain.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers EECDH+AESGCM:EDH+AESGCM:AES256+EECDH:AES256+EDH;
    ssl_prefer_server_ciphers on;
    client_max_body_size 0;
    chunked_transfer_encoding on;
    location /v2 {
      auth_basic "Registry Authentication";
      auth_basic_user_file %[2]s/httpd.htpasswd;
      limit_except GET HEAD {
        auth_basic_user_file %[1]s/pushers.htpasswd;
      }
      add_header Docker-Distribution-Api-Version registry/2.0 always;
      proxy_pass http://registry;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
      proxy_read_timeout 900;
    }
  }
}
`

func (nginx) prepare(e *env, addr string) error {
	dir := e.dir("nginx")
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o755); err != nil {
		return fmt.Errorf("nginx: %w", err)
	}
	// The workers (User daemon) write request bodies and buffered answers here.
	if err := os.Chmod(filepath.Join(dir, "tmp"), 0o777); err != nil {
		return fmt.Errorf("nginx: %w", err)
	}
	users, err := e.auth.htpasswd()
	if err != nil {
		return fmt.Errorf("nginx: %w", err)
	}
	var push strings.Builder
	for _, u := range users {
		if pushers(u) {
			fmt.Fprintf(&push, "%s:%s\n", u[0], u[1])
		}
	}
	conf := fmt.Sprintf(nginxConf, dir, e.auth.dir, addr, e.registry)
	for name, data := range map[string]string{"nginx.conf": conf, "pushers.htpasswd": push.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			return fmt.Errorf("nginx: %w", err)
		}
	}
	return nil
}

func (nginx) args(e *env) []string {
	dir := e.dir("nginx")
	return []string{"-p", dir + "/", "-c", filepath.Join(dir, "nginx.conf"), "-e", filepath.Join(dir, "error.log")}
}

func (n nginx) command(e *env) *exec.Cmd { return exec.Command(nginxBin, n.args(e)...) }

func (n nginx) checkCommand(e *env) *exec.Cmd {
	return exec.Command(nginxBin, append([]string{"-t", "-q"}, n.args(e)...)...)
}
