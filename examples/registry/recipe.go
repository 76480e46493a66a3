// Package registry holds the registry recipe's httpd.conf, unchanged, for
// programs that run the recipe away from this directory (the quick-start
// demo started with `go run` from anywhere). The other files of the
// recipe's auth directory are the user's own: certificate, key, users and
// groups; package stack makes fresh ones as the recipe's steps do.
package registry

import _ "embed" // the recipe's file, read at build time

// HTTPDConf is the recipe's auth/httpd.conf, byte for byte.
//
//go:embed httpd.conf
var HTTPDConf string
