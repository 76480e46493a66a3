package auth

import (
	"container/list"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The credential cache's defaults.
const (
	DefaultCacheTTL  = 5 * time.Minute
	DefaultCacheSize = 10000
)

// CacheOptions configures the credential cache, which Apache does not
// have: a user whose password was verified is let in without hashing it
// again until the user's line in the file changes or TTL passes. Only
// successes are kept; the least recently used entry goes first when Size
// entries are held.
type CacheOptions struct {
	TTL  time.Duration // how long a success counts; 0: DefaultCacheTTL
	Size int           // entries held at most; 0: DefaultCacheSize
	Off  bool          // verify every request's password, as Apache does
}

// ParseCacheOptions reads the value of gohttpd's --auth-cache flag, a
// setting Apache configs never hold. "off" turns the cache off and "on"
// (or "") keeps the defaults; otherwise the value is a comma-separated
// list of "ttl=DURATION" (Go's duration syntax, as "90s" or "5m") and
// "size=ENTRIES", each more than zero: "ttl=5m,size=10000" is the
// default.
func ParseCacheOptions(s string) (CacheOptions, error) {
	switch strings.TrimSpace(s) {
	case "", "on":
		return CacheOptions{}, nil
	case "off":
		return CacheOptions{Off: true}, nil
	}
	var o CacheOptions
	for _, item := range strings.Split(s, ",") {
		name, value, _ := strings.Cut(strings.TrimSpace(item), "=")
		switch name {
		case "ttl":
			d, err := time.ParseDuration(value)
			if err != nil || d <= 0 {
				return CacheOptions{}, fmt.Errorf("--auth-cache %q: ttl=%q: want a duration above zero, as 5m", s, value)
			}
			o.TTL = d
		case "size":
			n, err := strconv.Atoi(value)
			if err != nil || n <= 0 {
				return CacheOptions{}, fmt.Errorf("--auth-cache %q: size=%q: want a number of entries above zero", s, value)
			}
			o.Size = n
		default:
			return CacheOptions{}, fmt.Errorf("--auth-cache %q: want off, on, or ttl=DURATION,size=ENTRIES", s)
		}
	}
	return o, nil
}

// cacheKey names a verified credential: an HMAC of the password file and
// the Authorization header, so the cache holds no password (see
// verifier.key).
type cacheKey [32]byte

// credCache is a bounded set of verified credentials, least recently
// used first out, each valid for ttl. It is safe for concurrent use.
type credCache struct {
	ttl  time.Duration
	size int
	now  func() time.Time // the clock; tests move it

	mu      sync.Mutex
	order   *list.List // of *cacheEntry, most recently used first
	entries map[cacheKey]*list.Element
}

// cacheEntry is a verified credential: the user it names, and the hash
// of the user's line it was verified against, which must still be the
// line's for the entry to count.
type cacheEntry struct {
	key        cacheKey
	user, hash string
	expires    time.Time
}

// newCredCache returns the cache o asks for, or nil when it is off.
func newCredCache(o CacheOptions) *credCache {
	if o.Off {
		return nil
	}
	c := &credCache{ttl: o.TTL, size: o.Size, now: time.Now, order: list.New(), entries: map[cacheKey]*list.Element{}}
	if c.ttl <= 0 {
		c.ttl = DefaultCacheTTL
	}
	if c.size <= 0 {
		c.size = DefaultCacheSize
	}
	return c
}

// get returns the user and hash k was verified for within the ttl, and
// marks it used.
func (c *credCache) get(k cacheKey) (user, hash string, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return "", "", false
	}
	e := el.Value.(*cacheEntry)
	if !c.now().Before(e.expires) {
		c.order.Remove(el)
		delete(c.entries, k)
		return "", "", false
	}
	c.order.MoveToFront(el)
	return e.user, e.hash, true
}

// add records k as verified now for user against hash, dropping the
// least recently used entry when full.
func (c *credCache) add(k cacheKey, user, hash string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	expires := c.now().Add(c.ttl)
	if el, ok := c.entries[k]; ok {
		e := el.Value.(*cacheEntry)
		e.user, e.hash, e.expires = user, hash, expires
		c.order.MoveToFront(el)
		return
	}
	c.entries[k] = c.order.PushFront(&cacheEntry{key: k, user: user, hash: hash, expires: expires})
	if c.order.Len() > c.size {
		oldest := c.order.Back()
		c.order.Remove(oldest)
		delete(c.entries, oldest.Value.(*cacheEntry).key)
	}
}

// len is the number of entries held, expired or not.
func (c *credCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}
