package http1

import (
	"net/http"
	"net/url"
	"strings"
)

// TargetURL is a request-target as a URL for request mapping, which reads
// the raw path and query from it: CONNECT's authority form as a host, a
// target url.ParseRequestURI refuses kept byte for byte in RawPath, for
// the mapping to judge as Apache would.
func TargetURL(method, target string) *url.URL {
	if method == http.MethodConnect && !strings.HasPrefix(target, "/") {
		if u, err := url.Parse("http://" + target); err == nil {
			return &url.URL{Host: u.Host, Path: u.Path, RawPath: u.RawPath, RawQuery: u.RawQuery, ForceQuery: u.ForceQuery, User: u.User}
		}
		return &url.URL{Opaque: target}
	}
	if u, err := url.ParseRequestURI(target); err == nil {
		return u
	}
	path, query, hasQuery := strings.Cut(target, "?")
	return &url.URL{Path: path, RawPath: path, RawQuery: query, ForceQuery: hasQuery && query == ""}
}
