// Package num is the numeric core of smp-go: the few numpy functions the
// original notebooks rely on, reimplemented once with numpy's exact
// floating-point steps, so that every package computes them the same way.
//
//   - Quantile, Percentile, NaNPercentiles, NaNMedian:
//     numpy's default "linear" method (np.quantile, np.percentile,
//     np.nanpercentile, np.nanmedian);
//   - PairwiseSum (np.sum's pairwise summation) and Pearson (np.corrcoef);
//   - Linspace, Arange, Digitize (and Digitizer, its O(1) form for fixed
//     edges) and Histogram (np.linspace, np.arange, np.digitize,
//     np.histogram with explicit edges);
//   - Sigmoid, the logistic function;
//   - SplitMix64, the hash that derives independent random seeds;
//   - ParallelFor and ParallelForErr, a deterministic parallel loop.
//
// The tests pin numpy's results, value by value where rounding matters.
package num
