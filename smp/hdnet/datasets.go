package hdnet

import (
	"errors"
	"fmt"

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
