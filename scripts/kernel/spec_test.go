package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestKernelEnv(t *testing.T) {
	set := map[string]string{"GOPROXY": "https://proxy.example", "GOFLAGS": "", "HOME": "/h"}
	lookup := func(k string) (string, bool) { v, ok := set[k]; return v, ok }
	got := kernelEnv("/usr/local/go/bin", "/root/go/bin", lookup)
	want := map[string]string{
		"PATH":    "/usr/local/go/bin:/root/go/bin:${PATH}",
		"GOPROXY": "https://proxy.example",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("kernelEnv = %v, want %v", got, want)
	}
	if got := kernelEnv("/opt/go/bin", "/opt/go/bin", lookup)["PATH"]; got != "/opt/go/bin:${PATH}" {
		t.Errorf("same directory twice: PATH = %q", got)
	}
}

func TestRecordEnvKeepsTheSpec(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kernel.json")
	orig := `{"argv":["/k/gonb","--kernel","{connection_file}","-raw_error=true"],"display_name":"Go (gonb)","language":"go","interrupt_mode":"message","env":{}}` + "\n"
	if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"PATH": "/go/bin:${PATH}"}
	for range 2 { // a second install does not add the guard twice
		if err := recordSpec(path, env, "/k/smp-go-guard"); err != nil {
			t.Fatal(err)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got, want map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("rewritten spec is not JSON: %v\n%s", err, raw)
	}
	json.Unmarshal([]byte(orig), &want)
	want["env"] = map[string]any{"PATH": "/go/bin:${PATH}"}
	want["argv"] = append([]any{"/k/smp-go-guard"}, want["argv"].([]any)...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("spec = %v, want %v", got, want)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".kernel.json.*"))
	if len(left) > 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

func TestRecordEnvRejectsNonSpecs(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"notjson.json": "{argv",
		"noargv.json":  `{"display_name":"x"}`,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o644)
		err := recordSpec(path, map[string]string{"PATH": "x"}, "")
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming the file", name, err)
		}
		if b, _ := os.ReadFile(path); string(b) != content {
			t.Errorf("%s: changed to %q", name, b)
		}
	}
	if err := recordSpec(filepath.Join(dir, "missing.json"), nil, ""); err == nil {
		t.Error("missing file: no error")
	}
}
