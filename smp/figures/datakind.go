package figures

import "fmt"

// DataKind says where a data set comes from, which decides the units
// panels A–E of figure 2 show (ChoosePanelUnits).
type DataKind int

const (
	// RealData is DeepMind's files: the trained model's recordings,
	// downloaded by go run ./scripts/download into data/real.
	RealData DataKind = iota + 1
	// SyntheticData is the simulated world made by go run ./scripts/synth
	// (a directory holding synth.ManifestFile): not DeepMind's model, but a
	// simulation whose planted cell types are known.
	SyntheticData
	// OtherData is any other directory in the same schema (for example a
	// small test set): neither DeepMind's pickles nor a generated world.
	OtherData
)

// String returns "real", "synthetic" or "other".
func (k DataKind) String() string {
	switch k {
	case RealData:
		return "real"
	case SyntheticData:
		return "synthetic"
	case OtherData:
		return "other"
	}
	return fmt.Sprintf("DataKind(%d)", int(k))
}
