package cache

import (
	"reflect"
	"runtime"
	"testing"
	"testing/fstest"
)

const isDarwin = runtime.GOOS == "darwin"

func typeOf[T any]() reflect.Type { return reflect.TypeFor[T]() }

func TestCodeID(t *testing.T) {
	id, err := CodeID()
	if err != nil {
		t.Fatal(err)
	}
	if id2, _ := CodeID(); len(id) != 64 || id2 != id {
		t.Fatalf("CodeID %q then %q, want 64 stable hex digits", id, id2)
	}

	tree := func(files map[string]string) string {
		fsys := fstest.MapFS{}
		for p, s := range files {
			fsys[p] = &fstest.MapFile{Data: []byte(s)}
		}
		id, err := codeID(fsys)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	base := map[string]string{
		"ratemap.go":         "package smp\n",
		"data/npz.go":        "package data\nimport \"gonum.org/v1/gonum/mat\"\n",
		"hdnet/vec_amd64.s":  "TEXT ·f(SB)\n",
		"data/npz_test.go":   "package data\n",
		"data/testdata/x.py": "print(1)\n",
		"README.md":          "readme\n",
	}
	with := func(p, s string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		m[p] = s
		return m
	}
	id0 := tree(base)
	for name, files := range map[string]map[string]string{
		"Go source changed":   with("ratemap.go", "package smp\n// changed\n"),
		"assembly changed":    with("hdnet/vec_amd64.s", "TEXT ·g(SB)\n"),
		"package added":       with("num/sum.go", "package num\n"),
		"file moved":          {"ratemap.go": base["ratemap.go"], "num/npz.go": base["data/npz.go"], "hdnet/vec_amd64.s": base["hdnet/vec_amd64.s"]},
		"import of other dep": with("data/npz.go", "package data\nimport \"codeberg.org/sbinet/npyio\"\n"),
	} {
		if tree(files) == id0 {
			t.Errorf("%s: CodeID unchanged", name)
		}
	}
	for name, files := range map[string]map[string]string{
		"test changed":     with("data/npz_test.go", "package data\n// more tests\n"),
		"testdata changed": with("data/testdata/x.py", "print(2)\n"),
		"docs changed":     with("README.md", "more\n"),
	} {
		if tree(files) != id0 {
			t.Errorf("%s: CodeID changed", name)
		}
	}
	if _, err := codeID(fstest.MapFS{"bad.go": {Data: []byte("package x\nimport (")}}); err == nil {
		t.Error("unparsable source: no error")
	}
}
