package figures_test

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/figures"
)

// Panel F of figure 2 drawn on its own, from the spatial stability of each
// unit (here made up: two units per RNN). In a notebook, f.Display() shows
// it; the whole figure (figures.Figure2) draws the same panel with the same
// code.
func ExampleFigure2F() {
	stability := []float64{0.1, 0.3, 0.8, 0.85, 0.9, 0.95} // RNN-1, RNN-2, RNN-3
	f, err := figures.Figure2F(stability, []int{2, 2, 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	w, h := f.DisplaySize()
	pw, ph := f.PixelSize()
	fmt.Printf("panel F: shown at %d × %d, a PNG of %d × %d pixels\n", w, h, pw, ph)

	// Values that do not match the RNNs' sizes are an error, not a picture.
	_, err = figures.Figure2F(stability, []int{2, 2})
	fmt.Println(err != nil)
	// Output:
	// panel F: shown at 405 × 378, a PNG of 810 × 756 pixels
	// true
}
