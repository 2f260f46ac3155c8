package num_test

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/num"
)

// Percentile interpolates between order statistics as np.percentile does.
func ExamplePercentile() {
	v := []float64{3, 1, 4, 1, 5, 9, 2, 6}
	fmt.Println(num.Percentile(v, 50), num.Percentile(v, 99))
	// Output:
	// 3.5 8.79
}

// Histogram counts values into bins [e_i, e_i+1), the last bin closed, as
// np.histogram with explicit edges.
func ExampleHistogram() {
	counts, err := num.Histogram([]float64{0.1, 0.2, 0.5, 0.7, 1}, num.Linspace(0, 1, 5))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(counts)
	// Output:
	// [2 0 2 1]
}
