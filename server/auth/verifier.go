package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/gohttpd/gohttpd/server/authfile"
)

// Stats counts a process's password checks.
type Stats struct {
	// Verifications counts passwords hashed against a user's line.
	Verifications uint64
	// Decoys counts passwords hashed against a decoy for unknown users.
	Decoys uint64
	// CacheHits counts passwords let in by the credential cache unhashed.
	CacheHits uint64
}

// verifier checks passwords against hashes. At most one check runs for
// the same credentials at a time (later callers wait for its answer), at
// most one per CPU runs at all, so a flood of wrong passwords queues for
// the CPUs instead of starving the rest of the server, and successes are
// remembered in the cache, whose hits take no CPU slot.
type verifier struct {
	cache  *credCache // nil when off
	slots  chan struct{}
	flight flight
	macs   chan *keyMAC // idle ones, reused
	newMAC func() *keyMAC
	stats  struct{ verifications, decoys, hits atomic.Uint64 }
}

// keyMAC is an HMAC-SHA256 under the process key with a buffer for its
// input, reused so naming a credential allocates nothing. The idle ones
// wait in a channel rather than a sync.Pool, which drops items at random
// under the race detector and so would hide allocations from the tests
// CI runs.
type keyMAC struct {
	mac hash.Hash
	buf []byte
}

// newVerifier draws the HMAC key cache entries are named under: random
// per process, so the cache holds nothing that tells a password without
// it. Whoever holds the whole process memory holds the key too, and with
// it can test guesses for cached users at HMAC speed; but such a dump
// also holds recent requests' Authorization headers, so the cache adds
// little to it.
func newVerifier(o CacheOptions) *verifier {
	key := make([]byte, 32)
	rand.Read(key) // never fails, as documented
	v := &verifier{cache: newCredCache(o), slots: make(chan struct{}, runtime.NumCPU()),
		macs: make(chan *keyMAC, 2*runtime.NumCPU())}
	v.newMAC = func() *keyMAC { return &keyMAC{mac: hmac.New(sha256.New, key)} }
	return v
}

// cached returns the user and hash the credentials named k were verified
// against, if the cache holds them.
func (v *verifier) cached(k cacheKey) (user, hash string, ok bool) {
	if v.cache == nil {
		return "", "", false
	}
	return v.cache.get(k)
}

// check reports whether password matches user's hash, for the
// credentials named k; a success is cached under k.
func (v *verifier) check(k cacheKey, user, password, hash string) bool {
	// Callers with the same credentials share one check only while the
	// user's line holds the same hash.
	once := v.key(string(k[:]), hash)
	return v.flight.do(once, func() bool {
		ok := v.verify(hash, password, &v.stats.verifications)
		if ok && v.cache != nil {
			v.cache.add(k, user, hash)
		}
		return ok
	})
}

// decoy checks password against an unknown user's decoy hash, taking the
// time a wrong password takes, and ignores the answer.
func (v *verifier) decoy(hash, password string) {
	if hash != "" {
		v.verify(hash, password, &v.stats.decoys)
	}
}

// verify hashes in one of the CPU slots, counting the work in n.
func (v *verifier) verify(hash, password string, n *atomic.Uint64) bool {
	v.slots <- struct{}{}
	defer func() { <-v.slots }()
	n.Add(1)
	return authfile.Verify(hash, password)
}

// key is the HMAC of fields, each length-prefixed so no two different
// sets of fields run together into the same input. It allocates nothing
// once an idle keyMAC waits: it runs on every signed-in request.
func (v *verifier) key(fields ...string) cacheKey {
	var m *keyMAC
	select {
	case m = <-v.macs:
	default:
		m = v.newMAC()
	}
	m.buf = m.buf[:0]
	for _, f := range fields {
		m.buf = binary.BigEndian.AppendUint64(m.buf, uint64(len(f)))
		m.buf = append(m.buf, f...)
	}
	m.mac.Reset()
	m.mac.Write(m.buf)
	m.buf = m.mac.Sum(m.buf[:0])
	var k cacheKey
	copy(k[:], m.buf)
	select {
	case v.macs <- m:
	default: // enough are idle already
	}
	return k
}

// flight runs one function per key at a time and gives its answer to
// every caller that came while it ran (a small singleflight).
type flight struct {
	mu    sync.Mutex
	calls map[cacheKey]*flightCall
}

type flightCall struct {
	done chan struct{}
	ok   bool
}

// do runs fn for k, or waits for the run already under way for k.
func (f *flight) do(k cacheKey, fn func() bool) bool {
	f.mu.Lock()
	if c, ok := f.calls[k]; ok {
		f.mu.Unlock()
		<-c.done
		return c.ok
	}
	if f.calls == nil {
		f.calls = map[cacheKey]*flightCall{}
	}
	c := &flightCall{done: make(chan struct{})}
	f.calls[k] = c
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.calls, k)
		f.mu.Unlock()
		close(c.done)
	}()
	c.ok = fn()
	return c.ok
}
