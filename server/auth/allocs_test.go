package auth

import "testing"

// TestCheckCacheHitAllocates checks that a signed-in request whose
// credentials the cache holds is decided without allocating: what every
// request of a registry client costs. It is not parallel, since
// testing.AllocsPerRun counts the whole process's allocations.
func TestCheckCacheHitAllocates(t *testing.T) {
	checkers := map[string]*Checker{}
	for _, tc := range hotCases() {
		if tc.status != 0 && tc.req.Authorization != nil {
			continue // refusals log a reason, built per request
		}
		c := checkers[tc.conf]
		if c == nil {
			c = hotChecker(t, tc.conf)
			checkers[tc.conf] = c
		}
		if d := c.Check(tc.req); d.Status != tc.status || d.User != tc.user {
			t.Fatalf("%s: %+v, want status %d user %q", tc.name, d, tc.status, tc.user)
		}
		if n := testing.AllocsPerRun(100, func() { c.Check(tc.req) }); n != 0 {
			t.Errorf("%s: %v allocations per Check, want 0", tc.name, n)
		}
	}
}
