package smp

import "github.com/smp-go/smp-go/smp/num"

// unitChunks splits [0, u) into chunks of at most size units.
func unitChunks(u, size int) [][2]int {
	var c [][2]int
	for lo := 0; lo < u; lo += size {
		c = append(c, [2]int{lo, min(lo+size, u)})
	}
	return c
}

// addRow adds src, converted to float64, into dst (len(dst) >= len(src)).
func addRow[T num.Float](dst []float64, src []T) {
	dst = dst[:len(src)]
	i := 0
	for ; i+8 <= len(src); i += 8 {
		s := src[i : i+8 : i+8]
		d := dst[i : i+8 : i+8]
		d[0] += float64(s[0])
		d[1] += float64(s[1])
		d[2] += float64(s[2])
		d[3] += float64(s[3])
		d[4] += float64(s[4])
		d[5] += float64(s[5])
		d[6] += float64(s[6])
		d[7] += float64(s[7])
	}
	for ; i < len(src); i++ {
		dst[i] += float64(src[i])
	}
}
