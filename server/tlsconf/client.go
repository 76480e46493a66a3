package tlsconf

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/tls"
	"slices"
	"strings"
)

// chooser makes, per handshake, the two choices in which Go's crypto/tls
// and Apache's OpenSSL differ: which TLS 1.2 cipher suite, and which ALPN
// protocol when the client offers none the server prefers. It hands out
// variants of the server's configuration prepared at start.
type chooser struct {
	base     *tls.Config
	suites   []uint16 // SSLCipherSuite's order, less suites no certificate can serve
	honor    bool     // SSLHonorCipherOrder: the server's order, not the client's
	variants map[variant]*tls.Config
}

// variant names one prepared configuration: the base one offering only
// suite (0: all of them), and http/1.1 as its only ALPN protocol when
// http11 is set.
type variant struct {
	suite  uint16
	http11 bool
}

// newChooser prepares the variants of base, whose certificates, suites
// and ALPN protocols are final: the variants are copies.
func newChooser(base *tls.Config, honor bool) *chooser {
	ch := &chooser{base: base, honor: honor, variants: map[variant]*tls.Config{}}
	for _, id := range base.CipherSuites {
		if slices.ContainsFunc(base.Certificates, func(c tls.Certificate) bool { return serves(c, id) }) {
			ch.suites = append(ch.suites, id)
		}
	}
	for _, http11 := range []bool{false, true} {
		if http11 && slices.Contains(base.NextProtos, HTTP11) {
			continue // never needed: an offer of http/1.1 overlaps
		}
		for _, id := range append([]uint16{0}, ch.suites...) {
			v := base.Clone()
			v.GetConfigForClient = nil
			if id != 0 {
				v.CipherSuites = []uint16{id}
			}
			if http11 {
				v.NextProtos = []string{HTTP11}
			}
			ch.variants[variant{id, http11}] = v
		}
	}
	return ch
}

// configForClient is the server's GetConfigForClient: nil keeps the base
// configuration.
func (ch *chooser) configForClient(hello *tls.ClientHelloInfo) (*tls.Config, error) {
	v := variant{suite: ch.suite(hello), http11: ch.needsHTTP11(hello)}
	if v == (variant{}) {
		return nil, nil
	}
	return ch.variants[v], nil
}

// needsHTTP11 reports whether the client offers ALPN protocols, none the
// server speaks, but http/1.1 among them. Apache (ssl_callback_alpn_select)
// answers a list without overlap with http/1.1, its connection's protocol,
// even when Protocols leaves it out; a client that offered it accepts.
// Without http/1.1 in the offer, Apache still names http/1.1 and the client
// aborts the handshake, as RFC 7301 has it (OpenSSL and Go clients do);
// here Go refuses it first with no_application_protocol.
func (ch *chooser) needsHTTP11(hello *tls.ClientHelloInfo) bool {
	offered := hello.SupportedProtos
	if len(offered) == 0 || !slices.Contains(offered, HTTP11) {
		return false
	}
	return !slices.ContainsFunc(ch.base.NextProtos, func(p string) bool { return slices.Contains(offered, p) })
}

// suite is the TLS 1.2 (or older) suite OpenSSL would pick for the
// client: the first of the server's order the client offers with
// SSLHonorCipherOrder on, else the client's first the server allows. Go
// would pick by an order of its own, so the variant offers only it. It is
// 0 for TLS 1.3, whose suites Go chooses itself, and when there is no
// common suite, where Go fails the handshake as OpenSSL does.
func (ch *chooser) suite(hello *tls.ClientHelloInfo) uint16 {
	if ch.version(hello) >= tls.VersionTLS13 {
		return 0
	}
	usable := func(id uint16) bool { return !isECDHE(id) || ecdheOK(hello) }
	first, second := ch.suites, hello.CipherSuites
	if !ch.honor {
		first, second = second, first
	}
	for _, id := range first {
		if slices.Contains(second, id) && usable(id) {
			return id
		}
	}
	return 0
}

// version is the protocol version the handshake will use: the highest
// both sides support.
func (ch *chooser) version(hello *tls.ClientHelloInfo) uint16 {
	var best uint16
	for _, v := range hello.SupportedVersions {
		if v >= ch.base.MinVersion && v <= ch.base.MaxVersion && v > best {
			best = v
		}
	}
	return best
}

// ecdheOK reports whether the client offers an elliptic curve Go speaks
// for TLS 1.2 key exchange; without one Go skips ECDHE suites, and so does
// OpenSSL.
func ecdheOK(hello *tls.ClientHelloInfo) bool {
	return slices.ContainsFunc(hello.SupportedCurves, func(c tls.CurveID) bool {
		return c == tls.X25519 || c == tls.CurveP256 || c == tls.CurveP384 || c == tls.CurveP521
	})
}

// isECDHE reports whether the suite's key exchange is ECDHE.
func isECDHE(id uint16) bool {
	return strings.HasPrefix(tls.CipherSuiteName(id), "TLS_ECDHE_")
}

// serves reports whether cert can authenticate a TLS 1.2 handshake with
// the suite: ECDSA suites need an ECDSA or Ed25519 key, the others an RSA
// key.
func serves(cert tls.Certificate, id uint16) bool {
	signer, ok := cert.PrivateKey.(crypto.Signer)
	if !ok {
		return false
	}
	switch signer.Public().(type) {
	case *rsa.PublicKey:
		return !strings.Contains(tls.CipherSuiteName(id), "_ECDSA_")
	case *ecdsa.PublicKey, ed25519.PublicKey:
		return strings.HasPrefix(tls.CipherSuiteName(id), "TLS_ECDHE_ECDSA_")
	}
	return false
}
