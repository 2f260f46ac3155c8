// Command kernel installs the GoNB Jupyter kernel for the notebooks, and records
// in its kernel.json what the kernel needs to run, so that a Jupyter started
// without Go on its PATH (from a desktop launcher, say) still runs the notebooks.
//
// Usage, from anywhere inside the repository:
//
//	go run ./scripts/kernel [-raw_error]
//
// It installs goimports at the pinned version (GoNB runs it on every cell)
// into Go's bin directory, unless that exact version is there already; then
// the GoNB version pinned in go.mod (`go tool gonb --install --force_deps`;
// gopls, for auto-completion only, is optional) into
// $JUPYTER_DATA_DIR/kernels/gonb, by default ~/.local/share/jupyter/kernels/gonb.
// It then rewrites that kernel.json: its "env" puts the go command's directory
// and goimports' in front of the PATH Jupyter passes on ("${PATH}", which
// jupyter_client ≥ 7 substitutes) and keeps the GO* variables set now, which
// a Jupyter started elsewhere would not see; and its argv starts the kernel
// through scripts/kernel/guard, built into the kernel's directory. If go or
// goimports is gone at run time, the guard shows one line of guidance in each
// executed cell instead of a kernel that dies before it connects.
package main

import (
	"debug/buildinfo"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
)

// goimportsModule and goimportsVersion pin the goimports the kernel runs.
const (
	goimportsModule  = "golang.org/x/tools"
	goimportsVersion = "v0.52.0"
	goimportsPackage = goimportsModule + "/cmd/goimports"
	guardPackage     = "github.com/smp-go/smp-go/scripts/kernel/guard"
)

// keptGoVariables are the Go settings recorded in kernel.json when they are set
// in the installing environment: they change where modules come from and where
// they are kept, and a Jupyter started from a launcher would not have them.
var keptGoVariables = []string{
	"GOPATH", "GOMODCACHE", "GOCACHE", "GOENV", "GOPROXY", "GOSUMDB", "GONOSUMDB",
	"GOPRIVATE", "GONOPROXY", "GOFLAGS", "GOTOOLCHAIN", "GOINSECURE",
}

func main() {
	rawError := flag.Bool("raw_error", false, "compile errors as plain text instead of HTML (for headless runs)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./scripts/kernel [-raw_error]\n\n"+
			"Installs goimports %s and the GoNB kernel pinned in go.mod, with go and goimports\n"+
			"recorded in kernel.json. JUPYTER_DATA_DIR chooses where (default ~/.local/share/jupyter).\n\n", goimportsVersion)
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := install(*rawError); err != nil {
		fmt.Fprintf(os.Stderr, "kernel: %v\n", err)
		os.Exit(1)
	}
}

// install does what the package comment says.
func install(rawError bool) error {
	goBin, err := goCommand()
	if err != nil {
		return err
	}
	binDir, err := goInstallDir(goBin)
	if err != nil {
		return err
	}
	goimports := filepath.Join(binDir, "goimports")
	if builtFrom(goimports, goimportsModule, goimportsVersion) {
		fmt.Printf("goimports %s already in %s\n", goimportsVersion, binDir)
	} else {
		fmt.Printf("installing goimports %s into %s\n", goimportsVersion, binDir)
		if err := run(goBin, "install", goimportsPackage+"@"+goimportsVersion); err != nil {
			return fmt.Errorf("installing goimports: %w", err)
		}
	}

	args := []string{"tool", "gonb", "--install", "--force_deps"}
	if rawError {
		args = append(args, "--raw_error")
	}
	// GoNB logs a suggestion to install gopls@latest, which is optional here and
	// not served by every module proxy: keep its log unless it fails.
	if out, err := exec.Command(goBin, args...).CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}

	dir, err := kernelDir()
	if err != nil {
		return err
	}
	guard := filepath.Join(dir, "smp-go-guard")
	if err := run(goBin, "build", "-o", guard, guardPackage); err != nil {
		return fmt.Errorf("building the kernel's guard: %w", err)
	}
	env := kernelEnv(filepath.Dir(goBin), binDir, os.LookupEnv)
	if err := recordSpec(filepath.Join(dir, "kernel.json"), env, guard); err != nil {
		return err
	}
	fmt.Printf("kernel %q installed in %s\n", "gonb", dir)
	fmt.Printf("  kernel.json env PATH=%s\n", env["PATH"])
	for _, name := range keptGoVariables {
		if v, ok := env[name]; ok {
			fmt.Printf("  kernel.json env %s=%s\n", name, v)
		}
	}
	return nil
}

// goCommand returns the absolute path of the go command on PATH (`go run` puts the
// running Go's bin directory in front of it).
func goCommand() (string, error) {
	p, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("go not found on PATH: install Go ≥ 1.26 (https://go.dev/dl/)")
	}
	return filepath.Abs(p)
}

// goInstallDir returns where `go install` puts commands: GOBIN, else the first
// GOPATH entry's bin.
func goInstallDir(goBin string) (string, error) {
	out, err := exec.Command(goBin, "env", "GOBIN", "GOPATH").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOBIN GOPATH: %w", err)
	}
	gobin, gopath, _ := strings.Cut(strings.TrimRight(string(out), "\n"), "\n")
	if gobin != "" {
		return gobin, nil
	}
	if first := filepath.SplitList(gopath); len(first) > 0 && first[0] != "" {
		return filepath.Join(first[0], "bin"), nil
	}
	return "", fmt.Errorf("go env: neither GOBIN nor GOPATH is set")
}

// builtFrom reports whether the binary bin exists and was built from module mod at
// version ver.
func builtFrom(bin, mod, ver string) bool {
	info, err := buildinfo.ReadFile(bin)
	return err == nil && info.Main.Path == mod && info.Main.Version == ver
}

// kernelDir is where `gonb --install` writes the kernel: $JUPYTER_DATA_DIR/kernels/gonb,
// by default in the user's Jupyter data directory (the same rule as GoNB's).
func kernelDir() (string, error) {
	if data := os.Getenv("JUPYTER_DATA_DIR"); data != "" {
		return filepath.Join(data, "kernels", "gonb"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the Jupyter data directory: %w", err)
	}
	if runtime.GOOS == "darwin" {
		return filepath.Join(home, "Library", "Jupyter", "kernels", "gonb"), nil
	}
	return filepath.Join(home, ".local", "share", "jupyter", "kernels", "gonb"), nil
}

// run runs a command with this process's standard output and error.
func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	return cmd.Run()
}
