package plot

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"
)

// encodeOpaquePNG writes an opaque img as PNG exactly as the standard
// library's png.Encoder with png.BestSpeed writes it (RGB rows, each with
// the filter that minimises the sum of absolute differences, deflated at
// level 1 into IDAT chunks of 32 kB), but chooses and applies the rows'
// filters on all CPUs first, since a row's filter depends only on that row
// and the one above; only the compression is sequential. The filter
// heuristic (filterRow) is image/png's, operation for operation.
func encodeOpaquePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	width, height := b.Dx(), b.Dy()
	sz := 1 + 3*width // filter type, then RGB
	rows := make([]byte, height*sz)
	workers := min(runtime.GOMAXPROCS(0), height)
	var wg sync.WaitGroup
	for k := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var cr [5][]byte
			for i := range cr {
				cr[i] = make([]byte, sz)
				cr[i][0] = byte(i)
			}
			pr := make([]byte, sz)
			y0, y1 := k*height/workers, (k+1)*height/workers
			if y0 > 0 {
				rgbRow(pr, img, y0-1)
			}
			for y := y0; y < y1; y++ {
				rgbRow(cr[0], img, y)
				f := filterRow(&cr, pr, 3)
				copy(rows[y*sz:(y+1)*sz], cr[f])
				pr, cr[0] = cr[0], pr
				cr[0][0] = 0
			}
		}()
	}
	wg.Wait()

	cw := &chunkWriter{w: w}
	_, cw.err = io.WriteString(w, "\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:4], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:8], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits, true colour
	cw.chunk(ihdr[:], "IHDR")
	bw := bufio.NewWriterSize(cw, 1<<15)
	zw, err := zlib.NewWriterLevel(bw, zlib.BestSpeed)
	if err != nil {
		return err
	}
	if _, err := zw.Write(rows); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	cw.chunk(nil, "IEND")
	return cw.err
}

// rgbRow sets dst[1:] to row y of img as RGB bytes.
func rgbRow(dst []byte, img *image.RGBA, y int) {
	j := (y - img.Rect.Min.Y) * img.Stride
	for i := 1; i < len(dst); i += 3 {
		dst[i], dst[i+1], dst[i+2] = img.Pix[j], img.Pix[j+1], img.Pix[j+2]
		j += 4
	}
}

// chunkWriter writes each Write as one IDAT chunk, as image/png does.
type chunkWriter struct {
	w   io.Writer
	err error
}

func (c *chunkWriter) Write(b []byte) (int, error) {
	c.chunk(b, "IDAT")
	if c.err != nil {
		return 0, c.err
	}
	return len(b), nil
}

// chunk writes a PNG chunk: length, name, data, CRC-32 of name and data.
func (c *chunkWriter) chunk(b []byte, name string) {
	if c.err != nil {
		return
	}
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(b)))
	copy(hdr[4:], name)
	crc := crc32.NewIEEE()
	crc.Write(hdr[4:8])
	crc.Write(b)
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], crc.Sum32())
	for _, p := range [][]byte{hdr[:], b, sum[:]} {
		if _, c.err = c.w.Write(p); c.err != nil {
			return
		}
	}
}

// PNG filter types.
const (
	ftNone = iota
	ftSub
	ftUp
	ftAverage
	ftPaeth
)

// filterRow is image/png's filter: it fills cr[1..4] with the filtered
// row cr[0] (pr is the row above) and returns the filter type that
// minimises the sum of absolute differences, trying them in the order up,
// Paeth, none, sub, average.
func filterRow(cr *[5][]byte, pr []byte, bpp int) int {
	cdat0, cdat1, cdat2, cdat3, cdat4 := cr[0][1:], cr[1][1:], cr[2][1:], cr[3][1:], cr[4][1:]
	pdat := pr[1:]
	n := len(cdat0)
	sum := 0
	for i := 0; i < n; i++ {
		cdat2[i] = cdat0[i] - pdat[i]
		sum += abs8(cdat2[i])
	}
	best, filter := sum, ftUp
	sum = 0
	for i := 0; i < bpp; i++ {
		cdat4[i] = cdat0[i] - pdat[i]
		sum += abs8(cdat4[i])
	}
	for i := bpp; i < n; i++ {
		cdat4[i] = cdat0[i] - paeth(cdat0[i-bpp], pdat[i], pdat[i-bpp])
		sum += abs8(cdat4[i])
		if sum >= best {
			break
		}
	}
	if sum < best {
		best, filter = sum, ftPaeth
	}
	sum = 0
	for i := 0; i < n; i++ {
		sum += abs8(cdat0[i])
		if sum >= best {
			break
		}
	}
	if sum < best {
		best, filter = sum, ftNone
	}
	sum = 0
	for i := 0; i < bpp; i++ {
		cdat1[i] = cdat0[i]
		sum += abs8(cdat1[i])
	}
	for i := bpp; i < n; i++ {
		cdat1[i] = cdat0[i] - cdat0[i-bpp]
		sum += abs8(cdat1[i])
		if sum >= best {
			break
		}
	}
	if sum < best {
		best, filter = sum, ftSub
	}
	sum = 0
	for i := 0; i < bpp; i++ {
		cdat3[i] = cdat0[i] - pdat[i]/2
		sum += abs8(cdat3[i])
	}
	for i := bpp; i < n; i++ {
		cdat3[i] = cdat0[i] - uint8((int(cdat0[i-bpp])+int(pdat[i]))/2)
		sum += abs8(cdat3[i])
		if sum >= best {
			break
		}
	}
	if sum < best {
		filter = ftAverage
	}
	return filter
}

func abs8(d uint8) int {
	if d < 128 {
		return int(d)
	}
	return 256 - int(d)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// paeth is image/png's Paeth predictor.
func paeth(a, b, c uint8) uint8 {
	pc := int(c)
	pa := int(b) - pc
	pb := int(a) - pc
	pc = abs(pa + pb)
	pa = abs(pa)
	pb = abs(pb)
	if pa <= pb && pa <= pc {
		return a
	} else if pb <= pc {
		return b
	}
	return c
}
