package status

import "testing"

// The expected strings are what APR's apr_snprintf writes for "%g" and
// "%.3g" (the formatter Apache's ap_rprintf uses), taken from libapr-1.
func TestAprG(t *testing.T) {
	t.Parallel()
	cases := []struct {
		v      float64
		g, g3  string
		f1, f2 string
	}{
		{0, "0", "0", "0.0", "0.00"},
		{0.5, ".5", ".5", "0.5", "0.50"},
		{2.0 / 3, ".666667", ".667", "0.7", "0.67"},
		{1, "1", "1", "1.0", "1.00"},
		{100, "100", "100", "100.0", "100.00"},
		{1234567, "1234570", "1230000", "1234567.0", "1234567.00"},
		{1e7, "1.e+7", "1.e+7", "10000000.0", "10000000.00"},
		{12345678, "12345700", "1.23e+7", "12345678.0", "12345678.00"},
		{0.0001, ".0001", ".0001", "0.0", "0.00"},
		{0.00001, "1.e-5", "1.e-5", "0.0", "0.00"},
		{0.01, ".01", ".01", "0.0", "0.01"},
		{123.456, "123.456", "123", "123.5", "123.46"},
		{1e-10, "1.e-10", "1.e-10", "0.0", "0.00"},
		{0.03, ".03", ".03", "0.0", "0.03"},
		{3.0 / 7 * 100, "42.8571", "42.9", "42.9", "42.86"},
		{1e21, "1.e+21", "1.e+21", "1000000000000000000000.0", "1000000000000000000000.00"},
	}
	for _, c := range cases {
		if got := aprG(c.v, 6); got != c.g {
			t.Errorf("%%g of %v = %q, want %q", c.v, got, c.g)
		}
		if got := aprG(c.v, 3); got != c.g3 {
			t.Errorf("%%.3g of %v = %q, want %q", c.v, got, c.g3)
		}
		if got := fixed(c.v, 1); got != c.f1 {
			t.Errorf("%%.1f of %v = %q, want %q", c.v, got, c.f1)
		}
		if got := fixed(c.v, 2); got != c.f2 {
			t.Errorf("%%.2f of %v = %q, want %q", c.v, got, c.f2)
		}
	}
	if got := aprG(-0.25, 6); got != "-.25" {
		t.Errorf("%%g of -0.25 = %q", got)
	}
}

func TestSizes(t *testing.T) {
	t.Parallel()
	bytes := map[int64]string{
		0: "0 B", 5119: "5119 B", 5120: "5.0 kB", 1024*511 + 512: "511.5 kB",
		512 * 1024: "0.5 MB", 3 << 29: "1.5 GB",
	}
	for n, want := range bytes {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
	kbytes := map[uint64]string{0: "0 kB", 1023: "1023 kB", 1536: "1.5 MB", 3 << 19: "1.5 GB"}
	for n, want := range kbytes {
		if got := kbyteSize(n); got != want {
			t.Errorf("kbyteSize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestUpTime(t *testing.T) {
	t.Parallel()
	cases := map[int64]string{
		0:                      "",
		1:                      " 1 second",
		61:                     " 1 minute 1 second",
		3600:                   " 1 hour",
		2*86400 + 2*3600 + 120: " 2 days 2 hours 2 minutes",
	}
	for secs, want := range cases {
		if got := upTime(secs); got != want {
			t.Errorf("upTime(%d) = %q, want %q", secs, got, want)
		}
	}
}
