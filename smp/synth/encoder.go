package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Encoder is the fixed visual encoder that turns a view into its embedding
// y (E values, unit length):
//
//  1. pooled colour features: the image is cut into GridY x GridX cells
//     (cell (i, j) holds rows [i*H/GridY, (i+1)*H/GridY) and columns
//     [j*W/GridX, (j+1)*W/GridX), integer division) and each cell's mean R, G
//     and B (bytes / 255) are the F = 3*GridY*GridX features f;
//  2. standardisation: z = (f - Mean) / Std, with Mean and Std the feature
//     means and standard deviations over the views of RefPoses reference poses
//     (an 8 x 8 grid of positions in [-0.9, 0.9]^2 m, 16 headings each);
//  3. a fixed random projection: p = P z, P [E, F] with N(0, 1/F) entries;
//  4. normalisation: y = p / |p|.
type Encoder struct {
	E            int       // embedding size
	GridY, GridX int       // pooling cells per column and per row
	W, H         int       // image size the encoder expects, pixels
	Mean, Std    []float64 // [F] feature standardisation
	P            []float64 // [E, F] row-major projection
}

// RefPoses is the number of reference views used to standardise features.
const RefPoses = 8 * 8 * 16

// NewEncoder builds the encoder for views of cam in ar, with embedding size
// e and gy x gx pooling cells; rng draws the projection.
func NewEncoder(ar Arena, cam Camera, e, gy, gx int, rng *rand.Rand) (*Encoder, error) {
	if e < 1 || gy < 1 || gx < 1 || gy > cam.H || gx > cam.W {
		return nil, fmt.Errorf("encoder: bad sizes E=%d grid %dx%d for %dx%d images", e, gy, gx, cam.H, cam.W)
	}
	nf := 3 * gy * gx
	enc := &Encoder{E: e, GridY: gy, GridX: gx, W: cam.W, H: cam.H,
		Mean: make([]float64, nf), Std: make([]float64, nf), P: make([]float64, e*nf)}
	sd := 1 / math.Sqrt(float64(nf))
	for i := range enc.P {
		enc.P[i] = sd * rng.NormFloat64()
	}
	img := make([]uint8, cam.W*cam.H*3)
	f := make([]float64, nf)
	sq := make([]float64, nf)
	for i := 0; i < 8; i++ {
		for j := 0; j < 8; j++ {
			for k := 0; k < 16; k++ {
				x, y := -0.9+1.8*float64(i)/7, -0.9+1.8*float64(j)/7
				if err := cam.Render(ar, x, y, -math.Pi+2*math.Pi*float64(k)/16, img); err != nil {
					return nil, err
				}
				enc.pool(img, f)
				for m, v := range f {
					enc.Mean[m] += v
					sq[m] += v * v
				}
			}
		}
	}
	for m := range enc.Mean {
		enc.Mean[m] /= RefPoses
		enc.Std[m] = math.Sqrt(math.Max(sq[m]/RefPoses-enc.Mean[m]*enc.Mean[m], 0)) + 1e-3
	}
	return enc, nil
}

// Features returns the number F of pooled features.
func (enc *Encoder) Features() int { return 3 * enc.GridY * enc.GridX }

// pool writes the pooled colour features of img into f.
func (enc *Encoder) pool(img []uint8, f []float64) {
	clear(f)
	for i := 0; i < enc.GridY; i++ {
		r0, r1 := i*enc.H/enc.GridY, (i+1)*enc.H/enc.GridY
		for j := 0; j < enc.GridX; j++ {
			c0, c1 := j*enc.W/enc.GridX, (j+1)*enc.W/enc.GridX
			cell := f[(i*enc.GridX+j)*3 : (i*enc.GridX+j)*3+3]
			for r := r0; r < r1; r++ {
				row := img[(r*enc.W+c0)*3 : (r*enc.W+c1)*3]
				for p := 0; p < len(row); p += 3 {
					cell[0] += float64(row[p])
					cell[1] += float64(row[p+1])
					cell[2] += float64(row[p+2])
				}
			}
			n := 255 * float64((r1-r0)*(c1-c0))
			cell[0] /= n
			cell[1] /= n
			cell[2] /= n
		}
	}
}

// Encode writes the embedding of img ([H, W, 3] bytes) into y (length E).
// scratch, if not nil, must hold at least F values and is used as working
// space (pass one per goroutine to avoid allocation).
func (enc *Encoder) Encode(img []uint8, y []float64, scratch []float64) error {
	if len(img) != enc.W*enc.H*3 || len(y) != enc.E {
		return fmt.Errorf("encoder: want a %dx%dx3 image and %d outputs, got %d bytes and %d outputs", enc.H, enc.W, enc.E, len(img), len(y))
	}
	nf := enc.Features()
	if len(scratch) < nf {
		scratch = make([]float64, nf)
	}
	f := scratch[:nf]
	enc.pool(img, f)
	for m := range f {
		f[m] = (f[m] - enc.Mean[m]) / enc.Std[m]
	}
	norm := 0.0
	for e := range y {
		s := 0.0
		for m, v := range enc.P[e*nf : (e+1)*nf] {
			s += v * f[m]
		}
		y[e] = s
		norm += s * s
	}
	norm = math.Sqrt(norm)
	if norm == 0 {
		return fmt.Errorf("encoder: image has zero projection")
	}
	for e := range y {
		y[e] /= norm
	}
	return nil
}
