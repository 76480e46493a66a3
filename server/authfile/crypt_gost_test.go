package authfile

import (
	"encoding/hex"
	"strings"
	"testing"
)

// TestStreebog256 checks the hash against the examples of GOST R
// 34.11-2012 (RFC 6986, A.1 and A.2, bytes as libxcrypt orders them) and
// a message whose checksum addition carries.
func TestStreebog256(t *testing.T) {
	a2, _ := hex.DecodeString("d1e520e2e5f2f0e82c20d1f2f0e8e1eee6e820e2edf3f6e82c20e2e5fef2fa20f120eceef0ff20f1f2f0e5ebe0ece820ede020f5f0e0e1f0fbff20efebfaeafb20c8e3eef0e5e2fb")
	carry := strings.Repeat("\xee", 64) + "\x16" + strings.Repeat("\x11", 62) + "\x16"
	tests := []struct{ msg, want string }{
		{"012345678901234567890123456789012345678901234567890123456789012", "9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500"},
		{string(a2), "9dd2fe4e90409e5da87f53976d7405b0c0cac628fc669a741d50063c557e8f50"},
		{carry, "81bb632fa31fcc38b4c379a662dbc58b9bed83f50d3a1b2ce7271ab02d25babb"},
	}
	for _, tt := range tests {
		sum := streebog256Sum([]byte(tt.msg))
		if got := hex.EncodeToString(sum[:]); got != tt.want {
			t.Errorf("Streebog-256 of %d bytes = %s, want %s", len(tt.msg), got, tt.want)
		}
		// Written in pieces, the message hashes the same.
		s := newStreebog256()
		for i := 0; i < len(tt.msg); i += 7 {
			s.Write([]byte(tt.msg[i:min(i+7, len(tt.msg))]))
		}
		if got := hex.EncodeToString(s.Sum(nil)); got != tt.want {
			t.Errorf("Streebog-256 of %d bytes in pieces = %s, want %s", len(tt.msg), got, tt.want)
		}
	}
}
