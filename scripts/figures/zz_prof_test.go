package main

import (
	"io"
	"os"
	"testing"
)

func TestZZProfile(t *testing.T) {
	dir := t.TempDir()
	if err := run([]string{"-data", "/work/wt/synthetic", "-fig", "3", "-o", dir, "-nocache"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	_ = os.Stderr
}
