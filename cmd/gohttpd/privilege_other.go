//go:build !linux

package main

import "github.com/gohttpd/gohttpd/directives"

// heldSecrets holds nothing where there are no memory files: a TLS file
// only root may read must be readable by User for a reload to find it.
type heldSecrets struct{}

func holdSecrets(*directives.Config, *directives.Files) *heldSecrets { return &heldSecrets{} }

func (*heldSecrets) keepUnreadable(*flags, *directives.Files) {}
