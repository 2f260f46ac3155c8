//go:build !linux || nommap

package mmap

// populate and adviseHugePages are Linux's madvise hints (advise_linux.go).
func populate([]byte) {}

func adviseHugePages([]byte) {}
