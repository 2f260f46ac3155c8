package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The cases of issue 8: a server that cuts a file short, changes it, or
// answers with an error page never yields a complete file.

func TestFetchHTMLPageRefused(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><body>Quota exceeded</body></html>")
	for name, h := range map[string]http.HandlerFunc{
		"200 text/html": func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		},
		"200 octet-stream": func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Write(page)
		},
		"empty 200": func(w http.ResponseWriter, req *http.Request) {},
		"one byte": func(w http.ResponseWriter, req *http.Request) {
			w.Write([]byte{0x80})
		},
	} {
		t.Run(name, func(t *testing.T) {
			var rec recorder
			srv := newServer(t, &rec, h)
			dir := t.TempDir()
			var out bytes.Buffer
			err := run(context.Background(), &out, false, dir, srv.URL, "hd_stats")
			dest := filepath.Join(dir, "real", "hd_stats.pickle")
			if err == nil || !strings.Contains(out.String(), "not a pickle") || !strings.Contains(out.String(), dest) {
				t.Errorf("err %v, output %q: want a failure saying %s is not a pickle", err, out.String(), dest)
			}
			checkAbsent(t, dest, dest+".part")
			// Nothing is skipped on the next run either.
			out.Reset()
			if err := run(context.Background(), &out, false, dir, srv.URL, "hd_stats"); err == nil || strings.Contains(out.String(), "skipped") {
				t.Errorf("second run: err %v, output %q", err, out.String())
			}
		})
	}
}

func TestFetchNotAWholePickle(t *testing.T) {
	// The right length, a pickle header, but no STOP opcode at the end.
	data := content()
	data[len(data)-1] = 'x'
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dest := filepath.Join(t.TempDir(), "f.pickle")
	_, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if !errors.Is(err, errNotPickle) || !strings.Contains(err.Error(), "STOP") {
		t.Fatalf("error %v, want not a pickle (no STOP)", err)
	}
	checkAbsent(t, dest, dest+".part", dest+".part.validator")
}

func TestFetchReplacesBrokenDest(t *testing.T) {
	// A file left in place by an older download: an HTML page, or a prefix.
	data := content()
	for name, old := range map[string][]byte{
		"html page": []byte("<html>error</html>"),
		"prefix":    data[:1000],
	} {
		t.Run(name, func(t *testing.T) {
			var rec recorder
			srv := newServer(t, &rec, serve(data))
			dest := filepath.Join(t.TempDir(), "f.pickle")
			os.WriteFile(dest, old, 0o644)
			var progress bytes.Buffer
			st, err := testFetcher(&progress).fetch(context.Background(), srv.URL+"/f.pickle", dest)
			if err != nil || st != downloaded {
				t.Fatalf("%v, %v; want downloaded", st, err)
			}
			checkFile(t, dest, data)
			if !strings.Contains(progress.String(), "fetching it again") {
				t.Errorf("progress %q does not say the old file is fetched again", progress.String())
			}
		})
	}
}

// hijackHalf answers with the first half of data, without Content-Length,
// then closes the connection: the client sees a clean end of the body. etag is
// sent if not empty.
func hijackHalf(t *testing.T, data []byte, etag string) http.HandlerFunc {
	return hijackPrefix(t, data[:len(data)/2], etag)
}

// hijackPrefix answers with prefix as hijackHalf does.
func hijackPrefix(t *testing.T, prefix []byte, etag string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		fmt.Fprintf(buf, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/octet-stream\r\n")
		if etag != "" {
			fmt.Fprintf(buf, "ETag: %s\r\n", etag)
		}
		fmt.Fprintf(buf, "\r\n")
		buf.Write(prefix)
		buf.Flush()
	}
}

func TestFetchNoLengthDropped(t *testing.T) {
	data := content()
	t.Run("never complete", func(t *testing.T) {
		var rec recorder
		srv := newServer(t, &rec, hijackHalf(t, data, ""))
		dest := filepath.Join(t.TempDir(), "f.pickle")
		_, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest)
		if err == nil || !strings.Contains(err.Error(), "did not give the file's length") {
			t.Fatalf("error %v, want one about the unknown length", err)
		}
		checkAbsent(t, dest)
	})
	t.Run("length learnt by resuming", func(t *testing.T) {
		var rec recorder
		srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
			if len(rec.get()) == 1 {
				hijackHalf(t, data, `"v1"`)(w, req)
				return
			}
			serve(data)(w, req)
		})
		dest := filepath.Join(t.TempDir(), "f.pickle")
		if _, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
			t.Fatal(err)
		}
		checkFile(t, dest, data)
		if r := rec.get(); len(r) != 2 || r[1] != fmt.Sprintf("bytes=%d-", len(data)/2) {
			t.Errorf("requests with Range %q, want a resume from %d", r, len(data)/2)
		}
	})
	t.Run("whole file without length", func(t *testing.T) {
		// The whole file, then a 416 tells that it was all of it.
		var rec recorder
		srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
			if len(rec.get()) == 1 {
				hijackPrefix(t, data, `"v1"`)(w, req)
				return
			}
			serve(data)(w, req)
		})
		dest := filepath.Join(t.TempDir(), "f.pickle")
		if _, err := testFetcher(nil).fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
			t.Fatal(err)
		}
		checkFile(t, dest, data)
	})
}

// TestFetchServerFileChanged interrupts a download, changes the file on the
// server, and runs again: the result is the new file, never a splice.
func TestFetchServerFileChanged(t *testing.T) {
	old, new := contentSeed(1), contentSeed(2)
	for name, h := range map[string]func(first bool) http.HandlerFunc{
		// net/http honours If-Range: the changed file comes back whole.
		"ETag with If-Range": func(first bool) http.HandlerFunc {
			if first {
				return serveVersion(old, `"old"`)
			}
			return serveVersion(new, `"new"`)
		},
		// A server that ignores If-Range but sends the new ETag with a 206.
		"If-Range ignored": func(first bool) http.HandlerFunc {
			if first {
				return serveVersion(old, `"old"`)
			}
			return func(w http.ResponseWriter, req *http.Request) {
				req.Header.Del("If-Range")
				serveVersion(new, `"new"`)(w, req)
			}
		},
		// Only Last-Modified identifies the version.
		"Last-Modified": func(first bool) http.HandlerFunc {
			data, mod := old, time.Date(2020, 11, 11, 0, 0, 0, 0, time.UTC)
			if !first {
				data, mod = new, mod.Add(time.Hour)
			}
			return func(w http.ResponseWriter, req *http.Request) {
				http.ServeContent(w, req, "f.pickle", mod, bytes.NewReader(data))
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			var rec recorder
			var mu sync.Mutex
			first := true
			srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
				mu.Lock()
				f := first
				mu.Unlock()
				if f {
					// Half the old file, then the connection drops.
					rw := &cutWriter{ResponseWriter: w, left: len(old) / 2}
					h(true)(rw, req)
					panic(http.ErrAbortHandler)
				}
				h(false)(w, req)
			})
			dest := filepath.Join(t.TempDir(), "f.pickle")
			f := testFetcher(nil)
			f.retries = 0
			if _, err := f.fetch(context.Background(), srv.URL+"/f.pickle", dest); err == nil {
				t.Fatal("first run: no error")
			}
			if fi, err := os.Stat(dest + ".part"); err != nil || fi.Size() == 0 {
				t.Fatalf("first run left no .part (%v)", err)
			}
			mu.Lock()
			first = false
			mu.Unlock()
			f.retries = 3
			if _, err := f.fetch(context.Background(), srv.URL+"/f.pickle", dest); err != nil {
				t.Fatal(err)
			}
			checkFile(t, dest, new)
			r := rec.get()
			if len(r) < 2 || !strings.HasPrefix(r[1], "bytes=") {
				t.Errorf("requests with Range %q, want the second to try a resume", r)
			}
		})
	}
}

// cutWriter passes on at most left bytes of the body.
type cutWriter struct {
	http.ResponseWriter
	left int
}

func (c *cutWriter) Write(p []byte) (int, error) {
	if len(p) > c.left {
		p = p[:c.left]
	}
	c.left -= len(p)
	n, err := c.ResponseWriter.Write(p)
	if c.left == 0 {
		c.ResponseWriter.(http.Flusher).Flush()
		panic(http.ErrAbortHandler)
	}
	return n, err
}

// TestRunConcurrent runs two downloads into one directory at once.
func TestRunConcurrent(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		// Slow enough for the two runs to overlap.
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		for i := 0; i < len(data); i += 20_000 {
			w.Write(data[i:min(i+20_000, len(data))])
			w.(http.Flusher).Flush()
			time.Sleep(10 * time.Millisecond)
		}
	})
	dir := t.TempDir()
	var wg sync.WaitGroup
	outs := make([]bytes.Buffer, 2)
	errs := make([]error, 2)
	for i := range 2 {
		wg.Go(func() {
			errs[i] = run(context.Background(), &outs[i], false, dir, srv.URL, "trajectories,hd_stats")
		})
	}
	wg.Wait()
	for i := range 2 {
		if errs[i] != nil {
			t.Errorf("run %d: %v\n%s", i, errs[i], outs[i].String())
		}
	}
	for _, n := range []string{"trajectories", "hd_stats"} {
		checkFile(t, filepath.Join(dir, "real", n+".pickle"), data)
	}
	both := outs[0].String() + outs[1].String()
	if !strings.Contains(both, "waiting for another process writing into") || strings.Count(both, "skipped") != 2 {
		t.Errorf("outputs %q: want one run to wait, then skip both files", both)
	}
	if n := len(rec.get()); n != 2 {
		t.Errorf("%d requests, want 2 (each file once)", n)
	}
}

// TestRunOutputs checks the messages of a run: one line each, full paths.
func TestRunOutputs(t *testing.T) {
	data := content()
	var rec recorder
	srv := newServer(t, &rec, serve(data))
	dir := t.TempDir()
	var out bytes.Buffer
	if err := run(context.Background(), &out, false, dir, srv.URL, "hd_stats"); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "real", "hd_stats.pickle")
	sc := bufio.NewScanner(&out)
	var last string
	for sc.Scan() {
		last = sc.Text()
	}
	if last != dest+": downloaded (0.2 MB)" {
		t.Errorf("last line %q, want %q", last, dest+": downloaded (0.2 MB)")
	}
}

// TestDataDir checks that the default data directory is found from a
// subdirectory of the repository.
func TestDataDir(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join(root, "notebooks"))
	if got, err := dataDir(""); err != nil || got != filepath.Join(root, "data") {
		t.Errorf("dataDir(\"\") from notebooks/ = %q, %v; want %s", got, err, filepath.Join(root, "data"))
	}
	if got, err := dataDir("elsewhere"); err != nil || got != "elsewhere" {
		t.Errorf("dataDir(elsewhere) = %q, %v", got, err)
	}
	t.Chdir(t.TempDir())
	if _, err := dataDir(""); err == nil || !strings.Contains(err.Error(), "-dir") {
		t.Errorf("outside the repository: %v, want an error naming -dir", err)
	}
}

// TestFetchNoHeaders gives up on a server that accepts the connection but
// never answers, within the response-header timeout of each try.
func TestFetchNoHeaders(t *testing.T) {
	var rec recorder
	release := make(chan struct{})
	srv := newServer(t, &rec, func(w http.ResponseWriter, req *http.Request) {
		select {
		case <-req.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	dest := filepath.Join(t.TempDir(), "f.pickle")
	f := testFetcher(nil)
	f.client.Transport.(*http.Transport).ResponseHeaderTimeout = 100 * time.Millisecond
	f.retries = 1
	start := time.Now()
	_, err := f.fetch(context.Background(), srv.URL+"/f.pickle", dest)
	if err == nil || !strings.Contains(err.Error(), "timeout awaiting response headers") || !strings.Contains(err.Error(), dest) {
		t.Errorf("error %v, want a timeout naming %s", err, dest)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("gave up after %v", d)
	}
	if n := len(rec.get()); n != 2 {
		t.Errorf("%d requests, want 2 (one retry)", n)
	}
	checkAbsent(t, dest, dest+".part")
}

// TestTimeouts keeps the production timeouts short: a stalled file is given
// up within a minute.
func TestTimeouts(t *testing.T) {
	f := newFetcher(nil, false)
	if worst := time.Duration(f.retries+1) * max(f.stall, headerTimeout); worst > time.Minute {
		t.Errorf("a stalled file is given up after %v, want at most a minute", worst)
	}
}
