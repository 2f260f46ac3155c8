package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/smp-go/smp-go/smp/data"
)

// kernelEnv returns the environment kernel.json records: PATH with goDir and
// binDir in front of the PATH Jupyter passes on ("${PATH}" is substituted by
// jupyter_client when it starts the kernel), and each of keptGoVariables that
// lookup finds set.
func kernelEnv(goDir, binDir string, lookup func(string) (string, bool)) map[string]string {
	dirs := []string{goDir}
	if binDir != goDir {
		dirs = append(dirs, binDir)
	}
	env := map[string]string{"PATH": strings.Join(append(dirs, "${PATH}"), string(os.PathListSeparator))}
	for _, name := range keptGoVariables {
		if v, ok := lookup(name); ok && v != "" {
			env[name] = v
		}
	}
	return env
}

// recordSpec sets the "env" of the kernel spec at path and, when guard is not
// empty, puts guard in front of its argv (once), keeping every other field as it
// is. It replaces the file atomically (data.WriteAtomic).
func recordSpec(path string, env map[string]string, guard string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reading the kernel spec: %w", err)
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: not a JSON object: %w", path, err)
	}
	argv, _ := spec["argv"].([]any)
	if len(argv) == 0 {
		return fmt.Errorf("%s: no \"argv\" list: not a kernel spec", path)
	}
	if guard != "" && argv[0] != guard {
		argv = append([]any{guard}, argv...)
	}
	spec["argv"], spec["env"] = argv, env
	err = data.WriteAtomic(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", " ")
		enc.SetEscapeHTML(false)
		return enc.Encode(spec)
	})
	if err != nil {
		return fmt.Errorf("replacing the kernel spec: %w", err)
	}
	return nil
}
