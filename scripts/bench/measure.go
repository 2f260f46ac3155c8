package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
)

// measurement is one run of a command.
type measurement struct {
	seconds           float64 // the time the command reports ("seconds S" on stdout), else wall time
	cpu               float64 // user + system seconds
	peakRSS, peakAnon int64   // bytes
	stderr            string
}

// measure runs args with extra environment variables and measures it.
func measure(args, env []string) (measurement, error) {
	var out, errb bytes.Buffer
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return measurement{}, err
	}
	var m measurement
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			wall := time.Since(start).Seconds()
			if err != nil {
				return m, fmt.Errorf("%w\n%s", err, errb.String())
			}
			m.seconds, m.stderr = wall, errb.String()
			if f := strings.Fields(out.String()); len(f) >= 2 && f[len(f)-2] == "seconds" {
				if s, err := strconv.ParseFloat(f[len(f)-1], 64); err == nil {
					m.seconds = s
				}
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				m.peakRSS = max(m.peakRSS, ru.Maxrss<<10) // Linux reports KiB
				m.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
			}
			return m, nil
		case <-tick.C:
			if b, err := os.ReadFile(status); err == nil {
				m.peakAnon = max(m.peakAnon, rssAnon(b))
			}
		}
	}
}

// rssAnon returns the RssAnon field of /proc/PID/status in bytes (0 if
// absent).
func rssAnon(status []byte) int64 {
	for line := range strings.Lines(string(status)) {
		if v, ok := strings.CutPrefix(line, "RssAnon:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// child runs one stage in this (fresh) process and prints "seconds S", the
// time of that stage alone: load, classify or stability.
func child(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: bench -child load|classify|stability FILE")
	}
	start := time.Now()
	t, err := data.LoadTrajectories(args[1])
	if err != nil {
		return err
	}
	defer t.Close()
	acts := t.Activations()
	switch args[0] {
	case "load":
	case "classify":
		start = time.Now()
		_, err = smp.Classify(acts, t.HD, t.Pos, t.WorldDistances, smp.ClassifyOptions{Seed: 1})
	case "stability":
		start = time.Now()
		_, err = smp.SpatialStability(t.Pos, acts)
	default:
		return fmt.Errorf("no stage %q", args[0])
	}
	if err != nil {
		return err
	}
	fmt.Println("seconds", time.Since(start).Seconds())
	return nil
}
