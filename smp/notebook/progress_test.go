package notebook

import (
	"strings"
	"testing"
	"time"
)

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := progressTo(&b, "runs", time.Hour)
	for i := 1; i <= 4; i++ {
		p(i, 4)
	}
	if got := b.String(); strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "(runs 4/4, 100%, ") {
		t.Errorf("progress printed %q, want only the final line", got)
	}
	b.Reset()
	p = progressTo(&b, "runs", 0)
	p(1, 2)
	p(2, 2)
	if strings.Count(b.String(), "\n") != 2 {
		t.Errorf("progress with no interval printed %q", b.String())
	}
}
