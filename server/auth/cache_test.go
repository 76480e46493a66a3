package auth

import (
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// cacheWorld is the recipe's files and a Checker of its /v2 in an Env
// with the cache o asks for.
func cacheWorld(t *testing.T, o CacheOptions) (*world, *Env, *Checker) {
	t.Helper()
	w := newWorld(t, recipe)
	env := NewEnv(nil, o)
	c, err := New(w.dirFor("/v2"), env)
	must(t, err)
	return w, env, c
}

// get asks c for GET /v2/ with the credentials, which must be decided
// want (0: let in).
func get(t *testing.T, c *Checker, userpass string, want int) {
	t.Helper()
	if o := ask(c, probe{method: "GET", path: "/v2/", auth: []string{basic(userpass)}}); o.status != want {
		t.Errorf("GET as %s: %d, want %d", userpass, o.status, want)
	}
}

// wantStats checks the counts of verifications and cache hits so far.
func wantStats(t *testing.T, env *Env, verifications, hits uint64) {
	t.Helper()
	if s := env.Stats(); s.Verifications != verifications || s.CacheHits != hits {
		t.Errorf("%d verifications and %d cache hits, want %d and %d", s.Verifications, s.CacheHits, verifications, hits)
	}
}

func TestCacheHit(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{})
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 1, 0)
	get(t, c, "testuser:testpassword", 0)
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 1, 2)
	// Another user, and a wrong password for a cached user, are hashed.
	get(t, c, "testuserpush:testpasswordpush", 0)
	get(t, c, "testuser:testpassword2", 401)
	wantStats(t, env, 3, 2)
}

func TestCacheOff(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{Off: true})
	for range 3 {
		get(t, c, "testuser:testpassword", 0)
	}
	wantStats(t, env, 3, 0)
}

func TestCacheKeepsNoFailure(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{})
	for range 3 {
		get(t, c, "testuser:wrong", 401)
	}
	wantStats(t, env, 3, 0)
	if n := env.verifier.cache.len(); n != 0 {
		t.Errorf("%d entries after failures only", n)
	}
}

// TestCacheFileChange checks that an entry holds only while the user's
// line does: a new hash of the same password is verified again, and a
// new password ends the old one at once.
func TestCacheFileChange(t *testing.T) {
	t.Parallel()
	w, env, c := cacheWorld(t, CacheOptions{})
	htpasswd := filepath.Join(w.root, "htpasswd")
	get(t, c, "testuser:testpassword", 0)
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 1, 1)
	writeFile(t, htpasswd, htpasswdLine(t, "testuser", "testpassword"))
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 2, 1)
	writeFile(t, htpasswd, htpasswdLine(t, "testuser", "other"))
	get(t, c, "testuser:testpassword", 401)
	get(t, c, "testuser:other", 0)
	wantStats(t, env, 4, 1)
	writeFile(t, htpasswd, "")
	get(t, c, "testuser:other", 401)
	wantStats(t, env, 4, 1)
}

func TestCacheTTL(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{TTL: time.Minute})
	now := time.Now()
	var mu sync.Mutex
	env.verifier.cache.now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	get(t, c, "testuser:testpassword", 0)
	advance(time.Minute - time.Second)
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 1, 1)
	advance(time.Second)
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 2, 1)
	get(t, c, "testuser:testpassword", 0)
	wantStats(t, env, 2, 2)
}

func TestCacheLRU(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{Size: 2})
	get(t, c, "testuser:testpassword", 0)
	get(t, c, "testuserpush:testpasswordpush", 0)
	get(t, c, "url:a?>b", 0) // the reader, least recently used, goes
	wantStats(t, env, 3, 0)
	get(t, c, "testuserpush:testpasswordpush", 0)
	wantStats(t, env, 3, 1)
	get(t, c, "testuser:testpassword", 0) // verified again; "url" goes
	wantStats(t, env, 4, 1)
	get(t, c, "testuserpush:testpasswordpush", 0)
	wantStats(t, env, 4, 2)
	get(t, c, "url:a?>b", 0)
	wantStats(t, env, 5, 2)
	if n := env.verifier.cache.len(); n != 2 {
		t.Errorf("%d entries, want the bound, 2", n)
	}
}

// TestCacheSingleflight sends the same credentials many times at once:
// one verification answers them all.
func TestCacheSingleflight(t *testing.T) {
	t.Parallel()
	w, env, c := cacheWorld(t, CacheOptions{})
	// A slower hash keeps the first check running while the others come.
	writeFile(t, filepath.Join(w.root, "htpasswd"), slowLine(t, "testuser", "testpassword"))
	const n = 32
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			get(t, c, "testuser:testpassword", 0)
		}()
	}
	close(start)
	wg.Wait()
	if s := env.Stats(); s.Verifications != 1 {
		t.Errorf("%d concurrent identical checks made %d verifications, want 1", n, s.Verifications)
	}
}

// TestCacheHitsTakeNoSlot fills every CPU slot, as a flood of wrong
// passwords would, and checks that a cached user still gets in.
func TestCacheHitsTakeNoSlot(t *testing.T) {
	t.Parallel()
	_, env, c := cacheWorld(t, CacheOptions{})
	get(t, c, "testuser:testpassword", 0)
	slots := env.verifier.slots
	for range cap(slots) {
		slots <- struct{}{}
	}
	defer func() {
		for range cap(slots) {
			<-slots
		}
	}()
	done := make(chan struct{})
	go func() {
		get(t, c, "testuser:testpassword", 0)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a cached user waited for a CPU slot")
	}
}

func TestParseCacheOptions(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]CacheOptions{
		"":                   {},
		"on":                 {},
		"off":                {Off: true},
		"ttl=5m,size=10000":  {TTL: 5 * time.Minute, Size: 10000},
		"size=3":             {Size: 3},
		" ttl=90s ":          {TTL: 90 * time.Second},
		"ttl=1h30m, size=20": {TTL: 90 * time.Minute, Size: 20},
	} {
		got, err := ParseCacheOptions(in)
		if err != nil || got != want {
			t.Errorf("ParseCacheOptions(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, in := range []string{"ttl=0", "ttl=-1s", "ttl=5", "size=0", "size=-2", "size=x", "of", "off,ttl=1m", "ttl", "TTL=5m"} {
		if got, err := ParseCacheOptions(in); err == nil {
			t.Errorf("ParseCacheOptions(%q) = %+v, want an error", in, got)
		}
	}
}
