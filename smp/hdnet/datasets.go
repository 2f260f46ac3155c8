package hdnet

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/smp-go/smp-go/smp"
)

// FromDatasets builds the Network from the three data sets of figure 3:
// params (the trained parameters, keys Key*), visual (KeyImages and
// KeyEmbeddings) and hdStats (KeyRVAngles and KeyRVLengths). visual and
// hdStats may be nil; within visual, the images may be missing (then only
// the embeddings are loaded). Errors name the file, the key and the shape
// expected, for example
//
//	parameters.npz: integrator/memory_map_0/column_context_3: want shape (S, H) with S = 512 from ... = (512, 32), got float32 array of shape (512, 31)
func FromDatasets(params, visual, hdStats *smp.Dataset) (*Network, error) {
	if params == nil {
		return nil, fmt.Errorf("hdnet: FromDatasets: no parameters")
	}
	var p NetworkParams
	var err error
	source := map[string]string{}
	get := func(ds *smp.Dataset, ndim int, key string, optional bool) *smp.Array {
		if err != nil {
			return nil
		}
		source[key] = ds.Source
		if optional {
			if _, e := ds.Get(key); e != nil {
				return nil
			}
		}
		var a *smp.Array
		if key == KeyImages {
			a, err = ds.Array(key)
		} else {
			a, err = ds.FloatArray(ndim, key)
		}
		return a
	}
	p.PredictionW = get(params, 2, KeyPredictionW, false)
	p.PredictionB = get(params, 1, KeyPredictionB, false)
	p.CorrectionW = get(params, 2, KeyCorrectionW, false)
	p.CorrectionB = get(params, 1, KeyCorrectionB, false)
	p.MemoryHD = get(params, 2, KeyMemoryHD, false)
	p.MemoryVis = get(params, 2, KeyMemoryVis, false)
	p.Written = get(params, 2, KeyWritten, false)
	if visual != nil {
		p.Embeddings = get(visual, 2, KeyEmbeddings, false)
		p.Images = get(visual, 4, KeyImages, true)
	}
	if hdStats != nil {
		p.RVAngles = get(hdStats, 1, KeyRVAngles, false)
		p.RVLengths = get(hdStats, 1, KeyRVLengths, false)
	}
	if err != nil {
		return nil, err
	}
	if p.Beta, err = params.Scalar(KeyBeta); err != nil {
		return nil, err
	}
	n, err := NewNetwork(p)
	var se *ShapeError
	if errors.As(err, &se) && source[se.Key] != "" {
		return nil, fmt.Errorf("%s: %w", source[se.Key], err)
	}
	return n, err
}

// Datasets returns the network as figure 3's three data sets, the inverse of
// FromDatasets: params (keys KeyPrediction*, KeyCorrection*, KeyMemory*,
// KeyWritten, KeyBeta), visual (KeyEmbeddings and, when present, KeyImages)
// and hdStats (KeyRVAngles, KeyRVLengths). visual is nil without
// embeddings, hdStats nil without resultant vectors. Arrays share the
// network's storage.
func (n *Network) Datasets() (params, visual, hdStats smp.Dict) {
	H, S := n.H, n.S
	params = smp.Dict{
		KeyPredictionW: smp.NewFloat64(n.Prediction.W, 2+H, 4*H),
		KeyPredictionB: smp.NewFloat64(n.Prediction.B, 4*H),
		KeyCorrectionW: smp.NewFloat64(n.Correction.W, 2*H, 4*H),
		KeyCorrectionB: smp.NewFloat64(n.Correction.B, 4*H),
		KeyMemoryHD:    smp.NewFloat64(n.MemoryHD, S, H),
		KeyMemoryVis:   smp.NewFloat64(n.MemoryVis, S, n.E),
		KeyWritten:     smp.NewFloat64(n.Written, S, H),
		KeyBeta:        &smp.Array{Shape: []int{}, Data: []float64{n.Beta}},
	}
	if n.Embeddings != nil {
		visual = smp.Dict{KeyEmbeddings: smp.NewFloat64(n.Embeddings, n.NumImages, n.E)}
		if n.Images != nil {
			visual[KeyImages] = &smp.Array{Shape: []int{n.NumImages, n.ImageH, n.ImageW, 3}, Data: n.Images}
		}
	}
	if n.RVAngles != nil && n.RVLengths != nil {
		hdStats = smp.Dict{
			KeyRVAngles:  smp.NewFloat64(n.RVAngles, H),
			KeyRVLengths: smp.NewFloat64(n.RVLengths, H),
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
		d    smp.Dict
	}{{smp.ParametersName, params}, {smp.VisualInputsName, visual}, {smp.HDStatsName, hdStats}} {
		if f.d == nil {
			continue
		}
		if err := smp.WriteNPZ(filepath.Join(dir, f.name+".npz"), f.d); err != nil {
			return fmt.Errorf("hdnet: %w", err)
		}
	}
	return nil
}
