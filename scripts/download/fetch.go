package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// fetcher downloads files over HTTP into local files, resuming interrupted downloads.
//
// A download of url into dest writes to dest+".part" and renames it to dest only when
// the number of bytes received equals the size announced by the server
// (Content-Length of a 200 response, or the total of the Content-Range of a 206 response).
// An existing dest is therefore complete and is never fetched again. An existing .part
// of n bytes is resumed with "Range: bytes=n-"; a server that ignores Range (200 instead
// of 206) restarts the file from the beginning.
type fetcher struct {
	client *http.Client
	// progress receives the progress bar; nil for none.
	progress io.Writer
	// tty redraws the progress bar in place with "\r"; otherwise a line is written every
	// 10% of the file.
	tty bool
	// retries is how many times an interrupted transfer is resumed within one call.
	retries int
	// stall aborts a transfer when no bytes arrive for this long (0: never).
	stall time.Duration
}

// newFetcher returns a fetcher with connection and response-header timeouts, so that a
// missing network fails within seconds instead of hanging.
func newFetcher(progress io.Writer, tty bool) *fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = 60 * time.Second
	return &fetcher{
		client:   &http.Client{Transport: tr},
		progress: progress,
		tty:      tty,
		retries:  3,
		stall:    2 * time.Minute,
	}
}

// status tells what fetch did.
type status int

const (
	downloaded status = iota // fetched from the start
	resumed                  // continued from an existing .part file
	skipped                  // dest already existed
)

func (s status) String() string {
	return [...]string{"downloaded", "resumed", "already complete, skipped"}[s]
}

// errNoNetwork is wrapped by the errors of connections that could not be made at all
// (name resolution, refused or unreachable, connect timeout).
var errNoNetwork = errors.New("no network access")

// noNetworkError reports that host could not be reached at all.
type noNetworkError struct {
	host string
	err  error
}

func (e *noNetworkError) Error() string {
	return fmt.Sprintf("cannot reach %s (%v)", e.host, e.err)
}

func (e *noNetworkError) Unwrap() []error { return []error{errNoNetwork, e.err} }

// sizeError reports a download whose size disagrees with what the server announced.
type sizeError struct {
	name      string
	got, want int64
}

func (e *sizeError) Error() string {
	return fmt.Sprintf("%s: size mismatch: received %d bytes, server announced %d", e.name, e.got, e.want)
}

// fetch downloads rawURL into dest (see fetcher). Interrupted transfers are resumed up to
// f.retries times; if they still fail, the .part file is kept for a later call to resume.
// A size mismatch or a malformed Content-Range removes the .part file.
func (f *fetcher) fetch(ctx context.Context, rawURL, dest string) (status, error) {
	if fi, err := os.Stat(dest); err == nil && fi.Mode().IsRegular() {
		return skipped, nil
	}
	for i := 0; ; i++ {
		start, retry, err := f.attempt(ctx, rawURL, dest)
		if err == nil {
			if start > 0 {
				return resumed, nil
			}
			return downloaded, nil
		}
		if !retry || i >= f.retries || ctx.Err() != nil {
			return downloaded, err
		}
		f.printf("%s: %v; resuming\n", baseName(dest), err)
	}
}

// attempt makes one request. On success, start is the offset from which bytes were
// received (> 0: a resumed transfer). On failure, retry reports whether the error was an
// interrupted transfer that a new request can resume.
func (f *fetcher) attempt(ctx context.Context, rawURL, dest string) (start int64, retry bool, err error) {
	part := dest + ".part"
	name := baseName(dest)
	var have int64
	if fi, err := os.Stat(part); err == nil {
		have = fi.Size()
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", name, err)
	}
	// No transparent gzip: the byte counts must be those of the file.
	req.Header.Set("Accept-Encoding", "identity")
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() == nil && isNoNetwork(err) {
			return 0, false, &noNetworkError{host: req.URL.Host, err: innermost(err)}
		}
		return 0, ctx.Err() == nil, fmt.Errorf("%s: %w", name, err)
	}
	defer resp.Body.Close()

	var total int64 // total size of the file; start is the offset of the first byte of the body
	flags := os.O_WRONLY | os.O_CREATE
	switch resp.StatusCode {
	case http.StatusOK:
		// A full body: either no Range was sent, or the server ignored it.
		total, start = resp.ContentLength, 0
		flags |= os.O_TRUNC
		if have > 0 {
			f.printf("%s: server ignored the Range request, restarting from 0\n", name)
		}
	case http.StatusPartialContent:
		var end int64
		start, end, total, err = parseContentRange(resp.Header.Get("Content-Range"))
		if err == nil && start != have {
			err = fmt.Errorf("Content-Range starts at %d, asked for %d", start, have)
		}
		if err == nil && resp.ContentLength >= 0 && resp.ContentLength != end-start+1 {
			err = fmt.Errorf("Content-Range %d-%d but Content-Length %d", start, end, resp.ContentLength)
		}
		if err != nil {
			os.Remove(part)
			return 0, false, fmt.Errorf("%s: bad partial response (%w); removed %s", name, err, part)
		}
	case http.StatusRequestedRangeNotSatisfiable:
		// The .part is at least as long as the file: complete, or not a prefix of it.
		_, _, total, perr := parseContentRange(resp.Header.Get("Content-Range"))
		if perr == nil && total == have {
			return have, false, finish(part, dest, have, total, name)
		}
		os.Remove(part)
		return 0, true, fmt.Errorf("%s: %s longer than the file on the server; removed it", name, part)
	default:
		return 0, false, fmt.Errorf("%s: %s: %s", name, rawURL, resp.Status)
	}

	out, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", name, err)
	}
	if _, err := out.Seek(start, io.SeekStart); err != nil {
		out.Close()
		return 0, false, fmt.Errorf("%s: %w", name, err)
	}

	bar := newBar(f.progress, f.tty, name, start, total)
	body := io.Reader(resp.Body)
	if f.stall > 0 {
		body = newStallReader(resp.Body, f.stall, cancel)
	}
	n, copyErr := io.Copy(out, io.TeeReader(body, bar))
	closeErr := out.Close()
	bar.done()
	got := start + n
	switch {
	case copyErr != nil:
		// Interrupted: keep the .part, a new request resumes it.
		return 0, ctx.Err() == nil || errors.Is(copyErr, errStalled), fmt.Errorf("%s: transfer interrupted after %d bytes: %w", name, got, copyErr)
	case closeErr != nil:
		return 0, false, fmt.Errorf("%s: %w", name, closeErr)
	}
	return start, false, finish(part, dest, got, total, name)
}

// finish renames part to dest if got equals the announced total (total < 0: unknown,
// the transfer ended cleanly), and removes part otherwise.
func finish(part, dest string, got, total int64, name string) error {
	if total >= 0 && got != total {
		os.Remove(part)
		return &sizeError{name: name, got: got, want: total}
	}
	if err := os.Rename(part, dest); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// parseContentRange parses "bytes first-last/total" ("bytes */total" for a 416 response,
// giving first = last = -1). total is -1 when the server writes "*".
func parseContentRange(s string) (first, last, total int64, err error) {
	bad := fmt.Errorf("malformed Content-Range %q", s)
	spec, ok := strings.CutPrefix(strings.TrimSpace(s), "bytes ")
	if !ok {
		return 0, 0, 0, bad
	}
	rng, tot, ok := strings.Cut(spec, "/")
	if !ok {
		return 0, 0, 0, bad
	}
	total = -1
	if tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil || total < 0 {
			return 0, 0, 0, bad
		}
	}
	if rng == "*" {
		return -1, -1, total, nil
	}
	a, b, ok := strings.Cut(rng, "-")
	if !ok {
		return 0, 0, 0, bad
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first || (total >= 0 && last >= total) {
		return 0, 0, 0, bad
	}
	return first, last, total, nil
}

// isNoNetwork reports whether err means that no connection could be made at all:
// a failed name lookup, a refused or unreachable address, or a connect timeout.
func isNoNetwork(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return true
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, syscall.EHOSTUNREACH)
}

// innermost strips the *url.Error around err ("Get \"...\": "), which repeats the URL.
func innermost(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func (f *fetcher) printf(format string, args ...any) {
	if f.progress != nil {
		fmt.Fprintf(f.progress, format, args...)
	}
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// errStalled is the error of a transfer that received nothing for too long.
var errStalled = errors.New("transfer stalled")

// stallReader cancels a request when no bytes arrive within the timeout.
type stallReader struct {
	r       io.Reader
	timeout time.Duration
	timer   *time.Timer
	mu      sync.Mutex
	stalled bool
}

func newStallReader(r io.Reader, timeout time.Duration, cancel context.CancelFunc) *stallReader {
	s := &stallReader{r: r, timeout: timeout}
	s.timer = time.AfterFunc(timeout, func() {
		s.mu.Lock()
		s.stalled = true
		s.mu.Unlock()
		cancel()
	})
	return s
}

func (s *stallReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if n > 0 {
		s.timer.Reset(s.timeout)
	}
	if err != nil {
		s.timer.Stop()
		s.mu.Lock()
		stalled := s.stalled
		s.mu.Unlock()
		if stalled && err != io.EOF {
			err = fmt.Errorf("%w: nothing received for %v", errStalled, s.timeout)
		}
	}
	return n, err
}
