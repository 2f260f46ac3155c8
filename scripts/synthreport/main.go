// Command synthreport measures the synthetic world's criteria
// (../shared/spec/synthetic.md) on a generated data set:
//
//   - figure 2's classification (smp.Classify) against the planted types:
//     precision and recall of HD in RNN-1, egoBVC in RNN-2, BVC in RNN-3;
//   - how place-like the memory slots are (synth.ScorePlaceFields);
//   - RNN-1's resultant vectors (hd_stats) against the planted headings;
//   - coverage of the arena and the share of ambiguous images;
//   - with -hdnet, the head-direction network's figure-3 criteria on the
//     world's own memory and images: time to convergence of the attractor
//     states under each of the first 512 images' correction codes.
//
// Usage:
//
//	go run ./scripts/synthreport [-dir data/synthetic] [-hdnet data/hdnet/params.npz] [-shuffles 1000]
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"time"

	"gonum.org/v1/gonum/floats"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/data"
	"github.com/smp-go/smp-go/smp/hdnet"
	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/synth"
	"github.com/smp-go/smp-go/smp/synth/hdtrain"
)

func main() {
	dir := flag.String("dir", "data/synthetic", "directory of the synthetic world")
	params := flag.String("hdnet", "", "head-direction LSTM parameters: also measure visual correction on the world's images")
	shuffles := flag.Int("shuffles", 1000, "shuffles per unit for the classification thresholds")
	seed := flag.Int64("seed", 1, "seed of the classification's shuffles")
	flag.Parse()
	if err := run(*dir, *params, *shuffles, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "synthreport:", err)
		os.Exit(1)
	}
}

func run(dir, params string, shuffles int, seed int64) error {
	start := time.Now()
	man, err := synth.ReadManifest(dir)
	if err != nil {
		return err
	}
	truth, err := synth.ReadTruth(dir)
	if err != nil {
		return err
	}
	fmt.Printf("world: %s, version %s, seed %d, %d x %d, HD network: %s\n", dir, man.Version, man.Seed, man.Trajectories, man.Steps, man.HDNetwork)
	for _, f := range man.Files {
		fmt.Printf("  %-20s %10.1f MB\n", f.Name, float64(f.Bytes)/1e6)
	}
	tr, err := data.LoadTrajectories(filepath.Join(dir, data.TrajectoriesName+".npz"))
	if err != nil {
		return err
	}
	fmt.Printf("loaded %d samples in %.1fs\n", tr.N(), time.Since(start).Seconds())

	coverage(tr)

	t0 := time.Now()
	c, err := smp.Classify(tr.Activations(), tr.HD, tr.Pos, tr.WorldDistances, smp.ClassifyOptions{NShuffles: shuffles, Seed: seed})
	if err != nil {
		return err
	}
	fmt.Printf("\nclassification (%d shuffles, %.1fs): thresholds HD %.3f, ego %.3f, allo %.3f\n", shuffles, time.Since(t0).Seconds(), c.HDThreshold, c.EgoThreshold, c.AlloThreshold)
	det, err := synth.ScoreClassification(truth, c.IsHD, c.IsEgo, c.IsAllo)
	if err != nil {
		return err
	}
	for _, d := range det {
		fmt.Println("  " + d.String())
	}
	counts, err := c.TypeCounts(tr.UnitsPerRNN())
	if err != nil {
		return err
	}
	for _, k := range counts {
		fmt.Println(k)
	}
	angleErrors(truth, c)

	fmt.Println()
	for k, lp := range tr.LogPsGivenY {
		s := lp.Shape[1]
		var written []synth.SlotTruth
		if k < len(truth.Maps) {
			written = truth.Maps[k]
		}
		pf, err := synth.ScorePlaceFields(tr.Pos.Float32(), lp.Float32(), s, written)
		if err != nil {
			return err
		}
		fmt.Printf("memory map %d: %d slots, place-like %.1f%% (one field %d), median field %.3f m^2, median peak-to-write distance %.3f m\n",
			k, s, 100*pf.PlaceLike(), pf.SingleField, pf.MedianFieldArea(), pf.MedianPeakDistance())
	}

	stats, err := data.LoadDataset(dir, data.HDStatsName)
	if err != nil {
		return err
	}
	lengths, err := stats.FloatArray(1, "rnn0_rv_lengths")
	if err != nil {
		return err
	}
	above := 0
	for _, v := range lengths.Float64() {
		if v > 0.56 {
			above++
		}
	}
	fmt.Printf("\nhd_stats: %d of %d RNN-1 units have resultant length > 0.56 (figure 3's selection); lengths %s\n", above, lengths.Len(), summary(lengths.Float64()))

	n512 := min(512, len(truth.Images))
	var amb, amb512 int
	for i, im := range truth.Images {
		if im.Ambiguous {
			amb++
			if i < n512 {
				amb512++
			}
		}
	}
	fmt.Printf("images: %d of %d ambiguous (only the look-alike north/south walls in view); %d of the first %d\n", amb, len(truth.Images), amb512, n512)

	if params != "" {
		if err := correction(dir, params, truth); err != nil {
			return err
		}
	}
	fmt.Printf("\ntotal %.1fs\n", time.Since(start).Seconds())
	return nil
}

// coverage prints how much of the arena the rat visits.
func coverage(tr *data.Trajectories) {
	pos := tr.Pos.Float64()
	n := tr.N()
	const nb = 22 // 10 cm bins over 2.2 m
	occ := make([]int, nb*nb)
	near := 0
	minD := math.Inf(1)
	for i := 0; i < n; i++ {
		x, y := pos[2*i], pos[2*i+1]
		bx := min(nb-1, max(0, int((x+1.1)/0.1)))
		by := min(nb-1, max(0, int((y+1.1)/0.1)))
		occ[bx*nb+by]++
		d := math.Min(math.Min(1.1-x, 1.1+x), math.Min(1.1-y, 1.1+y))
		minD = math.Min(minD, d)
		if d < 0.05 {
			near++
		}
	}
	empty := 0
	for _, c := range occ {
		if c == 0 {
			empty++
		}
	}
	fmt.Printf("coverage: %d of %d 10-cm bins visited, %.1f%% of samples within 5 cm of a wall, closest %.3f m\n", nb*nb-empty, nb*nb, 100*float64(near)/float64(n), minD)
}

// angleErrors prints how well the classification's preferred directions
// and distances match the planted ones, for the correctly detected units.
func angleErrors(truth *synth.Truth, c *smp.Classification) {
	var hdErr, egoErr, alloErr, egoD, alloD []float64
	for i, u := range truth.Units {
		if u.AnalysisAngle == nil {
			continue
		}
		switch {
		case u.Type == synth.TypeHD && c.IsHD[i]:
			hdErr = append(hdErr, math.Abs(smp.WrapAngle(c.HDAngle[i]-*u.AnalysisAngle)))
		case u.Type == synth.TypeEgoBVC && c.IsEgo[i]:
			egoErr = append(egoErr, math.Abs(smp.WrapAngle(c.EgoAngle[i]-*u.AnalysisAngle)))
			egoD = append(egoD, math.Abs(c.EgoDistance[i]-*u.Distance))
		case u.Type == synth.TypeBVC && c.IsAllo[i]:
			alloErr = append(alloErr, math.Abs(smp.WrapAngle(c.AlloAngle[i]-*u.AnalysisAngle)))
			alloD = append(alloD, math.Abs(c.AlloDistance[i]-*u.Distance))
		}
	}
	for _, v := range [][]float64{hdErr, egoErr, alloErr} {
		floats.Scale(180/math.Pi, v)
	}
	fmt.Printf("preferred-direction error (degrees, detected units): HD %s; egoBVC %s; BVC %s\n", summary(hdErr), summary(egoErr), summary(alloErr))
	fmt.Printf("preferred-distance error (m): egoBVC %s; BVC %s\n", summary(egoD), summary(alloD))
}

// summary formats the median and range of v.
func summary(v []float64) string {
	if len(v) == 0 {
		return "none"
	}
	return fmt.Sprintf("median %.3f [%.3f, %.3f]", num.NaNMedian(v), floats.Min(v), floats.Max(v))
}

// correction runs figure 3's visual-correction experiment with the network
// in paramsPath and the world's memory (map 0) and images: attractor states
// from figure 3's random initial states (hdtrain.Model.Figure3), then for
// each of the first 512 images 200 steps of correction + zero-velocity
// prediction; the time to convergence.
func correction(dir, paramsPath string, truth *synth.Truth) error {
	t0 := time.Now()
	m, err := hdtrain.Load(paramsPath)
	if err != nil {
		return err
	}
	params, err := data.LoadDataset(dir, data.ParametersName)
	if err != nil {
		return err
	}
	vis, err := data.LoadDataset(dir, data.VisualInputsName)
	if err != nil {
		return err
	}
	net, err := hdnet.FromDatasets(params, vis, nil)
	if err != nil {
		return err
	}
	f, err := m.Figure3(hdnet.RandomRunsCount, hdnet.RandomRunsSteps, hdnet.NewRand(7))
	if err != nil {
		return err
	}
	ni := min(hdnet.CorrectionImages, net.NumImages)
	codes, err := net.ImageCodes(ni)
	if err != nil {
		return err
	}
	cv, err := m.Network().ConvergenceTimes(codes, f.Attractors, f.PCA, hdnet.CorrectionOptions{Steps: hdnet.CorrectionSteps, Threshold: hdnet.ClusterThreshold})
	if err != nil {
		return err
	}
	quick, never := hdnet.ConvergenceExamples(cv, hdnet.CorrectionSteps)
	// ambiguous counts the images of idx that the truth marks ambiguous.
	ambiguous := func(idx []int) (k int) {
		for _, i := range idx {
			if i < len(truth.Images) && truth.Images[i].Ambiguous {
				k++
			}
		}
		return k
	}
	amb := 0
	for _, im := range truth.Images[:min(ni, len(truth.Images))] {
		if im.Ambiguous {
			amb++
		}
	}
	fmt.Printf("\nvisual correction (figure 3 cells 12-15, %d attractor states, %d images, %.1fs): demo MAE %.3f rad\n", len(f.Attractors)/net.H, ni, time.Since(t0).Seconds(), f.Demo.MAE)
	fmt.Printf("  converge within 10 steps: %d (%.1f%%); never in 200 steps: %d (%.1f%%)\n", len(quick), 100*float64(len(quick))/float64(ni), len(never), 100*float64(len(never))/float64(ni))
	fmt.Printf("  unambiguous images converging within 10 steps: %d of %d; ambiguous images never converging: %d of %d\n", len(quick)-ambiguous(quick), ni-amb, ambiguous(never), amb)
	return nil
}
