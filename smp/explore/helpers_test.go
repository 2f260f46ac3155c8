package explore

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// page is an explorer's HTML taken apart: its metadata and payload.
type page struct {
	ID      string
	Meta    map[string]any
	Payload []byte
}

var startCall = regexp.MustCompile(`(?s)smpStart\("([^"]+)", (\{.*\}), "([A-Za-z0-9+/=]*)", draw\);`)

// parsePage checks the HTML's structure and returns its metadata and
// decoded payload.
func parsePage(t *testing.T, html string) page {
	t.Helper()
	for _, tag := range []string{"div", "script", "style"} {
		if o, c := strings.Count(html, "<"+tag), strings.Count(html, "</"+tag+">"); o != c || o == 0 {
			t.Fatalf("<%s> opened %d times, closed %d times", tag, o, c)
		}
	}
	if strings.Count(html, "<script>") != 1 {
		t.Fatal("want exactly one script")
	}
	if !strings.HasPrefix(html, `<div class="smp-explorer" id="`) {
		t.Fatalf("the root is not a div.smp-explorer: %.80s", html)
	}
	m := startCall.FindStringSubmatch(html)
	if m == nil {
		t.Fatal("no smpStart call")
	}
	if !strings.Contains(html, `id="`+m[1]+`"`) {
		t.Fatalf("the script starts %q, which is not the root's id", m[1])
	}
	var p page
	p.ID = m[1]
	if err := json.Unmarshal([]byte(m[2]), &p.Meta); err != nil {
		t.Fatalf("metadata: %v", err)
	}
	var err error
	if p.Payload, err = decodePayload(m[3]); err != nil {
		t.Fatalf("payload: %v", err)
	}
	return p
}

// f returns a metadata number (NaN for null).
func f(v any) float64 {
	if v == nil {
		return math.NaN()
	}
	return v.(float64)
}

// checkDecoded checks that codes decode to want within half a
// quantisation step over [lo, hi], NaN where want is NaN.
func checkDecoded(t *testing.T, what string, codes []byte, lo, hi float64, want []float64) {
	t.Helper()
	got := dequantize(codes, lo, hi)
	tol := (hi-lo)/(2*MaxCode) + 1e-12*math.Max(math.Abs(lo), math.Abs(hi))
	for i, w := range want {
		if math.IsNaN(w) != math.IsNaN(got[i]) || math.Abs(got[i]-w) > tol {
			t.Fatalf("%s[%d]: decoded %v, want %v within %g", what, i, got[i], w, tol)
		}
	}
}

// browserDOM opens the HTML in headless Chromium, lets its scripts run,
// and returns the resulting DOM; the test is skipped without Chromium.
func browserDOM(t *testing.T, html string) string {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed")
	}
	f := t.TempDir() + "/explorer.html"
	if err := os.WriteFile(f, []byte("<!doctype html><meta charset=utf-8><body>"+html+"</body>"), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(),
		"--virtual-time-budget=10000", "--dump-dom", "file://"+f)
	done := make(chan struct{})
	var out []byte
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatal("chromium did not finish in 90 s")
	}
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return string(out)
}

// checkDOM checks the DOM contract after the scripts ran: the explorer is
// ready, and has controls and pictures.
func checkDOM(t *testing.T, dom string, controls, pictures int) {
	t.Helper()
	if strings.Contains(dom, "data-error") || !strings.Contains(dom, `data-ready="1"`) {
		i := strings.Index(dom, "smp-status")
		t.Fatalf("explorer not ready: %.300s", dom[max(0, i):])
	}
	if n := strings.Count(dom, "smp-control"); n < controls {
		t.Errorf("%d controls, want at least %d", n, controls)
	}
	if n := strings.Count(dom, `class="smp-picture"`); n < pictures {
		t.Errorf("%d pictures, want at least %d", n, pictures)
	}
}

// dequantize is the inverse of Quantize up to rounding: lo + q·(hi −
// lo)/MaxCode, NaN for NaNCode.
func dequantize(q []byte, lo, hi float64) []float64 {
	out := make([]float64, len(q))
	for i, c := range q {
		if c == NaNCode {
			out[i] = math.NaN()
			continue
		}
		out[i] = lo + float64(c)*(hi-lo)/MaxCode
	}
	return out
}

// decodePayload inverts blob.encode.
func decodePayload(s string) ([]byte, error) {
	z, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, err
	}
	r, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(r); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
