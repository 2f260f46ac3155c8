package hdnet_test

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/hdnet"
)

// One LSTM step, by hand-sized weights: one input, one unit. W is
// [In+H, 4H] = [2, 4] (rows: the input, then h; columns: the gates i, j,
// f, o), b is [4H]. With x = 1 and h = c = 0 the step computes
// c' = σ(0+1)·0 + σ(1)·tanh(1) = 0.5568 and h' = σ(c')·σ(1) = 0.4647.
func ExampleLSTM_Step() {
	w := []float64{
		1, 1, 0, 1, // from x: i, j, f, o
		0, 0, 0, 0, // from h
	}
	l := &hdnet.LSTM{In: 1, H: 1, W: w, B: make([]float64, 4)}
	x, h, c := []float64{1}, []float64{0}, []float64{0}
	for t := 1; t <= 3; t++ {
		l.Step(x, h, c, 1, make([]float64, 4))
		fmt.Printf("step %d: h = %.4f, c = %.4f\n", t, h[0], c[0])
	}
	// Output:
	// step 1: h = 0.4647, c = 0.5568
	// step 2: h = 0.5292, c = 0.9638
	// step 3: h = 0.5697, c = 1.2614
}

// Unroll runs the prediction LSTM at a fixed angular velocity from a batch
// of initial states, the cell state starting equal to the hidden state, and
// returns every step, the initial states first: [steps+1, B, H].
func ExampleNetwork_Unroll() {
	// A network with random parameters: H = 8 units, 16 memory slots,
	// embeddings of 4 values, 4 images.
	net, err := hdnet.RandomNetwork(8, 16, 4, 4, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	h0 := net.Written[:2*net.H] // two written states as the batch
	traj, err := net.Unroll(h0, 0.16, 20)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("values:", len(traj), "= (20+1) ×", 2, "×", net.H)
	last := traj[20*2*net.H : 20*2*net.H+net.H]
	fmt.Printf("state 0 after 20 steps, unit 0: %.3f\n", last[0])
	// Output:
	// values: 336 = (20+1) × 2 × 8
	// state 0 after 20 steps, unit 0: 0.013
}

// The PCA of cell 10 and the attractor selection of cell 12: states on an
// ellipse in two units with a small third unit, projected to the PCA plane
// and ordered by their angle there; states less than 0.1° apart count
// once. The eigenvalues come in the solver's order, as np.linalg.eig
// returns them (here the units' order, since the covariance is diagonal).
func ExampleFitPCA() {
	const n = 8
	var states []float64 // [2n, 3]: n headings, each twice
	for k := 0; k < 2*n; k++ {
		a := 2 * math.Pi * float64(k%n) / n
		states = append(states, math.Cos(a), 0.5*math.Sin(a), 0.1*math.Cos(3*a))
	}
	pca, err := hdnet.FitPCA(states, 3, []int{0, 1, 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("variances: %.4f %.4f %.4f\n", pca.Values[0], pca.Values[1], pca.Values[2])
	proj := pca.ProjectAll(states, 3)
	attractors := hdnet.AttractorIndices(proj)
	fmt.Println(len(attractors), "attractor states of", 2*n)
	// Output:
	// variances: 0.5333 0.1333 0.0053
	// 8 attractor states of 16
}
