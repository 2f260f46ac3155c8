package main

import (
	"errors"
	"strings"
	"testing"
)

func TestGuidance(t *testing.T) {
	find := func(have ...string) func(string) (string, error) {
		return func(tool string) (string, error) {
			for _, h := range have {
				if h == tool {
					return "/bin/" + tool, nil
				}
			}
			return "", errors.New("not found")
		}
	}
	if line := guidance(missingTools(find("go", "goimports")), "/p"); line != "" {
		t.Errorf("nothing missing: guidance %q, want none", line)
	}
	for _, tc := range []struct {
		have []string
		want string
	}{
		{nil, "smp-go: go and goimports are not on the kernel's PATH (/p): install Go"},
		{[]string{"goimports"}, "smp-go: go is not on the kernel's PATH (/p): install Go"},
		{[]string{"go"}, "smp-go: goimports is not on the kernel's PATH (/p): run  go run ./scripts/kernel"},
	} {
		line := guidance(missingTools(find(tc.have...)), "/p")
		if !strings.HasPrefix(line, tc.want) || strings.Contains(line, "\n") {
			t.Errorf("with %v: guidance %q, want one line starting %q", tc.have, line, tc.want)
		}
	}
}

func TestConnectionFile(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"/k/gonb", "--kernel", "/r/c.json", "-raw_error=false"}, "/r/c.json"},
		{[]string{"/k/gonb", "-kernel=/r/c.json"}, "/r/c.json"},
		{[]string{"/k/gonb", "--kernel"}, ""},
		{[]string{"/k/gonb"}, ""},
	} {
		if got := connectionFile(tc.args); got != tc.want {
			t.Errorf("connectionFile(%q) = %q, want %q", tc.args, got, tc.want)
		}
	}
}
