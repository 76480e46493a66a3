package authfile

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// racyWindow is how long after its last change a file is read again on
// every Load, whatever its stat says. A filesystem stamps times from a
// clock that ticks coarsely (a few milliseconds on Linux, a second or two
// on some filesystems and network mounts), so a rewrite in place that
// keeps the size and lands in the same tick as the version read leaves
// every stat field unchanged. Past the window a change moves the times.
const racyWindow = 2 * time.Second

// Source is a file kept parsed in memory and read again only when it
// changes, so a server can consult it on every request, as Apache does,
// without reading it on every request. It is safe for concurrent use.
//
// Every Load stats the file (one system call, following symbolic links)
// and compares device, inode, size and the nanosecond modification and
// change times with the version it holds. That sees an editor's rewrite in
// place (new size or times), a file moved over the old one (new inode) and
// a Kubernetes Secret or ConfigMap update (the "..data" symbolic link is
// renamed to a new directory, so the path resolves to a new inode) on the
// very next Load, as Apache sees them on the next request. A file changed
// within racyWindow is read again on every Load, since its stat may not
// show a second change yet; the contents are compared, so an unchanged
// file keeps its parsed value. The blind spot left: a file rewritten in
// place with the same size whose clock was set back (or a network mount
// whose server clock runs more than racyWindow behind) with times restored
// exactly; on systems other than Linux, where only size and modification
// time are compared, a same-size rewrite that restores the modification
// time.
type Source[T any] struct {
	path   string
	stat   statPath // path, ready for the stat of every Load
	parse  func(data []byte) T
	window time.Duration // racyWindow; tests shorten it
	mu     sync.Mutex    // one read at a time; readers that queue share it
	cur    atomic.Pointer[snapshot[T]]
	reads  atomic.Uint64
}

// snapshot is one read of the file, or why it could not be read.
type snapshot[T any] struct {
	id     fileID
	sum    [sha256.Size]byte
	value  T
	err    error
	readAt time.Time // when the read began
	racy   bool      // the file changed within the window before readAt
}

// fileID is what a stat tells about a file's identity and version.
// Fields a system does not report stay zero.
type fileID struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds since the epoch
}

// changed is when the file last changed, as far as its times tell.
func (id fileID) changed() time.Time { return time.Unix(0, max(id.mtime, id.ctime)) }

// NewSource returns a Source for the file at path (a path on this
// machine), parsed by parse. The file is first read by the first Load.
func NewSource[T any](path string, parse func(data []byte) T) *Source[T] {
	return &Source[T]{path: path, stat: newStatPath(path), parse: parse, window: racyWindow}
}

// Load returns the parsed file as it is now: any change completed before
// Load was called is in the value. A file that cannot be read is an
// error, never the value it last had; Load tries again at the next call.
func (s *Source[T]) Load() (T, error) {
	start := time.Now()
	id, err := s.stat.stat()
	if snap := s.cur.Load(); err == nil && snap != nil && snap.err == nil && !snap.racy && snap.id == id {
		return snap.value, nil
	}
	return s.reload(start)
}

// Reads counts how often the file was read, for tests and metrics.
func (s *Source[T]) Reads() uint64 { return s.reads.Load() }

// reload reads the file, unless another caller began reading it after
// start: that read holds every change made before start.
func (s *Source[T]) reload(start time.Time) (T, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	prev := s.cur.Load()
	if prev != nil && prev.readAt.After(start) {
		return prev.value, prev.err
	}
	next := s.read(prev)
	s.cur.Store(next)
	return next.value, next.err
}

// read reads and parses the file; contents equal to prev's keep prev's
// value, so readers see one value for one version of the file.
func (s *Source[T]) read(prev *snapshot[T]) *snapshot[T] {
	readAt := time.Now()
	data, id, err := readFile(s.path)
	if err != nil {
		return &snapshot[T]{err: err, readAt: readAt}
	}
	s.reads.Add(1)
	next := &snapshot[T]{id: id, sum: sha256.Sum256(data), readAt: readAt}
	next.racy = readAt.Sub(id.changed()) < s.window
	if prev != nil && prev.err == nil && prev.sum == next.sum {
		next.value = prev.value
	} else {
		next.value = s.parse(data)
	}
	return next
}

// readFile reads the file at path with the stat of the file it opened,
// taken before reading: a change during the read moves the stat on, so
// the next Load reads again.
func readFile(path string) ([]byte, fileID, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileID{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileID{}, err
	}
	if fi.IsDir() {
		return nil, fileID{}, fmt.Errorf("read %s: is a directory", path)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fileID{}, fmt.Errorf("read %s: %w", path, err)
	}
	return data, idOfInfo(fi), nil
}
