package hdnet

// Curve is a trajectory or curve at one angular velocity.
type Curve struct {
	W    float64   // angular velocity, radians per step
	Run  int       // random run it starts from (panel E), or -1
	Data []float64 // panel E: projected trajectory [FlowSteps+1, 2]; panel F: mean autocovariance [lags]
}

// Example is one example image of panels H and I with its correction run.
type Example struct {
	Image int       // image index
	Time  float64   // time to convergence (+Inf: never)
	PCA   []float64 // projected run from the attractor states [T+1, B, 2]
}
