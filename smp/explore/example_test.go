package explore_test

import (
	"fmt"
	"math"

	"github.com/smp-go/smp-go/smp/explore"
)

// Ratemaps travel to the browser as 8-bit codes over their own range;
// empty bins (NaN) get their own code.
func ExampleQuantize() {
	m := []float64{0.2, 0.5, math.NaN(), 1.4}
	lo, hi := explore.Range(m)
	q := explore.Quantize(nil, m, lo, hi)
	fmt.Println(q)
	// The page decodes code c as lo + c·(hi − lo)/MaxCode.
	for _, c := range q {
		if c == explore.NaNCode {
			fmt.Print("NaN ")
			continue
		}
		fmt.Printf("%.3f ", lo+float64(c)*(hi-lo)/explore.MaxCode)
	}
	// Output:
	// [0 64 255 254]
	// 0.200 0.502 NaN 1.400
}
