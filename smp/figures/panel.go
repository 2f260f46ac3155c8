package figures

import (
	"github.com/smp-go/smp-go/smp/plot"
)

// box is a panel's region of its figure's layout, in inches from the
// figure's top-left corner: the panel's axes with its letter, title, tick
// labels, axis labels and legend. The boxes of a figure's panels do not
// overlap, so a panel drawn alone (drawAlone) shows exactly what the whole
// figure shows in its box.
type box struct{ x, y, w, h float64 }

// layout is a figure's resolution and display scale, shared by the figure
// and each of its panels drawn alone.
type layout struct {
	dpi, scale float64
}

// drawAlone draws one panel as a figure of its own: a figure of b's size
// whose origin is b's top-left corner in the layout, drawn by the same
// function that draws the panel in the whole figure.
func drawAlone(l layout, b box, draw func(f *plot.SuperFigure) error) (*plot.SuperFigure, error) {
	f, err := newFigure(l, b.w, b.h)
	if err != nil {
		return nil, err
	}
	f.SetOrigin(b.x, b.y)
	if err := draw(f); err != nil {
		return nil, err
	}
	return f, nil
}

// newFigure returns an empty figure of w × h inches at l's resolution and
// display scale.
func newFigure(l layout, w, h float64) (*plot.SuperFigure, error) {
	f, err := plot.NewSuperFigure(w, h, l.dpi)
	if err != nil {
		return nil, err
	}
	if err := f.SetScale(l.scale); err != nil {
		return nil, err
	}
	return f, nil
}
