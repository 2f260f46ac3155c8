//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cache

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// fileStatID identifies the file at path (with FileInfo fi) by device,
// inode, size, modification time and ctime, in nanoseconds.
func fileStatID(path string, fi fs.FileInfo) (string, error) {
	var st unix.Stat_t
	if err := unix.Stat(path, &st); err != nil {
		return "", err
	}
	return fmt.Sprintf("dev=%d ino=%d size=%d mtime=%d.%09d ctime=%d.%09d",
		st.Dev, st.Ino, st.Size, st.Mtim.Sec, st.Mtim.Nsec, st.Ctim.Sec, st.Ctim.Nsec), nil
}

// checkOwner returns an error unless the directory described by fi belongs
// to the current user and is writable by nobody else.
func checkOwner(fi fs.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := os.Getuid(); int(st.Uid) != uid {
		return fmt.Errorf("owned by another user (uid %d, you are %d)", st.Uid, uid)
	}
	if fi.Mode().Perm()&0o022 != 0 {
		return fmt.Errorf("writable by other users (mode %v)", fi.Mode().Perm())
	}
	return nil
}
