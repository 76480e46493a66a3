module github.com/gohttpd/gohttpd

go 1.26
