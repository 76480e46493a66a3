package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// caddy is Debian's Caddy doing the recipe's job from a JSON
// configuration: its recipe certificate loaded as is (no automatic HTTPS,
// no admin endpoint), http_basic with the htpasswd file's own bcrypt
// hashes and its hash cache on, the pusher group's users alone for
// writes, the API version header, reverse_proxy to the registry (which
// keeps Host and sets X-Forwarded-Proto itself), access logs to a file.
type caddy struct{}

const caddyBin = "/usr/bin/caddy"

func (caddy) name() string   { return "Caddy" }
func (caddy) binary() string { return caddyBin }

// obj is a JSON object of Caddy's configuration.
type obj = map[string]any

func (caddy) prepare(e *env, addr string) error {
	dir := e.dir("caddy")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("caddy: %w", err)
	}
	users, err := e.auth.htpasswd()
	if err != nil {
		return fmt.Errorf("caddy: %w", err)
	}
	var all, push []obj
	for _, u := range users {
		// Caddy wants each hash base64-encoded; Go's bcrypt reads $2y$.
		a := obj{"username": u[0], "password": base64.StdEncoding.EncodeToString([]byte(u[1]))}
		all = append(all, a)
		if pushers(u) {
			push = append(push, a)
		}
	}
	b, err := json.MarshalIndent(caddyConfig(e, dir, addr, all, push), "", "  ")
	if err != nil {
		return fmt.Errorf("caddy: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "caddy.json"), b, 0o644)
}

// caddyConfig is the whole configuration.
func caddyConfig(e *env, dir, addr string, all, push []obj) obj {
	basic := func(accounts []obj) obj {
		return obj{"handler": "authentication", "providers": obj{"http_basic": obj{
			"realm": "Registry Authentication", "hash": obj{"algorithm": "bcrypt"},
			"accounts": accounts, "hash_cache": obj{},
		}}}
	}
	routes := []obj{
		{"match": []obj{{"method": []string{"POST", "PUT", "DELETE", "PATCH"}}}, "handle": []obj{basic(push)}},
		{"match": []obj{{"method": []string{"GET", "HEAD"}}}, "handle": []obj{basic(all)}},
		{"handle": []obj{{"handler": "reverse_proxy", "upstreams": []obj{{"dial": e.registry}},
			"headers": obj{"request": obj{"set": obj{"X-Forwarded-Proto": []string{"https"}}}}}}},
	}
	server := obj{
		"listen":                  []string{addr},
		"automatic_https":         obj{"disable": true},
		"tls_connection_policies": []obj{{"protocol_min": "tls1.2"}},
		"logs":                    obj{},
		"routes": []obj{{"match": []obj{{"path": []string{"/v2", "/v2/*"}}}, "handle": []obj{
			{"handler": "headers", "response": obj{"set": obj{"Docker-Distribution-Api-Version": []string{"registry/2.0"}}}},
			{"handler": "subroute", "routes": routes},
		}}},
	}
	file := func(name string) obj { return obj{"output": "file", "filename": filepath.Join(dir, name)} }
	return obj{
		"admin": obj{"disabled": true},
		"logging": obj{"logs": obj{
			"default": obj{"writer": file("error.log"), "level": "WARN", "exclude": []string{"http.log.access"}},
			"access":  obj{"writer": file("access.log"), "include": []string{"http.log.access"}},
		}},
		"apps": obj{
			"tls": obj{"certificates": obj{"load_files": []obj{{
				"certificate": e.auth.path("domain.crt"), "key": e.auth.path("domain.key")}}}},
			"http": obj{"servers": obj{"registry": server}},
		},
	}
}

// caddyEnv keeps Caddy's data and autosaved configuration in its directory.
func caddyEnv(dir string) []string {
	return append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir)
}

func (caddy) command(e *env) *exec.Cmd {
	dir := e.dir("caddy")
	cmd := exec.Command(caddyBin, "run", "--config", filepath.Join(dir, "caddy.json"))
	cmd.Env = caddyEnv(dir)
	return cmd
}

func (caddy) checkCommand(e *env) *exec.Cmd {
	dir := e.dir("caddy")
	cmd := exec.Command(caddyBin, "validate", "--config", filepath.Join(dir, "caddy.json"))
	cmd.Env = caddyEnv(dir)
	return cmd
}
