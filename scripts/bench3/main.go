// Command bench3 times figure 3's computations (package smp/hdnet) and
// prints a table of medians over several runs, stage by stage.
//
// By default the network has random parameters of the real sizes (H = 32
// units, S = 512 memory slots, E = 64, 512 images); with -data it loads the
// real (or synthetic) data sets from a directory. Random parameters make every
// correction run converge at once, so the table adds the worst case: all 512
// images × 200 steps from B states, none stopping early.
//
//	go run ./scripts/bench3 -runs 5
//	go run ./scripts/bench3 -data data/real -runs 3
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
)

func main() {
	runs := flag.Int("runs", 5, "timed runs per stage (the median is reported)")
	data := flag.String("data", "", "directory with the parameters, visual_inputs and hd_stats data sets (default: random parameters)")
	workers := flag.Int("workers", 0, "goroutines (0: GOMAXPROCS)")
	seed := flag.Uint64("seed", 1, "seed of the random initial states (and of the random parameters)")
	worst := flag.String("worst", "16,32,64", "batch sizes B of the worst-case correction runs")
	flag.Parse()
	log.SetFlags(0)

	net, err := loadNetwork(*data, *seed)
	if err != nil {
		log.Fatal(err)
	}
	var sizes []int
	for _, s := range strings.Split(*worst, ",") {
		if s = strings.TrimSpace(s); s != "" {
			b, err := strconv.Atoi(s)
			if err != nil || b <= 0 {
				log.Fatalf("bad -worst batch size %q", s)
			}
			sizes = append(sizes, b)
		}
	}

	source := "random parameters (seed " + strconv.FormatUint(*seed, 10) + ")"
	if *data != "" {
		source = *data
	}
	fmt.Printf("figure 3 computations: %s, H=%d S=%d E=%d images=%d; GOMAXPROCS=%d, workers=%d, %d runs\n",
		source, net.H, net.S, net.E, net.NumImages, runtime.GOMAXPROCS(0), *workers, *runs)

	stages := []string{"demo (cell 9)", "pca (cell 10)", "random runs 1000x2000 (cell 11)", "attractors (cell 12)",
		"flows (panel E)", "autocovariance 2x1000x200 (panel F)", "corrections (cells 14-15)"}
	methods := func(a *hdnet.Analysis) []func() error {
		return []func() error{a.RunDemo, a.FitPCA, a.RunRandom, a.FindAttractors, a.RunFlows, a.RunAutocov, a.RunCorrections}
	}
	wall := make([][]time.Duration, len(stages))
	cpu := make([][]time.Duration, len(stages))
	var last *hdnet.Analysis
	for r := 0; r < *runs; r++ {
		a := hdnet.NewAnalysis(net, hdnet.Options{Seed: *seed, Workers: *workers})
		for i, f := range methods(a) {
			w, c, err := timeIt(f)
			if err != nil {
				log.Fatalf("%s: %v", stages[i], err)
			}
			wall[i] = append(wall[i], w)
			cpu[i] = append(cpu[i], c)
		}
		last = a
	}
	B := len(last.AttractorRuns)
	stages[len(stages)-1] += fmt.Sprintf(", B=%d", B)

	// Worst case: every image runs all 200 steps from B states.
	codes, err := net.ImageCodes(min(hdnet.CorrectionImages, net.NumImages))
	if err != nil {
		log.Fatal(err)
	}
	for _, b := range sizes {
		start := last.Init.Sample(hdnet.NewRand(*seed+1), b)
		var ws, cs []time.Duration
		for r := 0; r < *runs; r++ {
			w, c, err := timeIt(func() error {
				_, err := net.ConvergenceTimes(codes, start, last.PCA, hdnet.CorrectionOptions{
					Steps: hdnet.CorrectionSteps, Threshold: hdnet.ClusterThreshold, KeepRuns: true, Workers: *workers})
				return err
			})
			if err != nil {
				log.Fatal(err)
			}
			ws, cs = append(ws, w), append(cs, c)
		}
		stages = append(stages, fmt.Sprintf("worst-case corrections %dx200, B=%d", len(codes)/net.H, b))
		wall, cpu = append(wall, ws), append(cpu, cs)
	}

	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "stage\tmedian wall s\tmin wall s\tmedian CPU s\t")
	var total, totalCPU time.Duration
	for i, s := range stages {
		mw, mc := median(wall[i]), median(cpu[i])
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t\n", s, mw.Seconds(), slices.Min(wall[i]).Seconds(), mc.Seconds())
		if i < 7 {
			total += mw
			totalCPU += mc
		}
	}
	fmt.Fprintf(tw, "all of figure 3 (sum of the medians above the worst cases)\t%.3f\t\t%.3f\t\n", total.Seconds(), totalCPU.Seconds())
	if len(sizes) > 0 {
		i := len(stages) - 1
		wc := total - median(wall[6]) + median(wall[i])
		cc := totalCPU - median(cpu[6]) + median(cpu[i])
		fmt.Fprintf(tw, "all of figure 3, corrections replaced by the worst case B=%d\t%.3f\t\t%.3f\t\n", sizes[len(sizes)-1], wc.Seconds(), cc.Seconds())
	}
	tw.Flush()
	inf := last.NeverConverged()
	fmt.Printf("last run: %d HD cells, %d attractor states, %d of %d images never converged\n",
		len(last.HDCells), B, inf, len(last.Convergence))
}

func loadNetwork(dir string, seed uint64) (*hdnet.Network, error) {
	if dir == "" {
		return hdnet.RandomNetwork(32, 512, 64, hdnet.CorrectionImages, seed)
	}
	var ds [3]*data.Dataset
	for i, name := range []string{data.ParametersName, data.VisualInputsName, data.HDStatsName} {
		d, err := data.LoadDataset(dir, name)
		if err != nil {
			return nil, err
		}
		ds[i] = d
	}
	return hdnet.FromDatasets(ds[0], ds[1], ds[2])
}

// timeIt runs f and returns its wall-clock time and the CPU time (user +
// system, all threads) the process used meanwhile.
func timeIt(f func() error) (wall, cpu time.Duration, err error) {
	c0 := cpuTime()
	t0 := time.Now()
	err = f()
	return time.Since(t0), cpuTime() - c0, err
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
