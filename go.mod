module github.com/gohttpd/gohttpd

go 1.26.0

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/openwall/yescrypt-go v1.0.0
	golang.org/x/crypto v0.59.0
)
