package http1

import (
	"bufio"
	"errors"
	"io"
	"testing"
	"time"
)

// TestBodyReady checks that Ready says a read would return data at once
// exactly when the bytes that have arrived hold some: framing alone (a
// chunk's CRLF, a size line, the last chunk) is not enough, since a read
// would then wait for the client.
func TestBodyReady(t *testing.T) {
	for _, c := range []struct {
		name    string
		chunked bool
		arrived string // all the client has sent so far
		consume int    // body bytes read before asking
		more    bool   // the connection has more to read at once
		want    bool
	}{
		{"first chunk buffered", true, "3\r\nabc", 0, false, true},
		{"first size line alone", true, "3\r\n", 0, false, false},
		{"chunk's end alone", true, "5\r\nhello\r\n", 5, false, false},
		{"next size line alone", true, "5\r\nhello\r\n3\r\n", 5, false, false},
		{"next chunk's data", true, "5\r\nhello\r\n3\r\nab", 5, false, true},
		{"next chunk with extension", true, "5\r\nhello\r\n3;x=y\r\nab", 5, false, true},
		{"last chunk", true, "5\r\nhello\r\n0\r\n\r\n", 5, false, false},
		{"inside a chunk, nothing buffered", true, "5\r\nhel", 3, false, false},
		{"inside a chunk, the socket has more", true, "5\r\nhel", 3, true, true},
		{"inside a chunk, buffered", true, "5\r\nhello", 2, false, true},
		{"length, buffered", false, "abc", 1, false, true},
		{"length, nothing buffered", false, "abc", 3, false, false},
		{"length, the socket has more", false, "abc", 3, true, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			pr, pw := io.Pipe()
			t.Cleanup(func() { pw.Close() })
			go pw.Write([]byte(c.arrived)) // then the client sends nothing more
			br := bufio.NewReader(pr)
			b := &Body{br: br, chunked: c.chunked, left: -1, lim: Limits{FieldSize: 100}}
			if !c.chunked {
				b.left = 10
			}
			if c.consume > 0 {
				if _, err := io.ReadFull(b, make([]byte, c.consume)); err != nil {
					t.Fatal(err)
				}
			} else if _, err := br.Peek(len(c.arrived)); err != nil {
				t.Fatal(err)
			}
			got := b.Ready(func() bool { return c.more })
			if got != c.want {
				t.Fatalf("Ready = %v, want %v", got, c.want)
			}
			if got && !c.more {
				// It said data waits: a read must return it at once.
				done := make(chan int)
				go func() { n, _ := b.Read(make([]byte, 64)); done <- n }()
				select {
				case n := <-done:
					if n == 0 {
						t.Fatal("the read returned no data")
					}
				case <-time.After(5 * time.Second):
					t.Fatal("the read waited for the client")
				}
			}
		})
	}
}

// errStall is a client that has sent nothing more yet.
var errStall = errors.New("the client has sent nothing more")

// stallReader gives what the client has sent, then errStall where a
// real connection would wait.
type stallReader struct{ data string }

func (r *stallReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errStall
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// FuzzBodyReady reads a chunked body of which only a prefix has arrived,
// asking Ready before every read: whenever it says data is there, the
// read must not need more from the client.
func FuzzBodyReady(f *testing.F) {
	f.Add("5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n", 12, 7)
	f.Add("3;x=y\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\nT: v\r\n\r\n", 20, 3)
	f.Add("1\r\na\r\n1\r\n", 9, 16)
	f.Fuzz(func(t *testing.T, stream string, cut, size int) {
		if cut < 0 || cut > len(stream) || size < 1 || size > 64 {
			return
		}
		br := bufio.NewReaderSize(&stallReader{data: stream[:cut]}, 16)
		b := &Body{br: br, chunked: true, left: -1, lim: Limits{FieldSize: 100}}
		buf := make([]byte, size)
		for {
			ready := b.Ready(func() bool { return false })
			n, err := b.Read(buf)
			if ready && errors.Is(err, errStall) {
				t.Fatalf("Ready said data waits, but the read needed more from the client (%d bytes read, %d of %q arrived)", n, cut, stream)
			}
			if err != nil {
				return
			}
		}
	})
}
