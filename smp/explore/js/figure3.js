// Figure 3's explorer: the bump at a chosen angular velocity, and a chosen
// view's correction flow (see explore.Figure3).
function draw(root, M, bytes) {
  const cw = smpCodeColours(M.Coolwarm), tab = smpBytes(M.Tab), n = M.HDCells.length, T = M.T, B = M.B;
  const Lx = M.Limits[0], Ly = M.Limits[1];
  const plane = function (q, axis) { const L = axis ? Ly : Lx; return -L + 2 * L * q / 254; };
  if (M.Title) smpEl("div", { "class": "smp-title" }, root, M.Title);

  // --- The bump at a chosen velocity.
  const bar1 = smpEl("div", { "class": "smp-controls" }, root);
  // fracs writes w as a fraction of π when it is k·π/80.
  const fracs = function (w) {
    const k = Math.round(w / (Math.PI / 80));
    if (Math.abs(w - k * Math.PI / 80) > 1e-6) return w.toFixed(3);
    if (k === 0) return "0";
    let a = Math.abs(k), b = 80;
    for (let g = a; g > 1; g--) if (a % g === 0 && b % g === 0) { a /= g; b /= g; break; }
    return (k < 0 ? "−" : "") + (a === 1 ? "" : a) + "π/" + b;
  };
  const velSel = smpSelect(bar1, "angular velocity ω", M.Velocities.map(function (v, i) {
    return [i, fracs(v.W) + " = " + v.W.toFixed(3) + " rad/step" + (v.W !== 0 ? " (period ≈ " + (2 * Math.PI / Math.abs(v.W)).toFixed(0) + " steps)" : "")];
  }), M.Velocities.findIndex(function (v) { return Math.abs(v.W - Math.PI / 20) < 1e-6; }));
  if (velSel.selectedIndex < 0) velSel.selectedIndex = 0;
  const tRange = smpRange(bar1, "step", 0, T, Math.min(40, T));
  const tOut = smpEl("span", { "class": "smp-value" }, bar1);
  const play = smpEl("button", { type: "button" }, bar1, "▶ play");
  const row1 = smpEl("div", { "class": "smp-row" }, root);
  const heat = smpPanel(row1, 420, 190, "Activity of the HD cells (rows, ordered by preferred direction, as panel A) over the steps (columns), coolwarm; the black line is the chosen step");
  const ring = smpPanel(row1, 200, 190, "HD cells on a circle at their preferred directions, coloured and sized by activity at the chosen step; arrow: population vector");
  const pca = smpPanel(row1, 190, 190, "State in the PCA plane (grey: the demo's ring); blue: the path so far, red dot: the chosen step");

  function drawHeat(v, t) {
    const c = heat.ctx, x0 = 34, y0 = 6, W = heat.w - x0 - 6, H = heat.h - y0 - 26;
    smpClear(heat);
    // codes [T+1][n] → image of n rows × T+1 columns (row k = HD cell k)
    const img = new Uint8Array(n * (T + 1));
    for (let s = 0; s <= T; s++) for (let k = 0; k < n; k++) img[k * (T + 1) + s] = bytes[v.Off + s * n + k];
    smpImage(c, img, 0, n, T + 1, cw, x0, y0, W, H, false);
    const x = x0 + W * (t + 0.5) / (T + 1);
    c.strokeStyle = "#000"; c.lineWidth = 1.5; c.beginPath(); c.moveTo(x, y0); c.lineTo(x, y0 + H); c.stroke();
    c.fillStyle = "#333"; c.font = "10px sans-serif"; c.textAlign = "center"; c.textBaseline = "top";
    for (let s = 0; s <= T; s += 40) c.fillText(String(s), x0 + W * (s + 0.5) / (T + 1), y0 + H + 3);
    c.fillText("steps", x0 + W / 2, y0 + H + 14);
    c.save(); c.translate(10, y0 + H / 2); c.rotate(-Math.PI / 2); c.fillText("HD cell (by direction)", 0, -6); c.restore();
  }

  function drawRing(v, t) {
    const c = ring.ctx, cx = 100, cy = 95, R = 68;
    smpClear(ring);
    smpPolarFrame(c, cx, cy, R, [], ["E", "N", "W", "S"]);
    let px = 0, py = 0;
    for (let k = 0; k < n; k++) {
      const q = bytes[v.Off + t * n + k], u = q / 254, s = M.Angles[k], p = smpAt(cx, cy, s, R);
      px += u * Math.cos(s); py += u * Math.sin(s);
      c.beginPath(); c.arc(p[0], p[1], 3 + 7 * u, 0, 2 * Math.PI);
      c.fillStyle = smpRGB(cw, q); c.fill(); c.strokeStyle = "#555"; c.lineWidth = 0.6; c.stroke();
    }
    const len = Math.hypot(px, py);
    if (len > 1e-9) {
      const p = smpAt(cx, cy, Math.atan2(py, px), R * 0.75);
      c.strokeStyle = "#000"; c.lineWidth = 2.5; c.beginPath(); c.moveTo(cx, cy); c.lineTo(p[0], p[1]); c.stroke();
      c.beginPath(); c.arc(p[0], p[1], 3.5, 0, 2 * Math.PI); c.fillStyle = "#000"; c.fill();
    }
  }

  function planeFrame(p, pad) {
    const c = p.ctx, S = Math.min(p.w, p.h) - 2 * pad;
    const X = function (x) { return pad + S * (x + Lx) / (2 * Lx); }, Y = function (y) { return pad + S * (Ly - y) / (2 * Ly); };
    c.strokeStyle = "#333"; c.lineWidth = 1; c.strokeRect(pad, pad, S, S);
    c.fillStyle = "#333"; c.font = "10px sans-serif"; c.textAlign = "center"; c.textBaseline = "top";
    c.fillText("PC 1", pad + S / 2, pad + S + 2);
    if (M.RingN) {
      c.fillStyle = "rgba(128,128,128,0.25)";
      for (let i = 0; i < M.RingN; i++) {
        c.fillRect(X(plane(bytes[M.RingOff + 2 * i], 0)) - 1, Y(plane(bytes[M.RingOff + 2 * i + 1], 1)) - 1, 2, 2);
      }
    }
    return [X, Y];
  }

  function drawPCA(v, t) {
    const c = pca.ctx;
    smpClear(pca);
    const f = planeFrame(pca, 12), X = f[0], Y = f[1];
    c.strokeStyle = "rgba(31,119,180,0.8)"; c.lineWidth = 1.2; c.beginPath();
    for (let s = 0; s <= t; s++) {
      const x = X(plane(bytes[v.POf + 2 * s], 0)), y = Y(plane(bytes[v.POf + 2 * s + 1], 1));
      if (s === 0) c.moveTo(x, y); else c.lineTo(x, y);
    }
    c.stroke();
    c.fillStyle = "#d62728"; c.beginPath();
    c.arc(X(plane(bytes[v.POf + 2 * t], 0)), Y(plane(bytes[v.POf + 2 * t + 1], 1)), 4, 0, 2 * Math.PI); c.fill();
  }

  function redrawBump() {
    smpTimed(root, function () {
      const v = M.Velocities[Number(velSel.value)], t = Number(tRange.value);
      tOut.textContent = t + " / " + T;
      drawHeat(v, t); drawRing(v, t); drawPCA(v, t);
    });
  }
  velSel.addEventListener("change", redrawBump);
  tRange.addEventListener("input", redrawBump);
  let timer = null;
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶ play"; return; }
    play.textContent = "❚❚ pause";
    timer = setInterval(function () {
      if (!root.isConnected) { clearInterval(timer); return; }
      tRange.value = (Number(tRange.value) + 1) % (T + 1);
      redrawBump();
    }, 50);
  });

  // --- A view's correction flow.
  const bar2 = smpEl("div", { "class": "smp-controls" }, root);
  const when = function (t) { return t === null ? "never converges" : "converges at step " + t; };
  const viewSel = smpSelect(bar2, "view (image)", M.Views.map(function (v, i) {
    return [i, "image " + v.Image + " — " + when(v.Time) + (v.Ambiguous ? " (planted: ambiguous)" : "")];
  }), 0);
  const sRange = smpRange(bar2, "correction step", 0, 1, 0);
  const sOut = smpEl("span", { "class": "smp-value" }, bar2);
  const row2 = smpEl("div", { "class": "smp-row" }, root);
  const imgBox = smpEl("div", { "class": "smp-panel" }, row2);
  const img = smpEl("img", { "class": "smp-picture", width: 96, height: 96, alt: "the chosen view" }, imgBox);
  const imgCap = smpEl("div", { "class": "smp-caption" }, imgBox, "");
  const flow = smpPanel(row2, 240, 240, "Every attractor state (one colour each, dot at the start) corrected by this view, up to the chosen step (black crosses), in the PCA plane");
  const hist = smpPanel(row2, 300, 200, "Time to convergence of all " + M.Times.length + " images (panel G's bins; red: never); the dashed line marks this view");

  function drawFlow(v, s) {
    const c = flow.ctx;
    smpClear(flow);
    const f = planeFrame(flow, 12), X = f[0], Y = f[1];
    const at = function (t, b, axis) { return plane(bytes[v.Off + (t * B + b) * 2 + axis], axis); };
    for (let b = 0; b < B; b++) {
      const col = "rgb(" + tab[3 * (b % 20)] + "," + tab[3 * (b % 20) + 1] + "," + tab[3 * (b % 20) + 2] + ")";
      c.strokeStyle = col; c.lineWidth = 1; c.beginPath();
      for (let t = 0; t <= s; t++) { const x = X(at(t, b, 0)), y = Y(at(t, b, 1)); if (t === 0) c.moveTo(x, y); else c.lineTo(x, y); }
      c.stroke();
      c.fillStyle = col; c.beginPath(); c.arc(X(at(0, b, 0)), Y(at(0, b, 1)), 2.5, 0, 2 * Math.PI); c.fill();
    }
    c.strokeStyle = "#000"; c.lineWidth = 1.2;
    for (let b = 0; b < B; b++) {
      const x = X(at(s, b, 0)), y = Y(at(s, b, 1));
      c.beginPath(); c.moveTo(x - 3, y - 3); c.lineTo(x + 3, y + 3); c.moveTo(x - 3, y + 3); c.lineTo(x + 3, y - 3); c.stroke();
    }
  }

  // Panel G's bins: the original's np.linspace(0, 200, 20) edges, 19 bins; the last count is "never".
  const nb = M.HistEdges - 1, bw = M.CorrectionSteps / nb, counts = new Array(nb + 1).fill(0);
  M.Times.forEach(function (t) { if (t === null) counts[nb]++; else counts[Math.min(nb - 1, Math.floor(t / bw))]++; });
  function drawHist(v) {
    const c = hist.ctx, x0 = 36, y0 = 8, W = hist.w - x0 - 10, H = hist.h - y0 - 30, top = Math.max.apply(null, counts);
    smpClear(hist);
    const T = M.CorrectionSteps, X = function (t) { return x0 + W * t / (1.05 * T); };
    for (let k = 0; k <= nb; k++) {
      const h = H * counts[k] / top;
      c.fillStyle = k === nb ? "#d62728" : "#4C72B0";
      c.fillRect(X(k === nb ? T : bw * k) + 0.5, y0 + H - h, X(bw) - X(0) - 1, h);
    }
    c.strokeStyle = "#333"; c.strokeRect(x0, y0, W, H);
    c.fillStyle = "#333"; c.font = "10px sans-serif"; c.textAlign = "center"; c.textBaseline = "top";
    [0, 0.25, 0.5, 0.75].forEach(function (f) { c.fillText(String(f * T), X(f * T), y0 + H + 3); });
    c.fillText(">" + T, X(T + bw / 2), y0 + H + 3);
    c.fillText("time to convergence (steps)", x0 + W / 2, y0 + H + 15);
    c.textAlign = "right"; c.textBaseline = "middle"; c.fillText(String(top), x0 - 3, y0 + 4); c.fillText("0", x0 - 3, y0 + H);
    const x = v.Time === null ? X(T + bw / 2) : X(v.Time + 0.5);
    c.strokeStyle = "#000"; c.lineWidth = 2; c.setLineDash([4, 2]);
    c.beginPath(); c.moveTo(x, y0); c.lineTo(x, y0 + H); c.stroke(); c.setLineDash([]);
  }

  function redrawView(newView) {
    smpTimed(root, function () {
      const v = M.Views[Number(viewSel.value)];
      if (newView) {
        sRange.max = v.Steps;
        sRange.value = v.Steps;
        if (v.PNG) img.src = v.PNG;
        imgCap.textContent = "image " + v.Image + ": " + when(v.Time) + (v.Ambiguous === true ? "; planted as ambiguous (the view is the same after a half turn)" : "");
      }
      const s = Math.min(Number(sRange.value), v.Steps);
      sOut.textContent = s + " / " + v.Steps + " kept";
      drawFlow(v, s);
      drawHist(v);
    });
  }
  viewSel.addEventListener("change", function () { redrawView(true); });
  sRange.addEventListener("input", function () { redrawView(false); });
  redrawBump();
  redrawView(true);
}
