package plot

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"testing"
)

// TestEncodeOpaquePNG checks that the parallel encoder writes the bytes of
// image/png with png.BestSpeed, on images of several sizes and contents.
func TestEncodeOpaquePNG(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range [][2]int{{1, 1}, {3, 7}, {200, 150}, {1024, 33}} {
		img := image.NewRGBA(image.Rect(0, 0, size[0], size[1]))
		for y := range size[1] {
			for x := range size[0] {
				v := uint8(x*y/7 + r.IntN(3))
				if r.IntN(10) == 0 {
					v = uint8(r.IntN(256))
				}
				img.Set(x, y, color.RGBA{v, uint8(x), uint8(y), 255})
			}
		}
		var got, want bytes.Buffer
		if err := encodePNG(&got, img); err != nil {
			t.Fatal(err)
		}
		if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&want, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%v: %d bytes, image/png writes %d, different", size, got.Len(), want.Len())
		}
	}
}
