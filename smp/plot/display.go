package plot

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
)

// Display shows the figure inline in a GoNB notebook cell, as a PNG, and
// waits until the kernel has received it (gonbui.Sync): a cell's program
// may otherwise exit before GoNB has read the image, which then never
// appears. Outside a notebook it does nothing and returns nil.
func (f *SuperFigure) Display() error {
	if !gonbui.IsNotebook {
		return nil
	}
	png, err := f.PNG()
	if err != nil {
		return fmt.Errorf("display: %w", err)
	}
	gonbui.DisplayPng(png)
	gonbui.Sync()
	return nil
}
