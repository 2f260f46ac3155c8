package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"

	"github.com/smp-go/smp-go/smp"
)

// CodeID returns the identity of the analysis code compiled into this
// program, as 64 hexadecimal digits: the SHA-256 hash of
//
//   - every non-test Go file and every assembly file of the smp tree
//     (smp.Sources), by path and content, in lexical order of path; testdata
//     directories are skipped;
//   - the path and version (or replacement) of every module those files
//     import, as recorded in the program's build information;
//   - the Go version, GOOS, GOARCH and the build settings that select code or
//     instructions (build tags, GOAMD64, GOARM64, GOEXPERIMENT, ...).
//
// Programs whose main packages differ (GoNB cells, scripts) but that compile
// the same smp tree with the same dependencies have the same CodeID.
func CodeID() (string, error) {
	return codeID(smp.Sources())
}

// codeID is CodeID of the source tree src.
func codeID(src fs.FS) (string, error) {
	h := sha256.New()
	imports := map[string]bool{}
	err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "testdata" {
				return fs.SkipDir
			}
			return nil
		}
		isGo := strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go")
		if !isGo && !strings.HasSuffix(p, ".s") {
			return nil
		}
		b, err := fs.ReadFile(src, p)
		if err != nil {
			return err
		}
		// Length-prefixed path and content: no two trees hash alike.
		fmt.Fprintf(h, "file %q %d\n", p, len(b))
		h.Write(b)
		if isGo {
			f, err := parser.ParseFile(token.NewFileSet(), p, b, parser.ImportsOnly)
			if err != nil {
				return fmt.Errorf("parsing the imports of %s: %w", p, err)
			}
			for _, is := range f.Imports {
				if ip, err := strconv.Unquote(is.Path.Value); err == nil {
					imports[ip] = true
				}
			}
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("hashing the smp sources: %w", err)
	}
	writeBuild(h, imports)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeBuild writes to h the toolchain, the target, the build settings that
// select code, and the module versions of the imports that are not in the
// standard library (imports are import paths).
func writeBuild(h io.Writer, imports map[string]bool) {
	fmt.Fprintf(h, "go %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintln(h, "no build info")
		return
	}
	for _, s := range bi.Settings {
		if s.Key == "-tags" || s.Key == "CGO_ENABLED" || strings.HasPrefix(s.Key, "GO") {
			fmt.Fprintf(h, "setting %s=%s\n", s.Key, s.Value)
		}
	}
	var mods []string
	for ip := range imports {
		if isStd(ip) {
			continue
		}
		mods = append(mods, moduleOf(bi, ip))
	}
	slices.Sort(mods)
	for _, m := range slices.Compact(mods) {
		fmt.Fprintf(h, "module %s\n", m)
	}
}

// isStd reports whether the import path belongs to the standard library,
// whose first element has no dot.
func isStd(importPath string) bool {
	first, _, _ := strings.Cut(importPath, "/")
	return !strings.Contains(first, ".")
}

// moduleOf returns "path version" of the module that provides importPath
// (the dependency with the longest path that is a prefix of it, following
// replacements), "path (main)" for the main module, or the import path
// itself followed by "(unknown)".
func moduleOf(bi *debug.BuildInfo, importPath string) string {
	within := func(mod string) bool {
		return importPath == mod || strings.HasPrefix(importPath, mod+"/")
	}
	var best *debug.Module
	for _, m := range bi.Deps {
		if within(m.Path) && (best == nil || len(m.Path) > len(best.Path)) {
			best = m
		}
	}
	if best == nil {
		if within(bi.Main.Path) {
			return bi.Main.Path + " (main)"
		}
		return importPath + " (unknown)"
	}
	if r := best.Replace; r != nil {
		return fmt.Sprintf("%s %s => %s %s %s", best.Path, best.Version, r.Path, r.Version, r.Sum)
	}
	return fmt.Sprintf("%s %s %s", best.Path, best.Version, best.Sum)
}
