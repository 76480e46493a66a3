// Package proxy is mod_proxy_http's handler: it forwards a request that
// ProxyPass mapped to its backend over HTTP/1.1, as Apache 2.4 writes it,
// and streams the backend's answer back to the client.
//
// It speaks HTTP/1.1 to backends itself rather than through net/http's
// Transport, because Apache's wire behaviour needs what the Transport
// hides: the request-target byte for byte, Host first and no headers of
// its own, the backend's header lines in their order, and the request
// body framed as mod_proxy_http frames it (small bodies with a
// Content-Length, larger chunked uploads chunked).
//
// The request walks these steps, each in its own file: the outgoing head
// (outbound.go), the request body's framing (reqbody.go), a pooled
// keep-alive connection (pool.go), the backend's answer (response.go),
// ProxyPassReverse (reverse.go) and the streamed copy to the client
// (stream.go).
package proxy
