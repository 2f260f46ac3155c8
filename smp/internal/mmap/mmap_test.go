package mmap

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	for _, size := range []int{0, 1, 4095, 4096, 100000} {
		want := make([]byte, size)
		for i := range want {
			want[i] = byte(i * 7)
		}
		path := filepath.Join(dir, "f.bin")
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(f.Bytes(), want) {
			t.Errorf("size %d: content differs", size)
		}
		if f.Mapped() != (canMap && size > 0) {
			t.Errorf("size %d: Mapped() = %v, want %v", size, f.Mapped(), canMap && size > 0)
		}
		if f.Path() != path {
			t.Errorf("Path() = %q", f.Path())
		}
		if err := f.Close(); err != nil {
			t.Error(err)
		}
		if err := f.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if f.Bytes() != nil {
			t.Error("Bytes() after Close is not nil")
		}
	}
}

func TestOpenNotRegular(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), "not a regular file (a directory)") {
		t.Errorf("directory: got %v", err)
	}
	missing := filepath.Join(dir, "missing.npz")
	if _, err := Open(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("missing file: got %v", err)
	}
}

// TestGuard checks that Guard passes errors through and turns only memory
// faults into errors.
func TestGuard(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.bin")
	if err := os.WriteFile(path, []byte("abc"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	boom := errors.New("boom")
	if err := Guard(func() error { return boom }); err != boom {
		t.Errorf("got %v, want boom", err)
	}
	defer func() {
		if r := recover(); r != "other" {
			t.Errorf("recovered %v, want the panic to pass through", r)
		}
	}()
	_ = Guard(func() error { panic("other") })
}
