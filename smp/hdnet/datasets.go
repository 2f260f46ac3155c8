package hdnet

import (
	"fmt"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/data"
)

// Datasets returns the network as figure 3's three data sets, the inverse of
// FromDatasets: params (keys KeyPrediction*, KeyCorrection*, KeyMemory*,
// KeyWritten, KeyBeta), visual (KeyEmbeddings and, when present, KeyImages)
// and hdStats (KeyRVAngles, KeyRVLengths). visual is nil without
// embeddings, hdStats nil without resultant vectors. Arrays share the
// network's storage.
func (n *Network) Datasets() (params, visual, hdStats data.Dict) {
	H, S := n.H, n.S
	params = data.Dict{
		KeyPredictionW: data.New(n.Prediction.W, 2+H, 4*H),
		KeyPredictionB: data.New(n.Prediction.B, 4*H),
		KeyCorrectionW: data.New(n.Correction.W, 2*H, 4*H),
		KeyCorrectionB: data.New(n.Correction.B, 4*H),
		KeyMemoryHD:    data.New(n.MemoryHD, S, H),
		KeyMemoryVis:   data.New(n.MemoryVis, S, n.E),
		KeyWritten:     data.New(n.Written, S, H),
		KeyBeta:        data.New([]float64{n.Beta}),
	}
	if n.Embeddings != nil {
		visual = data.Dict{KeyEmbeddings: data.New(n.Embeddings, n.NumImages, n.E)}
		if n.Images != nil {
			visual[KeyImages] = data.New(n.Images, n.NumImages, n.ImageH, n.ImageW, 3)
		}
	}
	if n.RVAngles != nil && n.RVLengths != nil {
		hdStats = data.Dict{
			KeyRVAngles:  data.New(n.RVAngles, H),
			KeyRVLengths: data.New(n.RVLengths, H),
		}
	}
	return params, visual, hdStats
}

// WriteNPZ writes the network's data sets (see Datasets) into dir as
// parameters.npz, visual_inputs.npz and hd_stats.npz, the files FromDatasets
// reads back; absent parts are not written.
func (n *Network) WriteNPZ(dir string) error {
	params, visual, hdStats := n.Datasets()
	for _, f := range []struct {
		name string
		d    data.Dict
	}{{data.ParametersName, params}, {data.VisualInputsName, visual}, {data.HDStatsName, hdStats}} {
		if f.d == nil {
			continue
		}
		if err := data.WriteNPZ(filepath.Join(dir, f.name+".npz"), f.d); err != nil {
			return fmt.Errorf("hdnet: %w", err)
		}
	}
	return nil
}
