#!/usr/bin/python3
"""Golden outputs of figure 3's cells 7 to 15, with numpy, for pca_golden_test.go.

This restates in numpy what the original notebook's figure-3 cells compute
(docs/figure3-spec.md; /work/shared/spec/figure3.md of the session):

  cell 6   correction codes (float32, as the original's float32 parameters
           make them)
  cell 7   HD cells: units by preferred angle (np.argsort), length > 0.56
  cell 9   the velocity-integration demo from written state 8, 1000 steps
  cell 10  take-if-farther-than (0.1) of the demo states; the distribution of
           random initial states (mean, diagonal of 16 (cov + 1e-4 I)); the
           PCA: np.cov of the kept states' HD cells, np.linalg.eig (LAPACK
           dgeev) in the solver's order and with its signs, unsorted, and
           the projection (x - mean) . V[:, :2], real part
  cell 11  1000 random initial states, 2000 steps at zero velocity
  cell 12  PCA limits from the steps >= 3; attractor states by angle
  cell 14  correction runs from the attractor states, 200 steps, per image
  cell 15  time to convergence: the first step whose projected states form
           one cluster under take-if-farther-than 0.1; inf if none

Inputs, figure3_pca_in.npz (written by the Go test, see
pca_golden_test.go): the synthetic world's figure-3 network (parameters,
the first 512 embeddings, HD statistics) and z, the standard-normal draws
of the random initial states. The original draws its initial states with
scipy's multivariate_normal, which Go cannot reproduce; here draw i, unit u
is hdnet.NewRand(0).NormFloat64() in order of i then u, and the initial
state is mean + sqrt(var) * z, as hdnet.InitialDistribution.Sample does.
Both sides then run the same deterministic chain from the same draws. (The
random network of testdata/reference/figure3.npz cannot serve: its random
states all end at one point, and every image "converges" at step 0.)

Dtypes are the original's: parameters and embeddings are float32, so the
codes are float32; the LSTM steps, whose inputs are concatenated with
float64 states, are float64. The example runs are also given with the codes
computed in float64 (example_pca_f64codes), Go's arithmetic.

Run from this directory (Debian 12: apt-get install python3-numpy; about
15 s):

  /usr/bin/python3 figure3_pca.py

It writes figure3_pca.npz. Made with numpy 1.24.2 (the original's 1.24) on
Debian 12's reference LAPACK 3.11.
"""

import sys

import numpy as np

INPUTS = "figure3_pca_in.npz"
OUT = "figure3_pca.npz"
STEPS = 2000  # cell 11
CORRECTION_STEPS = 200  # cell 14

KP = "integrator/multi_integrator_nets/"
KM = "integrator/memory_map_0/"


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def lstm_step(h, c, x, w, b):
    """One Sonnet LSTM step (forget bias 1, h = sigmoid(c) * sigmoid(o))."""
    z = np.matmul(np.concatenate([x, h], axis=-1), w) + b
    i, j, f, o = np.split(z, 4, axis=-1)
    c = sigmoid(f + 1) * c + sigmoid(i) * np.tanh(j)
    h = sigmoid(c) * sigmoid(o)
    return h, c


def farther(points, threshold):
    """Take-if-farther-than: indices of the points kept, in order."""
    kept = []
    for i, p in enumerate(points):
        if all(np.linalg.norm(p - points[k]) > threshold for k in kept):
            kept.append(i)
    return kept


def main():
    d = np.load(INPUTS)
    pw, pb = d[KP + "prediction_rnn_0/w_gates"], d[KP + "prediction_rnn_0/b_gates"]
    cw, cb = d[KP + "correction_rnn_0/w_gates"], d[KP + "correction_rnn_0/b_gates"]
    mem_hd = d[KM + "column_context_3"]
    mem_vis = d[KM + "column_context_2"]
    written = d[KM + "column_context_3_written"]
    beta = d[KP + "mmap_0_context_2_query_beta"]
    emb = d["embeddings"]
    z = d["z"]
    H = written.shape[1]

    # Cell 6: correction codes, float32 as in the original.
    logits = np.exp(beta) * np.matmul(emb, mem_vis.T)
    e = np.exp(logits - np.amax(logits, axis=-1, keepdims=True))
    codes = np.matmul(e / e.sum(axis=-1, keepdims=True), mem_hd)

    # Cell 7: HD cells ordered by preferred angle, length > 0.56.
    hd = np.argsort(d["rnn0_rv_angles"])
    hd = hd[d["rnn0_rv_lengths"][hd] > 0.56]

    # Cell 9: the demo from written state 8.
    T = 1000
    w = [np.pi / 20] * (T // 4) + [0.0] * (T // 4) + [-np.pi / 40] * (T // 2)
    vel = 10 * np.array([[np.cos(v), np.sin(v)] for v in w])
    h = c = written[8]
    demo = []
    for t in range(T):
        h, c = lstm_step(h, c, vel[t], pw, pb)
        demo.append(h)
    demo = np.array(demo)

    # Cell 10: the distribution of initial states and the PCA space.
    kept = farther(demo, 0.1)
    pts = demo[kept]
    cov_all = np.cov(pts.T) + 1e-4 * np.eye(H)
    init_mean = pts.mean(axis=0)
    init_var = np.diag(cov_all * np.eye(H) * 16).copy()
    cov = np.cov(pts[:, hd].T)
    mean = np.mean(pts[:, hd].T, axis=1)
    values, vectors = np.linalg.eig(cov)

    def project(x):
        return np.matmul(x[..., hd] - mean, vectors[:, :2]).real

    # Cell 11: random initial states, zero velocity. The draws z are Go's
    # (see the module comment).
    x0 = init_mean + np.sqrt(init_var) * z
    zero = np.tile(10 * np.array([np.cos(0.0), np.sin(0.0)]), (len(z), 1))
    h = c = x0
    lo, hi = np.full(2, np.inf), np.full(2, -np.inf)
    for t in range(1, STEPS + 1):
        h, c = lstm_step(h, c, zero, pw, pb)
        if t >= 3:
            p = project(h)
            lo, hi = np.minimum(lo, p.min(axis=0)), np.maximum(hi, p.max(axis=0))
    final = h

    # Cell 12: PCA limits and attractor states.
    r = hi - lo
    limits = np.maximum(np.abs(lo - 0.1 * r), np.abs(hi + 0.1 * r))
    fp = project(final)
    ang = np.arctan2(fp[:, 1], fp[:, 0])
    chosen, last = [], None
    for i in ang.argsort():
        if not chosen or ang[i] - last > 0.1 * np.pi / 360 * 2:
            chosen.append(i)
            last = ang[i]
    att = final[chosen]
    # np.argsort is not stable: among runs that ended at bit-identical
    # states (the same fixed point) it picks any one. ties[j] = k when run j
    # ended exactly at attractor state k, else -1.
    ties = np.full(len(final), -1)
    for k, a in enumerate(att):
        ties[np.all(final == a, axis=1)] = k
    assert all(np.all(fp[ties == k] == fp[chosen[k]]) for k in range(len(chosen)))
    assert np.all(ties[np.isin(ang, ang[chosen])] >= 0), "equal angles, different states"

    # Cells 14 and 15: correction runs from the attractor states and the
    # time to convergence of each image. A run is followed until it has
    # converged: its time is the same as from the whole run.
    B = len(att)
    I = len(emb)
    times = np.full(I, np.inf)
    runs = {}
    for i in range(I):
        code = np.tile(codes[[i]], (B, 1))
        h = c = att
        traj = [project(h)]
        for t in range(CORRECTION_STEPS + 1):
            if t > 0:
                h, c = lstm_step(h, c, code, cw, cb)
                h, c = lstm_step(h, c, zero[:B], pw, pb)
                traj.append(project(h))
            if len(farther(traj[t], 0.1)) == 1:
                times[i] = t
                break
        runs[i] = traj
    quick = np.where((times > 0) & (times < 10))[0]
    never = np.where(times > CORRECTION_STEPS)[0]
    examples = list(quick[:2]) + list(never[:1])

    def correction_run(code):
        code = np.tile(code, (B, 1))
        h = c = att
        traj = [project(h)]
        for t in range(CORRECTION_STEPS):
            h, c = lstm_step(h, c, code, cw, cb)
            h, c = lstm_step(h, c, zero[:B], pw, pb)
            traj.append(project(h))
        return traj

    example_pca = [correction_run(codes[[i]]) for i in examples]
    # The same runs with the codes computed in float64 (Go's arithmetic):
    # separates the float32 rounding of the original's codes from the rest.
    logits64 = np.exp(np.float64(beta)) * np.matmul(emb.astype(np.float64), mem_vis.T.astype(np.float64))
    e64 = np.exp(logits64 - np.amax(logits64, axis=-1, keepdims=True))
    codes64 = np.matmul(e64 / e64.sum(axis=-1, keepdims=True), mem_hd.astype(np.float64))
    example_pca64 = [correction_run(codes64[[i]]) for i in examples]

    v = values.real
    gaps = [float(np.min(np.abs(np.delete(v, k) - v[k])) / np.abs(v).max()) for k in range(len(v))]
    print("HD cells:", len(hd), "demo states kept for the PCA:", len(kept))
    print("eigenvalues (dgeev order):", v[:6], "... complex:", np.iscomplexobj(values))
    print("dgeev's order descending:", bool(np.all(np.diff(v) <= 0)), "first two the two largest:",
          sorted(range(len(v)), key=lambda k: -v[k])[:2] == [0, 1])
    print("relative gaps (to the nearest other eigenvalue, / max):", np.round(gaps[:6], 6), "smallest:", min(gaps))
    print("PC1:", vectors[:, 0].real)
    print("PC2:", vectors[:, 1].real)
    print("random runs:", len(z), "steps:", STEPS, "limits:", limits)
    print("attractor states:", B, chosen, "runs ending at each:", np.bincount(ties[ties >= 0]))
    print("convergence times:", times.tolist())
    print("quick (0 < t < 10):", len(quick), quick[:10], "never:", len(never), never[:10], "examples:", examples)
    np.savez(OUT, hd_cells=hd, kept=np.array(kept), init_mean=init_mean, init_var=init_var,
             codes=codes, pca_mean=mean, pca_values=v, pca_vectors=vectors.real,
             demo_pca=project(demo), final_pca=fp, limits=limits, attractors=np.array(chosen), attractor_ties=ties,
             times=times, examples=np.array(examples, dtype=np.int64), example_pca=np.array(example_pca),
             example_pca_f64codes=np.array(example_pca64))


if __name__ == "__main__":
    sys.exit(main())
