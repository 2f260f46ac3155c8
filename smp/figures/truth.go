package figures

import (
	"fmt"
	"strings"

	"github.com/smp-go/smp-go/smp"
	"github.com/smp-go/smp-go/smp/synth"
)

// TruthReport compares figure 2's classification with the types planted in
// the synthetic world (synth.ReadTruth, synth.ScoreClassification):
// precision and recall of HD cells in RNN-1, egoBVCs in RNN-2 and BVCs in
// RNN-3, then the planted type of each unit of panels A–D (u may be nil).
// Real data has no ground truth: for any other kind of source it returns a
// sentence saying so.
func TruthReport(src DataSource, c *smp.Classification, u *PanelUnits) (string, error) {
	if src.Kind != SyntheticData {
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
	if u == nil {
		return b.String(), nil
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
