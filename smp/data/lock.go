package data

import "path/filepath"

// LockPath is the lock file of the data or output directory dir (see
// LockDir): .BASE.lock next to it, e.g. data/.synthetic.lock for
// data/synthetic. The notebooks and the commands take this one lock, so a
// notebook making the synthetic world and scripts/synth exclude each other.
func LockPath(dir string) string {
	return filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".lock")
}
