//go:build !unix

package main

import (
	"context"
	"io"
)

// lockDir does nothing on systems without flock (Windows): there, two downloads into
// one directory must not run at once, as they would write the same .part file.
func lockDir(ctx context.Context, w io.Writer, dir string) (unlock func(), err error) {
	return func() {}, nil
}
