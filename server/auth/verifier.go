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
	macs   sync.Pool // of hash.Hash: HMAC-SHA256 under the process key
	stats  struct{ verifications, decoys, hits atomic.Uint64 }
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
	v := &verifier{cache: newCredCache(o), slots: make(chan struct{}, runtime.NumCPU())}
	v.macs.New = func() any { return hmac.New(sha256.New, key) }
	return v
}

// check reports whether password matches user's hash in the file scope.
func (v *verifier) check(scope, user, password, hash string) bool {
	k := v.key(scope, user, password, hash)
	if v.cache != nil && v.cache.has(k) {
		v.stats.hits.Add(1)
		return true
	}
	return v.flight.do(k, func() bool {
		ok := v.verify(hash, password, &v.stats.verifications)
		if ok && v.cache != nil {
			v.cache.add(k)
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

// key is the HMAC of the credentials, each field length-prefixed so no
// two different sets of fields run together into the same input.
func (v *verifier) key(fields ...string) cacheKey {
	mac := v.macs.Get().(hash.Hash)
	mac.Reset()
	var n [8]byte
	for _, f := range fields {
		binary.BigEndian.PutUint64(n[:], uint64(len(f)))
		mac.Write(n[:])
		mac.Write([]byte(f))
	}
	var k cacheKey
	mac.Sum(k[:0])
	v.macs.Put(mac)
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
