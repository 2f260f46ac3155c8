package figures

import "testing"

func TestBadInputNoPanic(t *testing.T) {
	if _, err := ComputePanelMaps(nil, nil); err == nil {
		t.Error("ComputePanelMaps(nil, nil): no error")
	}
}
