package hdnet

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/data"
)

// FromDatasets builds the Network from the three data sets of figure 3:
// params (the trained parameters, keys Key*), visual (KeyImages and
// KeyEmbeddings) and hdStats (KeyRVAngles and KeyRVLengths). visual and
// hdStats may be nil; within visual, the images may be missing (then only
// the embeddings are loaded). Errors name the file, the key and the shape
// expected, for example
//
//	parameters.npz: integrator/memory_map_0/column_context_3: want shape (S, H) with S = 512 from ... = (512, 32), got float32 array of shape (512, 31)
func FromDatasets(params, visual, hdStats *data.Dataset) (*Network, error) {
	if params == nil {
		return nil, fmt.Errorf("hdnet: FromDatasets: no parameters")
	}
	var p NetworkParams
	var err error
	source := map[string]string{}
	get := func(ds *data.Dataset, ndim int, key string, optional bool) *data.Array {
		if err != nil {
			return nil
		}
		source[key] = ds.Source
		if optional {
			if _, e := ds.Get(key); e != nil {
				return nil
			}
		}
		var a *data.Array
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
