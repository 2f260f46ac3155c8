// Package data holds the data model of smp-go and reads and writes it.
//
// An Array is an n-dimensional numpy array (shape and row-major values); a
// Dataset is the tree of dicts, lists, arrays and scalars read from one
// file, with accessors whose errors name the file and the key path.
// Trajectories is figure 2's trajectory set checked against its schema and
// flattened to samples.
//
// Load reads numpy .npz archives (stored or deflated, C or Fortran order,
// either byte order) and Python pickles of numpy arrays, without Python,
// through the restricted decoder in smp/internal/pickle. WriteNPZ writes
// .npz files atomically (WriteAtomic). The file stems of the original data
// sets are TrajectoriesName, ParametersName, VisualInputsName and
// HDStatsName; LoadDataset and FindDataset find them in a directory in any
// of the supported formats.
package data
