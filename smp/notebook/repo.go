package notebook

import (
	"fmt"
	"os"

	"github.com/smp-go/smp-go/smp/data"
)

// RepoEnv names the environment variable that points a notebook outside the
// repository at one (in a cell: %env SMP_REPO /path/to/smp-go).
const RepoEnv = "SMP_REPO"

// Root returns the root of the smp-go repository: the one holding $SMP_REPO
// when set, otherwise the one holding the working directory, which is the
// notebook's directory under GoNB (data.FindRoot).
func Root() (string, error) {
	if dir := os.Getenv(RepoEnv); dir != "" {
		root, err := data.FindRoot(dir)
		if err != nil {
			return "", fmt.Errorf("%s=%s: %w", RepoEnv, dir, err)
		}
		return root, nil
	}
	root, err := data.FindRoot("")
	if err != nil {
		return "", fmt.Errorf("%w (outside the repository, set %s to its path)", err, RepoEnv)
	}
	return root, nil
}
