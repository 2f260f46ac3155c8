package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// content is the test file: 200 000 bytes from a fixed seed, framed as a pickle
// (PROTO 4 header, STOP opcode at the end).
func content() []byte { return contentSeed(1) }

// contentSeed is content with other bytes inside.
func contentSeed(seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, 2))
	b := make([]byte, 200_000)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	b[0], b[1], b[len(b)-1] = 0x80, 4, '.'
	return b
}

// recorder counts requests and remembers their Range headers.
type recorder struct {
	mu     sync.Mutex
	ranges []string
}

func (r *recorder) record(req *http.Request) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.ranges = append(r.ranges, req.Header.Get("Range"))
	return len(r.ranges)
}

func (r *recorder) get() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.ranges...)
}

// serve serves data with net/http's Range and If-Range support (206, Content-Range,
// 416) and the ETag "v1".
func serve(data []byte) http.HandlerFunc { return serveVersion(data, `"v1"`) }

// serveVersion serves data as serve does, with the given ETag.
func serveVersion(data []byte, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("ETag", etag)
		http.ServeContent(w, req, "f.pickle", time.Time{}, bytes.NewReader(data))
	}
}

// writePart writes a .part file of a download of dest and its validator.
func writePart(t *testing.T, dest string, b []byte, validator string) {
	t.Helper()
	if err := os.WriteFile(dest+".part", b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(validatorPath(dest+".part"), []byte(validator), 0o644); err != nil {
		t.Fatal(err)
	}
}

func testFetcher(progress *bytes.Buffer) *fetcher {
	f := newFetcher(nil, false)
	if progress != nil {
		f.progress = progress
	}
	return f
}

func newServer(t *testing.T, rec *recorder, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		rec.record(req)
		h(w, req)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func checkFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: %d bytes, differ from the %d served", path, len(got), len(want))
	}
	if _, err := os.Stat(path + ".part"); !os.IsNotExist(err) {
		t.Errorf("%s.part still exists (err %v)", path, err)
	}
}

func checkAbsent(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists, want none (err %v)", p, err)
		}
	}
}

func TestFetchFull(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dest := filepath.Join(t.TempDir(), "f.pickle")
	var progress bytes.Buffer
	st, err := testFetcher(&progress).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err != nil {
		t.Fatal(err)
	}
	if st != downloaded {
		t.Errorf("status %v, want %v", st, downloaded)
	}
	checkFile(t, dest, data)
	if r := rec.get(); len(r) != 1 || r[0] != "" {
		t.Errorf("requests with Range %q, want one without Range", r)
	}
	lines := strings.Split(strings.TrimSpace(progress.String()), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "100.0%") || !strings.Contains(last, "0.2/0.2 MB") || !strings.Contains(last, "MB/s") {
		t.Errorf("last progress line %q, want 100.0%%, 0.2/0.2 MB and a rate", last)
	}
	if len(lines) > 11 {
		t.Errorf("%d progress lines without a terminal, want at most 11", len(lines))
	}

	// A second call finds the file complete and makes no request.
	st, err = testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err != nil || st != skipped {
		t.Errorf("second fetch: %v, %v; want %v, nil", st, err, skipped)
	}
	if n := len(rec.get()); n != 1 {
		t.Errorf("%d requests after the second fetch, want 1", n)
	}
}

func TestFetchResume(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dest := filepath.Join(t.TempDir(), "f.pickle")
	writePart(t, dest, data[:70_001], `"v1"`)
	st, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err != nil {
		t.Fatal(err)
	}
	if st != resumed {
		t.Errorf("status %v, want %v", st, resumed)
	}
	checkFile(t, dest, data)
	if r := rec.get(); len(r) != 1 || r[0] != "bytes=70001-" {
		t.Errorf("requests with Range %q, want one with bytes=70001-", r)
	}
}

func TestFetchServerIgnoresRange(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.Write(data) // always 200 with the whole file
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	// A .part that is not a prefix of the file: it must be overwritten, not appended to.
	writePart(t, dest, bytes.Repeat([]byte{0xAA}, 123_456), `"v0"`)
	var progress bytes.Buffer
	st, err := testFetcher(&progress).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err != nil {
		t.Fatal(err)
	}
	if st != downloaded {
		t.Errorf("status %v, want %v (restarted from 0)", st, downloaded)
	}
	checkFile(t, dest, data)
	if r := rec.get(); len(r) != 1 || r[0] != "bytes=123456-" {
		t.Errorf("requests with Range %q, want one with bytes=123456-", r)
	}
	if !strings.Contains(progress.String(), "starting again from 0") {
		t.Errorf("progress output %q does not say the file restarts", progress.String())
	}
}

func TestFetchSizeMismatch(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		// Announces a 1 000 000-byte file but sends the first 200 000 bytes as if complete.
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 0-%d/1000000", len(data)-1))
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(data)
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	_, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("size mismatch: received %d bytes, server announced 1000000", len(data))) {
		t.Fatalf("error %v, want a size mismatch of %d against 1000000 bytes", err, len(data))
	}
	checkAbsent(t, dest, dest+".part")
}

func TestFetchBadContentRange(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		// Answers a resume from 1000 with bytes from 0.
		w.Header().Set("Content-Range", fmt.Sprintf("bytes 0-%d/%d", len(data)-1, len(data)))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(data)
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	writePart(t, dest, data[:1000], `"v1"`)
	_, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err == nil || !strings.Contains(err.Error(), "starts at 0, asked for 1000") {
		t.Fatalf("error %v, want a bad partial response", err)
	}
	checkAbsent(t, dest, dest+".part")
}

func TestFetchPartAlreadyComplete(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dest := filepath.Join(t.TempDir(), "f.pickle")
	writePart(t, dest, data, `"v1"`)
	// The server answers 416 "bytes */200000": the .part is the whole file.
	if _, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
		t.Fatal(err)
	}
	checkFile(t, dest, data)
}

func TestFetchPartTooLong(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dest := filepath.Join(t.TempDir(), "f.pickle")
	writePart(t, dest, append(content(), 1, 2, 3), `"v1"`)
	// 416, then the .part is removed and the file fetched again from the start.
	if _, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
		t.Fatal(err)
	}
	checkFile(t, dest, data)
	if r := rec.get(); len(r) != 2 || r[1] != "" {
		t.Errorf("requests with Range %q, want a second one without Range", r)
	}
}

func TestFetchInterruptedThenResumed(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		if len(rec.get()) == 1 {
			// First request: half the file, then the connection drops.
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Length", fmt.Sprint(len(data)))
			w.Write(data[:len(data)/2])
			w.(http.Flusher).Flush()
			panic(http.ErrAbortHandler)
		}
		serve(data)(w, req)
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	var progress bytes.Buffer
	if _, err := testFetcher(&progress).fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
		t.Fatal(err)
	}
	checkFile(t, dest, data)
	r := rec.get()
	if len(r) != 2 || r[0] != "" || !strings.HasPrefix(r[1], "bytes=") || r[1] == "bytes=0-" {
		t.Errorf("requests with Range %q, want a full one then a resume", r)
	}
	if !strings.Contains(progress.String(), "trying again") {
		t.Errorf("progress output %q does not mention trying again", progress.String())
	}
}

func TestFetchInterruptedKeepsPart(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		w.Write(data[:1000])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	f := testFetcher(nil)
	f.retries = 0
	_, err := f.fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("error %v, want an interrupted transfer", err)
	}
	checkAbsent(t, dest)
	part, err := os.ReadFile(dest + ".part")
	if err != nil || !bytes.Equal(part, data[:1000]) {
		t.Errorf(".part has %d bytes (err %v), want the 1000 received", len(part), err)
	}
}

func TestFetchStalled(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		if len(rec.get()) == 1 {
			// First request: some bytes, then nothing until the client gives up.
			w.Header().Set("ETag", `"v1"`)
			w.Header().Set("Content-Length", fmt.Sprint(len(data)))
			w.Write(data[:5000])
			w.(http.Flusher).Flush()
			<-req.Context().Done()
			return
		}
		serve(data)(w, req)
	})
	dest := filepath.Join(t.TempDir(), "f.pickle")
	f := testFetcher(nil)
	f.stall = 200 * time.Millisecond
	f.retries = 10 // a loaded machine may stall the second transfer too; it resumes again
	var progress bytes.Buffer
	f.progress = &progress
	if _, err := f.fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(progress.String(), "nothing received for 200ms") {
		t.Errorf("progress %q does not say the transfer stalled", progress.String())
	}
	checkFile(t, dest, data)
	if r := rec.get(); len(r) < 2 || r[1] != "bytes=5000-" {
		t.Errorf("requests with Range %q, want a resume from 5000", r)
	}
}

func TestFetchNotFound(t *testing.T) {
	var rec recorder
	srv := newServer(t, &rec, http.NotFound)
	dest := filepath.Join(t.TempDir(), "f.pickle")
	_, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err == nil || !strings.Contains(err.Error(), "404") || errors.Is(err, errNoNetwork) {
		t.Fatalf("error %v, want a 404 error", err)
	}
	checkAbsent(t, dest, dest+".part")
}

// closedAddr returns a local address where nothing listens.
func closedAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func TestFetchUnreachable(t *testing.T) {
	addr := closedAddr(t)
	dest := filepath.Join(t.TempDir(), "f.pickle")
	_, err := testFetcher(nil).fetch(context.Background(), "http://"+addr+"/f.pickle", dest)
	if !errors.Is(err, errNoNetwork) {
		t.Fatalf("error %v, want errNoNetwork", err)
	}
	if !strings.Contains(err.Error(), "cannot reach "+addr) {
		t.Errorf("error %q does not name the host", err)
	}
	checkAbsent(t, dest, dest+".part")
}

func TestRunUnreachable(t *testing.T) {
	dir := t.TempDir()
	err := run(context.Background(), io.Discard, false, dir, "http://"+closedAddr(t)+"/bucket/", "hd_stats,parameters")
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "no network access") || !strings.Contains(msg, "go run ./scripts/synth") {
		t.Errorf("message %q, want one line naming the network and the synthetic data", msg)
	}
	checkAbsent(t, filepath.Join(dir, "real", "hd_stats.pickle"), filepath.Join(dir, "real", "hd_stats.pickle.part"))
}

func TestRunFiles(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path != "/bucket/hd_stats.pickle" && req.URL.Path != "/bucket/parameters.pickle" {
			http.NotFound(w, req)
			return
		}
		serve(data)(w, req)
	})
	dir := t.TempDir()
	if err := run(context.Background(), io.Discard, false, dir, srv.URL+"/bucket/", "hd_stats, parameters.pickle"); err != nil {
		t.Fatal(err)
	}
	checkFile(t, filepath.Join(dir, "real", "hd_stats.pickle"), data)
	checkFile(t, filepath.Join(dir, "real", "parameters.pickle"), data)
	if err := run(context.Background(), io.Discard, false, dir, srv.URL+"/bucket", "trajectories"); err == nil || !strings.Contains(err.Error(), "trajectories") {
		t.Errorf("error %v, want a failure naming trajectories", err)
	}
	if err := run(context.Background(), io.Discard, false, dir, srv.URL, "../x"); err == nil {
		t.Error("no error for a file name with a slash")
	}
}

func TestIsNoNetwork(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&net.DNSError{Err: "no such host", Name: "storage.googleapis.com", IsNotFound: true}, true},
		{fmt.Errorf("wrapped: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: network is unreachable")}), true},
		{&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}, false},
		{errors.New("unexpected EOF"), false},
	} {
		if got := isNoNetwork(tc.err); got != tc.want {
			t.Errorf("isNoNetwork(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestParseContentRange(t *testing.T) {
	for _, tc := range []struct {
		in                 string
		first, last, total int64
		ok                 bool
	}{
		{"bytes 0-499/1000", 0, 499, 1000, true},
		{"bytes 500-999/1000", 500, 999, 1000, true},
		{"bytes 500-999/*", 500, 999, -1, true},
		{"bytes */1000", -1, -1, 1000, true},
		{"bytes 500-1000/1000", 0, 0, 0, false},
		{"bytes 9-3/1000", 0, 0, 0, false},
		{"items 0-1/2", 0, 0, 0, false},
		{"bytes 0-1", 0, 0, 0, false},
		{"", 0, 0, 0, false},
	} {
		first, last, total, err := parseContentRange(tc.in)
		if (err == nil) != tc.ok || (tc.ok && (first != tc.first || last != tc.last || total != tc.total)) {
			t.Errorf("parseContentRange(%q) = %d, %d, %d, %v; want %d, %d, %d, ok %v",
				tc.in, first, last, total, err, tc.first, tc.last, tc.total, tc.ok)
		}
	}
}

func TestBarLine(t *testing.T) {
	b := newBar(io.Discard, false, "x.pickle", 0, 1000)
	b.Write(make([]byte, 481))
	line := b.line(b.t0)
	if !strings.HasPrefix(line, "x.pickle [===========>            ]  48.1%  0.0/0.0 MB") {
		t.Errorf("line %q", line)
	}
	u := newBar(io.Discard, false, "y.pickle", 0, -1)
	u.Write(make([]byte, 2_500_000))
	if line := u.line(u.t0); !strings.HasPrefix(line, "y.pickle  2.5 MB") {
		t.Errorf("unknown size: line %q", line)
	}
}
