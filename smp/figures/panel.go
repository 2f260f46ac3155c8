package figures

import (
	"fmt"

	"github.com/smp-go/smp-go/smp/plot"
)

// box is a panel's region of its figure's layout, in inches from the
// figure's top-left corner: the panel's axes with its letter, title, tick
// labels, axis labels and legend. The boxes of a figure's panels do not
// overlap, so a panel drawn alone (drawAlone) shows exactly what the whole
// figure shows in its box.
type box struct{ x, y, w, h float64 }

// layout is a figure's name, resolution, display scale and panel boxes,
// shared by the figure and each of its panels drawn alone.
//
// Each panel X of figure N has an exported FigureNX, which draws it alone
// and whose comment says what it shows, and a drawFigureNX, which draws it
// into a figure in the layout: the whole figure or the panel's own.
type layout struct {
	name       string
	dpi, scale float64
	boxes      map[rune]box
}

// panelError returns err of panel p, prefixed with the figure and panel.
func (l layout) panelError(p rune, err error) error {
	return fmt.Errorf("%s: panel %c: %w", l.name, p, err)
}

// drawAlone draws panel p as a figure of its own: a figure of its box's
// size whose origin is the box's top-left corner in the layout, drawn by
// the same function that draws the panel in the whole figure.
func drawAlone(l layout, p rune, draw func(f *plot.SuperFigure) error) (*plot.SuperFigure, error) {
	b := l.boxes[p]
	f, err := newFigure(l, b.w, b.h)
	if err != nil {
		return nil, err
	}
	f.SetOrigin(b.x, b.y)
	if err := draw(f); err != nil {
		return nil, l.panelError(p, err)
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
