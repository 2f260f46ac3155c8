package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// fetcher downloads files over HTTP into local files, resuming interrupted downloads
// (the package comment tells the behaviour). A download of url into dest writes
// dest+".part", renamed to dest only when its length is known (Content-Length of a 200,
// the total of the Content-Range of a 206, or of a 416 to a resume) and reached, and it
// is a whole pickle (checkPickle); a body that does not start like one (an HTML or error
// page) is refused at its first bytes. The response's validator (a strong ETag, or else
// Last-Modified) is kept in dest+".part.validator" and sent as If-Range with a resume's
// "Range: bytes=n-", so a file that changed comes back whole (200); a 206 whose ETag
// differs is refused too, and a .part without a validator is restarted. A transfer that
// ends without a known length asks again with a Range request to learn it.
type fetcher struct {
	client *http.Client
	// progress receives the progress bar and messages; nil for none.
	progress io.Writer
	// tty redraws the progress bar in place (see bar).
	tty bool
	// retries is how many times a failed transfer is tried again within one call.
	retries int
	// stall aborts a transfer when no bytes arrive for this long (0: never).
	stall time.Duration
}

// Timeouts: a server that does not answer, or stops sending, is given up within
// seconds; with retries, a stalled file is abandoned after (retries+1)*stallTimeout.
const (
	dialTimeout   = 10 * time.Second
	headerTimeout = 15 * time.Second
	stallTimeout  = 15 * time.Second
)

// newFetcher returns a fetcher with connection, response-header and stall timeouts, so
// that a missing network fails within seconds and a stalled transfer within a minute.
func newFetcher(progress io.Writer, tty bool) *fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = headerTimeout
	return &fetcher{client: &http.Client{Transport: tr}, progress: progress, tty: tty, retries: 3, stall: stallTimeout}
}

// status tells what fetch did.
type status string

const (
	downloaded status = "downloaded"                // fetched from the start
	resumed    status = "resumed"                   // continued from an existing .part file
	skipped    status = "already complete, skipped" // dest already was a complete pickle
)

// errNoNetwork is wrapped by the errors of connections that could not be made at all
// (name resolution, refused or unreachable, connect timeout).
var errNoNetwork = errors.New("no network access")

// errNotPickle is wrapped by the errors of content that is not a pickle.
var errNotPickle = errors.New("not a pickle")

// fetch downloads rawURL into dest (see fetcher). Failed transfers are tried again up to
// f.retries times; if they still fail, the .part file is kept for a later call to resume.
// Errors name dest.
func (f *fetcher) fetch(ctx context.Context, rawURL, dest string) (status, error) {
	if fi, err := os.Stat(dest); err == nil && fi.Mode().IsRegular() {
		if err := checkPickle(dest); err == nil {
			return skipped, nil
		} else {
			f.printf("%s: %v; fetching it again\n", dest, err)
		}
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
		f.printf("%v; trying again (%d of %d)\n", err, i+1, f.retries)
	}
}

// attempt makes one request. On success, start is the offset from which bytes were
// received (> 0: a resumed transfer). On failure, retry reports whether a new request
// may succeed (an interrupted transfer, a file that changed, a length still unknown).
func (f *fetcher) attempt(parent context.Context, rawURL, dest string) (start int64, retry bool, err error) {
	part := dest + ".part"
	var have int64
	if fi, err := os.Stat(part); err == nil {
		have = fi.Size()
	}
	validator := readValidator(part)
	if have > 0 && validator == "" {
		f.printf("%s: no record of the server's version of %s; starting again\n", dest, part)
		have = 0
	}

	// ctx is also cancelled, with the cause, when the transfer stalls.
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", dest, err)
	}
	// No transparent gzip: the byte counts must be those of the file.
	req.Header.Set("Accept-Encoding", "identity")
	if have > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
		req.Header.Set("If-Range", validator)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if parent.Err() == nil && isNoNetwork(err) {
			return 0, false, fmt.Errorf("cannot reach %s (%w): %w", req.URL.Host, innermost(err), errNoNetwork)
		}
		return 0, parent.Err() == nil, fmt.Errorf("%s: %w", dest, innermost(err))
	}
	defer resp.Body.Close()

	var total int64 // total size of the file (-1: unknown); start is the offset of the body
	flags := os.O_WRONLY | os.O_CREATE
	switch resp.StatusCode {
	case http.StatusOK:
		// The whole file: no Range was sent, the file changed (If-Range), or the server
		// ignores Range.
		total, start = resp.ContentLength, 0
		flags |= os.O_TRUNC
		if have > 0 {
			f.printf("%s: the server sent the whole file (it changed, or Range is not supported); starting again from 0\n", dest)
		}
		if err := os.WriteFile(validatorPath(part), []byte(responseValidator(resp)+"\n"), 0o644); err != nil {
			return 0, false, fmt.Errorf("%s: %w", dest, err)
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
			removePart(part)
			return 0, false, fmt.Errorf("%s: bad partial response (%w); removed %s", dest, err, part)
		}
		if v := responseValidator(resp); v != "" && v != validator {
			removePart(part)
			return 0, true, fmt.Errorf("%s: the file changed on the server (%s, was %s); removed %s", dest, v, validator, part)
		}
	case http.StatusRequestedRangeNotSatisfiable:
		// The .part is at least as long as the file: complete, or not a prefix of it.
		_, _, total, perr := parseContentRange(resp.Header.Get("Content-Range"))
		if perr == nil && total == have {
			return have, false, finish(part, dest, have, total)
		}
		removePart(part)
		return 0, true, fmt.Errorf("%s: %s is longer than the file on the server; removed it", dest, part)
	default:
		// Any .part is kept: a later resume checks it against the file (If-Range).
		transient := resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests
		return 0, transient, fmt.Errorf("%s: %s: %s", dest, rawURL, resp.Status)
	}

	body := io.Reader(resp.Body)
	if f.stall > 0 {
		stalled := time.AfterFunc(f.stall, func() { cancel(fmt.Errorf("transfer stalled: nothing received for %v", f.stall)) })
		defer stalled.Stop()
		body = readerFunc(func(p []byte) (int, error) {
			n, err := resp.Body.Read(p)
			if n > 0 {
				stalled.Reset(f.stall)
			}
			return n, err
		})
	}
	br := bufio.NewReader(body)
	if start == 0 {
		// Refuse an error page before writing anything.
		head, _ := br.Peek(2)
		if err := checkHead(head); err != nil {
			removePart(part)
			return 0, false, fmt.Errorf("%s: %s sent %w (%s)", dest, rawURL, err, describe(resp, br))
		}
	}

	out, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return 0, false, fmt.Errorf("%s: %w", dest, err)
	}
	if _, err := out.Seek(start, io.SeekStart); err != nil {
		out.Close()
		return 0, false, fmt.Errorf("%s: %w", dest, err)
	}

	bar := newBar(f.progress, f.tty, filepath.Base(dest), start, total)
	n, copyErr := io.Copy(out, io.TeeReader(br, bar))
	closeErr := out.Close()
	bar.done()
	got := start + n
	switch {
	case copyErr != nil:
		// Interrupted: keep the .part, a new request resumes it.
		if parent.Err() == nil && ctx.Err() != nil {
			copyErr = context.Cause(ctx) // stalled
		}
		return 0, parent.Err() == nil, fmt.Errorf("%s: transfer interrupted after %d bytes: %w", dest, got, copyErr)
	case closeErr != nil:
		return 0, false, fmt.Errorf("%s: %w", dest, closeErr)
	case total < 0:
		// The connection closed without a length: maybe dropped. A Range request for
		// what follows learns the length (416 when got is all of it).
		return 0, true, fmt.Errorf("%s: the server did not give the file's length; %d bytes received, asking again", dest, got)
	}
	return start, false, finish(part, dest, got, total)
}

// readerFunc is an io.Reader made of its Read method.
type readerFunc func(p []byte) (int, error)

func (r readerFunc) Read(p []byte) (int, error) { return r(p) }

// finish renames part to dest if got equals the known total and part is a pickle, and
// removes part otherwise.
func finish(part, dest string, got, total int64) error {
	if got != total {
		removePart(part)
		return fmt.Errorf("%s: size mismatch: received %d bytes, server announced %d", dest, got, total)
	}
	if err := checkPickle(part); err != nil {
		removePart(part)
		return fmt.Errorf("%s: the server's file is %w; removed it", dest, err)
	}
	if err := os.Rename(part, dest); err != nil {
		return fmt.Errorf("%s: %w", dest, err)
	}
	os.Remove(validatorPath(part))
	return nil
}

// checkHead checks that a file starts like a pickle of protocol 2 to 5: the PROTO
// opcode 0x80 followed by the protocol number.
func checkHead(head []byte) error {
	if len(head) < 2 || head[0] != 0x80 || head[1] < 2 || head[1] > 5 {
		return fmt.Errorf("%w: it does not start with a pickle header (0x80, protocol 2-5)", errNotPickle)
	}
	return nil
}

// checkPickle checks that the file at path starts with a pickle header (checkHead) and
// ends with the STOP opcode '.': a whole pickle, not a prefix of one. (A file of two
// bytes ends with its protocol number, not '.'.)
func checkPickle(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 2)
	n, _ := f.ReadAt(head, 0)
	if err := checkHead(head[:n]); err != nil {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.Seek(-1, io.SeekEnd); err != nil {
		return err
	}
	if _, err := io.ReadFull(f, last); err != nil {
		return err
	}
	if last[0] != '.' {
		return fmt.Errorf("%w: it does not end with the STOP opcode '.' (cut short?)", errNotPickle)
	}
	return nil
}

// describe names what a non-pickle response holds: its Content-Type and the start of
// its body, e.g. `text/html: "<!DOCTYPE html><html>…"`.
func describe(resp *http.Response, br *bufio.Reader) string {
	b, _ := br.Peek(48)
	s := strings.Join(strings.Fields(string(b)), " ")
	ct := resp.Header.Get("Content-Type")
	if ct == "" {
		ct = "no Content-Type"
	}
	return fmt.Sprintf("%s: %q", ct, s)
}

// responseValidator returns what identifies the version of the file a response holds,
// as an If-Range value: its strong ETag, or else its Last-Modified date ("" if neither;
// weak ETags cannot be used with If-Range).
func responseValidator(resp *http.Response) string {
	if et := resp.Header.Get("ETag"); et != "" && !strings.HasPrefix(et, "W/") {
		return et
	}
	return resp.Header.Get("Last-Modified")
}

// validatorPath is the file that holds the validator of the .part file part (an empty
// line when the server gave none).
func validatorPath(part string) string { return part + ".validator" }

// readValidator returns the validator recorded for part, or "".
func readValidator(part string) string {
	b, _ := os.ReadFile(validatorPath(part))
	return strings.TrimSpace(string(b))
}

// removePart removes a .part file and its validator.
func removePart(part string) {
	os.Remove(part)
	os.Remove(validatorPath(part))
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
// a failed name lookup, a refused or unreachable address (also through a proxy), or a
// connect timeout.
func isNoNetwork(err error) bool {
	var dns *net.DNSError
	var op *net.OpError
	return errors.As(err, &dns) || (errors.As(err, &op) && op.Op == "dial") ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ENETUNREACH) || errors.Is(err, syscall.EHOSTUNREACH)
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
