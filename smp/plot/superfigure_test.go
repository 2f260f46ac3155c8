package plot

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	_ "image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// smallFigure returns a figure with one panel of each simple kind.
func smallFigure(t *testing.T) *SuperFigure {
	t.Helper()
	f, err := NewSuperFigure(3.0, 7.5, 180)
	if err != nil {
		t.Fatal(err)
	}
	a := NewAxes()
	l, err := NewPolyline([]float64{0, 1, 0.5, 2}, Solid(Blue, LineWidth))
	if err != nil {
		t.Fatal(err)
	}
	a.Add(l)
	a.X.Label, a.Y.Label = "x", "y"
	a.Draw(f.Panel(0.5, 0.5, 1, 1))
	f.PanelLabel(0.5, 0.5, -0.15, 0, "A)")
	return f
}

func TestSuperFigurePNGAndSVG(t *testing.T) {
	f := smallFigure(t)
	dir, one := t.TempDir(), t.TempDir()
	names := []string{"fig.png", "fig.svg", "FIG.PNG"}
	var paths []string
	for _, name := range names {
		paths = append(paths, filepath.Join(dir, name))
		// Saved one at a time, the files are the same.
		if err := f.Save(filepath.Join(one, name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(paths...); err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, _ := os.ReadFile(filepath.Join(one, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: %d bytes saved with the others, %d alone, different", name, len(a), len(b))
		}
	}
	if err := f.Save(filepath.Join(dir, "new.png"), filepath.Join(dir, "fig.pdf")); err == nil {
		t.Error("Save .pdf: no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "new.png")); err == nil {
		t.Error("Save with a .pdf wrote the .png")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}

	// PNG: decodes to 1080 × 2700 pixels (PixelDensity 2), shown at 540 × 1350.
	fp, err := os.Open(filepath.Join(dir, "fig.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer fp.Close()
	img, format, err := image.Decode(fp)
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	if format != "png" || img.Bounds().Dx() != 1080 || img.Bounds().Dy() != 2700 {
		t.Errorf("PNG is %s %v, want png 1080×2700", format, img.Bounds())
	}
	if w, h := f.DisplaySize(); w != 540 || h != 1350 {
		t.Errorf("display size %d×%d, want 540×1350", w, h)
	}
	// The corner is white (figure background) and something was drawn.
	if c := color.RGBAModel.Convert(img.At(0, 0)).(color.RGBA); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("corner pixel %v, want white", c)
	}
	dark := 0
	for y := 180; y < 540; y++ {
		for x := 180; x < 540; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if r+g+b < 3*0x8000 {
				dark++
			}
		}
	}
	if dark == 0 {
		t.Error("panel area is blank")
	}

	// PNG() gives the same bytes as Save.
	b1, err := f.PNG()
	if err != nil {
		t.Fatal(err)
	}
	b2, err := os.ReadFile(filepath.Join(dir, "fig.png"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b1, b2) {
		t.Error("PNG() and Save differ")
	}

	// SVG: well-formed XML whose root has the right size.
	data, err := os.ReadFile(filepath.Join(dir, "fig.svg"))
	if err != nil {
		t.Fatal(err)
	}
	var root struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
		ViewBox string `xml:"viewBox,attr"`
	}
	if err := xml.Unmarshal(data, &root); err != nil {
		t.Fatalf("SVG does not parse: %v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("SVG token stream: %v", err)
			}
			break
		}
	}
	if root.XMLName.Local != "svg" || root.Width != "540pt" || root.Height != "1350pt" || root.ViewBox != "0 0 540 1350" {
		t.Errorf("SVG root %s width=%q height=%q viewBox=%q, want svg 540pt × 1350pt", root.XMLName.Local, root.Width, root.Height, root.ViewBox)
	}
}

func TestSuperFigureBadSizes(t *testing.T) {
	for _, s := range [][3]float64{{0, 1, 72}, {1, -1, 72}, {1, 1, 0}, {1e6, 1e6, 1e3}} {
		if _, err := NewSuperFigure(s[0], s[1], s[2]); err == nil {
			t.Errorf("NewSuperFigure(%v): no error", s)
		}
	}
}

func TestPanelGeometry(t *testing.T) {
	f, err := NewSuperFigure(3, 7.5, 180)
	if err != nil {
		t.Fatal(err)
	}
	c := f.Panel(0.2, 0.8, 0.5, 0.5)
	// 0.2 in = 36 px from the left; top at 0.8 in = 144 px from the top.
	if c.Min.X != 36 || c.Max.X != 126 || c.Max.Y != 1350-144 || c.Min.Y != 1350-234 {
		t.Errorf("panel rectangle %v", c.Rectangle)
	}
	g := f.Row(3, 0.2, 0.8, 0.5, 0.5, 0.05)
	if len(g) != 3 {
		t.Fatalf("row of %d", len(g))
	}
	if got, want := g[2].Min.X, vg.Length((0.2+2*0.55)*180); !near(got, want) {
		t.Errorf("row[2] left = %v, want %v", got, want)
	}
	if got, want := g[2].Max.Y, vg.Length(1350-0.8*180); !near(got, want) {
		t.Errorf("row[2] top = %v, want %v", got, want)
	}
}

func near(a, b vg.Length) bool { d := a - b; return d < 1e-9 && d > -1e-9 }

// TestCrispImage checks that an image drawn through a SuperFigure lands on
// the pixel grid nearest-neighbour: every output pixel has exactly a source
// colour, in the right place, with no blending between neighbours.
func TestCrispImage(t *testing.T) {
	for _, scale := range []float64{1, 1.5} {
		testCrispImage(t, scale)
	}
}

// testCrispImage draws a 4 × 2 image over 80 × 40 points of a 100 × 100
// point figure at the given display scale: 20·k pixels per source pixel
// with k = scale·PixelDensity pixels per point.
func testCrispImage(t *testing.T, scale float64) {
	f, err := NewSuperFigure(1, 1, 100) // 100 × 100 points
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetScale(scale); err != nil {
		t.Fatal(err)
	}
	k := int(scale * PixelDensity)
	src := image.NewNRGBA(image.Rect(0, 0, 4, 2))
	cols := []color.NRGBA{{255, 0, 0, 255}, {0, 255, 0, 255}, {0, 0, 255, 255}, {0, 0, 0, 255}}
	for x := range 4 {
		src.SetNRGBA(x, 0, cols[x])
		src.SetNRGBA(x, 1, cols[3-x])
	}
	a := NewImshowAxes(src, "")
	a.Aspect = 0 // fill the panel: 80 × 40 px, 20 px per source pixel
	a.Draw(f.Panel(0.1, 0.3, 0.8, 0.4))
	img, err := f.Image()
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 100*k || b.Dy() != 100*k {
		t.Fatalf("scale %v: image %v, want %d × %d", scale, b, 100*k, 100*k)
	}
	for y := 30 * k; y < 70*k; y++ {
		for x := 10 * k; x < 90*k; x++ {
			sx, sy := (x-10*k)/(20*k), (y-30*k)/(20*k)
			want := color.RGBAModel.Convert(src.At(sx, sy)).(color.RGBA)
			if got := img.RGBAAt(x, y); got != want {
				t.Fatalf("scale %v: pixel (%d,%d) = %v, want %v (source %d,%d)", scale, x, y, got, want, sx, sy)
			}
		}
	}
	// The SVG embeds the image too.
	path := filepath.Join(t.TempDir(), "f.svg")
	if err := f.Save(path); err != nil {
		t.Fatal(err)
	}
	if svg, err := os.ReadFile(path); err != nil || !strings.Contains(string(svg), "<image") {
		t.Error("SVG has no <image>")
	}
}

// Outside a notebook, Display does nothing and succeeds.
func TestDisplayOutsideNotebook(t *testing.T) {
	f, err := NewSuperFigure(1, 1, 72)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Display(); err != nil {
		t.Error(err)
	}
}

// TestScaleAndDisplayData: the display scale sets the display size, the
// PNG has PixelDensity times as many pixels, and the display data carries
// the display size as the PNG's width and height metadata.
func TestScaleAndDisplayData(t *testing.T) {
	f, err := NewSuperFigure(3, 2, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetScale(1.5); err != nil {
		t.Fatal(err)
	}
	if w, h := f.DisplaySize(); w != 450 || h != 300 {
		t.Errorf("display size %d×%d, want 450×300", w, h)
	}
	if w, h := f.PixelSize(); w != 900 || h != 600 {
		t.Errorf("pixel size %d×%d, want 900×600", w, h)
	}
	d, err := f.DisplayData()
	if err != nil {
		t.Fatal(err)
	}
	b, ok := d.Data["image/png"].([]byte)
	if !ok {
		t.Fatalf("display data without image/png: %v", d.Data)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || cfg.Width != 900 || cfg.Height != 600 {
		t.Errorf("PNG %v×%v (%v), want 900×600", cfg.Width, cfg.Height, err)
	}
	md, ok := d.Metadata["image/png"].(map[string]int)
	if !ok || md["width"] != 450 || md["height"] != 300 {
		t.Errorf("metadata %v, want image/png width 450, height 300", d.Metadata)
	}
	for _, s := range []float64{0, -1, math.Inf(1), math.NaN(), 1e6} {
		if err := f.SetScale(s); err == nil {
			t.Errorf("SetScale(%v): no error", s)
		}
	}
}

// TestSetOrigin: a figure whose origin is moved to (x, y) of a layout
// places panels relative to (x, y).
func TestSetOrigin(t *testing.T) {
	f, err := NewSuperFigure(1, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	f.SetOrigin(2, 3)
	c := f.Panel(2.1, 3.2, 0.5, 0.5)
	if !near(c.Min.X, 10) || !near(c.Max.Y, 80) || !near(c.Max.X, 60) || !near(c.Min.Y, 30) {
		t.Errorf("panel at (2.1, 3.2) of a figure from (2, 3): %v", c.Rectangle)
	}
}

// TestRenderInStages checks that rendering the panels drawn so far
// (Render) before drawing the rest gives the files of a figure saved in one
// go.
func TestRenderInStages(t *testing.T) {
	draw := func(render bool) *SuperFigure {
		f, err := NewSuperFigure(3.0, 3.0, 180)
		if err != nil {
			t.Fatal(err)
		}
		for i, y := range []float64{0.2, 1.6} {
			a := NewAxes()
			line, err := NewPolyline([]float64{0, 1, 0.5, float64(i)}, Solid(Blue, LineWidth))
			if err != nil {
				t.Fatal(err)
			}
			a.Add(line)
			a.X.Label = "x"
			a.Draw(f.Panel(0.5, y, 1, 1))
			f.PanelLabel(0.5, y, -0.15, 0, string(rune('A'+i)))
			if render {
				if err := f.Render(); err != nil {
					t.Fatal(err)
				}
			}
		}
		return f
	}
	dirs := []string{t.TempDir(), t.TempDir()}
	for i, render := range []bool{false, true} {
		if err := draw(render).Save(filepath.Join(dirs[i], "f.png"), filepath.Join(dirs[i], "f.svg")); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"f.png", "f.svg"} {
		a, _ := os.ReadFile(filepath.Join(dirs[0], name))
		b, _ := os.ReadFile(filepath.Join(dirs[1], name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: %d bytes in one go, %d rendered in stages, different", name, len(a), len(b))
		}
	}
}
