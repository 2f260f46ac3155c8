package figures

import "testing"

func TestBadInputNoPanic(t *testing.T) {
	// RingTracking(nil) used to panic while formatting its own error.
	if _, _, err := RingTracking(nil, nil); err == nil {
		t.Error("RingTracking(nil): no error")
	}
	if _, err := ComputePanelMaps(nil, nil); err == nil {
		t.Error("ComputePanelMaps(nil, nil): no error")
	}
}
