package plot_test

import (
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"

	"github.com/smp-go/smp-go/smp/plot"
)

// A figure of 3 × 2 inches at 100 dpi with one panel, a sine drawn as a
// line in matplotlib's first colour, saved as a PNG. The figure is shown at
// 300 × 200 display pixels; its PNG has PixelDensity (2) pixels per display
// pixel along each side, 600 × 400, sharp on high-density screens. (Save
// writes SVG for a .svg name.)
func ExampleSuperFigure_Save() {
	f, err := plot.NewSuperFigure(3, 2, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	y := make([]float64, 50)
	for i := range y {
		y[i] = math.Sin(float64(i) / 8)
	}
	a := plot.NewAxes()
	a.Title = "sin(t/8)"
	line, err := plot.NewPolyline(y, plot.Solid(plot.C0, plot.LineWidth))
	if err != nil {
		fmt.Println(err)
		return
	}
	a.Add(line)
	a.Draw(f.Panel(0.5, 0.3, 2.3, 1.4)) // left, top, width, height in inches

	dir, err := os.MkdirTemp("", "smp-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "sine.png")
	if err := f.Save(path); err != nil {
		fmt.Println(err)
		return
	}

	file, err := os.Open(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer file.Close()
	cfg, err := png.DecodeConfig(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	w, h := f.DisplaySize()
	fmt.Printf("%s: %d × %d pixels, shown at %d × %d\n", filepath.Base(path), cfg.Width, cfg.Height, w, h)
	// Output:
	// sine.png: 600 × 400 pixels, shown at 300 × 200
}
