package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// fetcher downloads files over HTTP into local files (see the package comment). A
// download of url into dest writes dest+".part", renamed to dest only when its length is
// known (Content-Length of a 200, the total of the Content-Range of a 206, or of a 416 to
// a resume) and reached, and it is a whole pickle (checkPickle). The response's validator
// (a strong ETag, or else Last-Modified) is kept in dest+".part.validator" and sent as
// If-Range with a resume's "Range: bytes=n-"; a .part without a validator is restarted.
type fetcher struct {
	client   *http.Client
	progress io.Writer     // progress bar and messages
	tty      bool          // redraw the progress bar in place (see bar)
	retries  int           // how many times a failed transfer is tried again within one call
	stall    time.Duration // abort a transfer when no bytes arrive for this long
}

// Timeouts: a missing network fails within seconds; with retries, a stalled file is
// abandoned after (retries+1)*stallTimeout.
const (
	dialTimeout   = 10 * time.Second
	headerTimeout = 15 * time.Second
	stallTimeout  = 15 * time.Second
)

// newFetcher returns a fetcher with these timeouts that writes its progress to progress
// (nil: nowhere).
func newFetcher(progress io.Writer, tty bool) *fetcher {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.DialContext = (&net.Dialer{Timeout: dialTimeout, KeepAlive: 30 * time.Second}).DialContext
	tr.ResponseHeaderTimeout = headerTimeout
	return &fetcher{client: &http.Client{Transport: tr}, progress: cmp.Or(progress, io.Discard), tty: tty, retries: 3, stall: stallTimeout}
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
		err := checkPickle(dest)
		if err == nil {
			return skipped, nil
		}
		fmt.Fprintf(f.progress, "%s: %v; fetching it again\n", dest, err)
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
		fmt.Fprintf(f.progress, "%v; trying again (%d of %d)\n", err, i+1, f.retries)
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
		fmt.Fprintf(f.progress, "%s: no record of the server's version of %s; starting again\n", dest, part)
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
	switch resp.StatusCode {
	case http.StatusOK:
		// The whole file: no Range was sent, the file changed (If-Range), or the server
		// ignores Range.
		total, start = resp.ContentLength, 0
		if have > 0 {
			fmt.Fprintf(f.progress, "%s: the server sent the whole file (it changed, or Range is not supported); starting again from 0\n", dest)
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

	stalled := time.AfterFunc(f.stall, func() { cancel(fmt.Errorf("transfer stalled: nothing received for %v", f.stall)) })
	defer stalled.Stop()
	body := readerFunc(func(p []byte) (int, error) {
		n, err := resp.Body.Read(p)
		if n > 0 {
			stalled.Reset(f.stall)
		}
		return n, err
	})
	br := bufio.NewReader(body)
	if start == 0 {
		// Refuse an error page before writing anything.
		head, _ := br.Peek(48)
		if err := checkHead(head); err != nil {
			removePart(part)
			return 0, false, fmt.Errorf("%s: %s sent %w (%s: %q)", dest, rawURL, err,
				cmp.Or(resp.Header.Get("Content-Type"), "no Content-Type"), strings.Join(strings.Fields(string(head)), " "))
		}
	}

	flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	if start > 0 {
		flags = os.O_WRONLY | os.O_APPEND // start is the length of the .part
	}
	out, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
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
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if _, err := f.ReadAt(head[:1], fi.Size()-1); err != nil {
		return err
	}
	if head[0] != '.' {
		return fmt.Errorf("%w: it does not end with the STOP opcode '.' (cut short?)", errNotPickle)
	}
	return nil
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

// contentRange matches a Content-Range header: "bytes first-last/total", with "*" for
// the range (a 416 response) or for an unknown total.
var contentRange = regexp.MustCompile(`^bytes (?:(\d+)-(\d+)|\*)/(\d+|\*)$`)

// parseContentRange parses a Content-Range header; first = last = -1 for "bytes */total",
// and total is -1 when the server writes "*".
func parseContentRange(s string) (first, last, total int64, err error) {
	m := contentRange.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, 0, fmt.Errorf("malformed Content-Range %q", s)
	}
	number := func(s string) int64 {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return -1 // "", "*" or out of range
		}
		return n
	}
	first, last, total = number(m[1]), number(m[2]), number(m[3])
	if (m[1] != "" && (first < 0 || last < first)) || (m[3] != "*" && total < 0) || (total >= 0 && last >= total) {
		return 0, 0, 0, fmt.Errorf("malformed Content-Range %q", s)
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
