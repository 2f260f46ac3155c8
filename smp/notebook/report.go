package notebook

import (
	"fmt"
	"math"
	"strings"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/figures"
	"github.com/smp-go/smp-go/smp/num"
	"github.com/smp-go/smp-go/smp/synth"
)

// ClassificationReport prints what the original prints after classifying:
// the three thresholds and, for each type, the indices of its units in the
// concatenation RNN-1 | RNN-2 | RNN-3.
func ClassificationReport(c *smp.Classification) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HD threshold %.4f, egoBVC threshold %.4f, BVC threshold %.4f\n",
		c.HDThreshold, c.EgoThreshold, c.AlloThreshold)
	for _, k := range []struct {
		name string
		is   []bool
	}{{"HD", c.IsHD}, {"egoBVC", c.IsEgo}, {"BVC", c.IsAllo}} {
		var idx []string
		for u, ok := range k.is {
			if ok {
				idx = append(idx, fmt.Sprint(u))
			}
		}
		fmt.Fprintf(&b, "%s units (%d): [%s]\n", k.name, len(idx), strings.Join(idx, " "))
	}
	return b.String()
}

// StabilityReport summarises the spatial stability of each RNN's units in
// one line per RNN: the number of units, the median (NaNs ignored) and how
// many units exceed 0.5.
func StabilityReport(stability []float64, unitsPerRNN []int) (string, error) {
	per, err := smp.SplitByRNN(stability, unitsPerRNN)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for r, v := range per {
		above, undefined := 0, 0
		for _, x := range v {
			if x > 0.5 {
				above++
			} else if math.IsNaN(x) {
				undefined++
			}
		}
		fmt.Fprintf(&b, "RNN-%d: %d units, median stability %.2f, %d above 0.5", r+1, len(v), num.NaNMedian(v), above)
		if undefined > 0 {
			fmt.Fprintf(&b, " (%d undefined)", undefined)
		}
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// TruthReport compares figure 2's classification with the types planted in
// the synthetic world (synth.ReadTruth, synth.ScoreClassification):
// precision and recall of HD cells in RNN-1, egoBVCs in RNN-2 and BVCs in
// RNN-3, then the planted type of each unit of panels A–D.
// Other data has no ground truth: for any other kind of source it returns a
// sentence saying so.
func TruthReport(src *Source, c *smp.Classification, u *figures.PanelUnits) (string, error) {
	if src.Kind != figures.SyntheticData {
		return "No ground truth: only the synthetic world knows what each unit is.\n", nil
	}
	truth, err := synth.ReadTruth(src.Dir)
	if err != nil {
		return "", err
	}
	det, err := synth.ScoreClassification(truth, c.IsHD, c.IsEgo, c.IsAllo)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("Classification against the planted types:\n")
	for _, d := range det {
		fmt.Fprintf(&b, "  %s\n", d)
	}
	b.WriteString("Planted type of the units in panels A-D:\n")
	for _, p := range []struct {
		panel string
		rnn   int
		units []int
	}{{"A, B", 1, u.HD}, {"C", 2, u.Ego}, {"D", 3, u.Allo}} {
		var parts []string
		for _, k := range p.units {
			typ := "?"
			for _, t := range truth.Units {
				if t.RNN == p.rnn && t.Unit == k {
					typ = t.Type
					break
				}
			}
			parts = append(parts, fmt.Sprintf("%d %s", k, typ))
		}
		fmt.Fprintf(&b, "  %s (RNN-%d): %s\n", p.panel, p.rnn, strings.Join(parts, ", "))
	}
	return b.String(), nil
}
