//go:build !unix

package outputs

import (
	"context"
	"io"
)

// Lock does nothing on systems without flock (Windows): there, two commands
// must not write into one directory at once.
func Lock(ctx context.Context, w io.Writer, prog, dir string) (unlock func(), err error) {
	return func() {}, nil
}
