// Command guard starts the GoNB kernel when what it needs is there, and otherwise
// stands in for it to say, in the notebook, what is missing.
//
// `go run ./scripts/kernel` installs it as the first word of the kernel's argv:
//
//	guard /path/to/gonb --kernel {connection_file} [gonb flags...]
//
// If go and goimports are found on the PATH (which kernel.json's env sets), guard
// replaces itself with gonb (exec), and nothing else changes. If one is missing
// (Go removed or moved after the kernel was installed), GoNB would exit before
// connecting, and the page would only show a dead kernel. Guard then runs a
// minimal Jupyter kernel instead: each executed cell gets one line of guidance,
// as an error (so Run All stops there), and the same line goes once to stderr,
// the terminal that started Jupyter.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: guard GONB --kernel CONNECTION_FILE [gonb flags...]")
		os.Exit(2)
	}
	gonb, args := os.Args[1], os.Args[1:]
	line := guidance(missingTools(exec.LookPath), os.Getenv("PATH"))
	if line == "" {
		err := syscall.Exec(gonb, args, os.Environ())
		fmt.Fprintf(os.Stderr, "smp-go: cannot start the GoNB kernel %s: %v: run  go run ./scripts/kernel  in the smp-go repository\n", gonb, err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, line)
	conn := connectionFile(args)
	if conn == "" {
		os.Exit(1)
	}
	if err := serveGuidance(conn, line); err != nil {
		fmt.Fprintf(os.Stderr, "smp-go: guidance kernel: %v\n", err)
		os.Exit(1)
	}
}

// missingTools returns the programs the kernel needs that lookPath does not find.
func missingTools(lookPath func(string) (string, error)) []string {
	var missing []string
	for _, tool := range []string{"go", "goimports"} {
		if _, err := lookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	return missing
}

// guidance returns the one line that says what to do about the missing tools,
// or "" when nothing is missing.
func guidance(missing []string, path string) string {
	switch {
	case len(missing) == 0:
		return ""
	case len(missing) == 1 && missing[0] == "goimports":
		return fmt.Sprintf("smp-go: goimports is not on the kernel's PATH (%s): run  go run ./scripts/kernel  in the smp-go repository, then restart the kernel", path)
	}
	verb := "is"
	if len(missing) > 1 {
		verb = "are"
	}
	return fmt.Sprintf("smp-go: %s %s not on the kernel's PATH (%s): install Go ≥ 1.26 (https://go.dev/dl/), run  go run ./scripts/kernel  in the smp-go repository, then restart the kernel",
		strings.Join(missing, " and "), verb, path)
}

// connectionFile returns the value of gonb's --kernel flag in args.
func connectionFile(args []string) string {
	for i, a := range args {
		for _, flag := range []string{"--kernel", "-kernel"} {
			if a == flag && i+1 < len(args) {
				return args[i+1]
			}
			if v, ok := strings.CutPrefix(a, flag+"="); ok {
				return v
			}
		}
	}
	return ""
}
