// Package hdnet computes figure 3 of the Spatial Memory Pipeline paper: the
// dynamics of the head-direction network RNN-1, a prediction LSTM that
// integrates angular velocity and a correction LSTM that pulls its state
// towards what a visual input recalls from memory.
//
// The steps follow the original notebook's cells, each a function or method:
//
//	load        FromDatasets (cell 6): Network, with LSTM, ImageCodes
//	HD cells    Network.HDCells (cell 7)
//	demo        Network.Demo (cell 9): velocity integration
//	PCA         TakeIfFartherThan, FitPCA, NewInitialDistribution (cell 10)
//	random runs Network.Runs (cell 11), Bounds.Limits, AttractorIndices (cell 12)
//	flows       Network.Flow, Network.MeanAutocovariance (panels E, F)
//	corrections Network.ConvergenceTimes (cells 14, 15)
//
// The notebook session (package notebook, Figure3) runs them in order.
// Arrays are flat row-major []float64 with their shape in the doc comment
// ([B, H]: B states of H units). Results equal the original's to rounding
// (the golden tests in fixture_test.go), and the PCA uses the same LAPACK
// eigensolver as np.linalg.eig, with its order and signs.
package hdnet
