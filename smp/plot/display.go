package plot

import (
	"fmt"

	"github.com/janpfeifer/gonb/gonbui"
	"github.com/janpfeifer/gonb/gonbui/protocol"
)

// Display shows the figure inline in a GoNB notebook cell (DisplayData)
// and waits until the kernel has received it (gonbui.Sync): a cell's
// program may otherwise exit before GoNB has read the image, which then
// never appears. Outside a notebook it does nothing and returns nil.
func (f *SuperFigure) Display() error {
	if !gonbui.IsNotebook {
		return nil
	}
	data, err := f.DisplayData()
	if err != nil {
		return fmt.Errorf("display: %w", err)
	}
	gonbui.SendData(data)
	gonbui.Sync()
	return nil
}

// DisplayData returns the Jupyter display data Display sends: the PNG under
// "image/png", with metadata {"image/png": {"width": w, "height": h}} of
// the figure's DisplaySize, as IPython's Image(retina=True): Jupyter and
// nbconvert's HTML show it at its display size, sharp on high-density
// screens.
func (f *SuperFigure) DisplayData() (*protocol.DisplayData, error) {
	png, err := f.PNG()
	if err != nil {
		return nil, err
	}
	w, h := f.DisplaySize()
	return &protocol.DisplayData{
		Data:     map[protocol.MIMEType]any{protocol.MIMEImagePNG: png},
		Metadata: map[string]any{string(protocol.MIMEImagePNG): map[string]int{"width": w, "height": h}},
	}, nil
}
