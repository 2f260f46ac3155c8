// Figure 2's explorer: one unit's HD tuning, octant mosaic, boundary-vector
// ratemaps and scores (see explore.Figure2).
function draw(root, M, bytes) {
  const jet = smpCodeColours(M.Jet);
  const types = function (u) {
    const t = [];
    if (u.IsHD) t.push("HD"); if (u.IsEgo) t.push("egoBVC"); if (u.IsAllo) t.push("BVC");
    return t.length ? t.join("+") : "none";
  };
  if (M.Title) smpEl("div", { "class": "smp-title" }, root, M.Title);
  const bar = smpEl("div", { "class": "smp-controls" }, root);
  const rnnSel = smpSelect(bar, "RNN", M.RNNs.map(function (n, i) { return [i, "RNN-" + (i + 1) + " (" + n + " units)"]; }), 0);
  const unitSel = smpSelect(bar, "unit", [], 0);
  const row = smpEl("div", { "class": "smp-row" }, root);
  const polar = smpPanel(row, 210, 210, "HD tuning (36 bins; blue > 0, red < 0; scaled to the largest |value|). Stick: resultant vector (radius 0–1); dashed: HD threshold");
  const mosaic = smpPanel(row, 210, 210, "Spatial ratemap (centre) and its 8 head-direction octants around it; jet over the unit's range, empty bins white");
  const ego = smpPanel(row, 210, 210, "Egocentric BVC ratemap: wall direction relative to the heading (ahead up), distance outwards");
  const allo = smpPanel(row, 210, 210, "Allocentric BVC ratemap: wall direction (as the polar plots), distance outwards");
  const scores = smpPanel(root, 600, 150, "Scores (bars) against the thresholds (black ticks): green above, grey below");
  const info = smpEl("div", { "class": "smp-info" }, root);

  function unitsOf(r) {
    const out = [];
    M.Units.forEach(function (u, i) { if (u.RNN === r + 1) out.push(i); });
    return out;
  }
  function fillUnits() {
    const r = Number(rnnSel.value);
    smpSetOptions(unitSel, unitsOf(r).map(function (i) {
      const u = M.Units[i];
      return [i, u.Unit + " — " + types(u) + (u.Planted ? " (planted: " + u.Planted + ")" : "")];
    }));
  }

  function drawPolar(u) {
    const c = polar.ctx, cx = 105, cy = 105, R = 80;
    smpClear(polar);
    smpPolarFrame(c, cx, cy, R, [0.5], ["E", "N", "W", "S"]);
    const n = M.HDCentres.length, q = bytes.subarray(u.HDOff, u.HDOff + n), m = u.HDMax || 1;
    [[1, "rgb(0,0,255)"], [-1, "rgb(255,0,0)"]].forEach(function (lobe) {
      c.beginPath();
      for (let i = 0; i <= n; i++) {
        const k = i % n, v = q[k] === 255 ? 0 : -m + 2 * m * q[k] / 254;
        const r = Math.max(0, lobe[0] * v) / m * R, p = smpAt(cx, cy, Math.PI / 2 - M.HDCentres[k], r);
        if (i === 0) c.moveTo(p[0], p[1]); else c.lineTo(p[0], p[1]);
      }
      c.strokeStyle = lobe[1]; c.lineWidth = 1.6; c.stroke();
    });
    c.save(); c.setLineDash([4, 3]); c.strokeStyle = "#2a2"; c.lineWidth = 1.2;
    c.beginPath(); c.arc(cx, cy, Math.min(1, M.HDThreshold) * R, 0, 2 * Math.PI); c.stroke(); c.restore();
    if (u.HD !== null && u.HDAngle !== null) {
      const p = smpAt(cx, cy, u.HDAngle, Math.min(1, u.HD) * R);
      c.beginPath(); c.moveTo(cx, cy); c.lineTo(p[0], p[1]); c.strokeStyle = "#000"; c.lineWidth = 2.5; c.stroke();
    }
  }

  function drawMosaic(u) {
    const nx = M.NX, ny = M.NY, h = nx + 2, w = ny + 2, rows = 3 * h, cols = 3 * w;
    const grid = new Uint8Array(rows * cols).fill(255), base = u.MapOff, oct = base + nx * ny;
    for (let R = 0; R < 3; R++) for (let C = 0; C < 3; C++) {
      const k = M.Tiles[R][C];
      for (let x = 0; x < nx; x++) for (let y = 0; y < ny; y++) {
        grid[(R * h + x + 1) * cols + C * w + y + 1] = k === 8 ? bytes[base + x * ny + y] : bytes[oct + (x * ny + y) * 8 + k];
      }
    }
    smpClear(mosaic);
    const s = Math.min(200 / rows, 200 / cols);
    smpImage(mosaic.ctx, grid, 0, rows, cols, jet, 105 - s * cols / 2, 105 - s * rows / 2, s * cols, s * rows, true);
  }

  // drawBVC draws a [D, A] map as annular sectors; angleToScreen maps a
  // ratemap angle to the screen polar angle.
  function drawBVC(p, off, range, angleToScreen, labels) {
    const c = p.ctx, cx = 105, cy = 105, R = 70, D = M.Distances.length, A = M.Angles.length; // R leaves room for the labels
    smpClear(p);
    const d = M.Distances, edges = [d[0] - (d[1] - d[0]) / 2];
    for (let i = 1; i < D; i++) edges.push((d[i - 1] + d[i]) / 2);
    edges.push(d[D - 1] + (d[D - 1] - d[D - 2]) / 2);
    const scale = R / edges[D], half = Math.PI / A;
    for (let i = 0; i < D; i++) for (let a = 0; a < A; a++) {
      const q = bytes[off + i * A + a], s = angleToScreen(M.Angles[a]);
      c.beginPath();
      c.arc(cx, cy, Math.max(0, edges[i + 1] * scale), -(s + half), -(s - half), false);
      c.arc(cx, cy, Math.max(0, edges[i] * scale), -(s - half), -(s + half), true);
      c.closePath(); c.fillStyle = smpRGB(jet, q); c.fill();
      c.strokeStyle = smpRGB(jet, q); c.lineWidth = 0.5; c.stroke();
    }
    smpPolarFrame(c, cx, cy, R, [], labels);
    c.fillStyle = "#333"; c.font = "10px sans-serif"; c.textAlign = "left";
    c.fillText(smpFmt(edges[D], 2) + " m", cx + R * 0.72, cy + R * 0.95);
    c.fillText(smpFmt(range[0], 3) + " … " + smpFmt(range[1], 3), 4, 12);
  }

  function drawScores(u) {
    const c = scores.ctx;
    smpClear(scores);
    const rows = [
      ["HD score", u.HD, M.HDThreshold, 0, Math.max(1, u.HD || 0)],
      ["egoBVC score", u.Ego, M.EgoThreshold, 0, Math.max(0.5, 1.1 * (u.Ego || 0))],
      ["BVC score", u.Allo, M.AlloThr, 0, Math.max(0.5, 1.1 * (u.Allo || 0))],
      ["spatial stability", u.Stab, null, -1, 1]];
    const x0 = 120, W = 330; // labels left of x0, values right of x0 + W
    rows.forEach(function (r, i) {
      const y = 12 + 34 * i, X = function (v) { return x0 + W * (v - r[3]) / (r[4] - r[3]); };
      c.fillStyle = "#222"; c.font = "12px sans-serif"; c.textAlign = "right"; c.textBaseline = "middle";
      c.fillText(r[0], x0 - 8, y + 9);
      c.fillStyle = "#f2f2f2"; c.fillRect(x0, y, W, 18);
      if (r[1] !== null) {
        const above = r[2] !== null && r[1] > r[2];
        c.fillStyle = r[2] === null ? "#4C72B0" : (above ? "#2ca02c" : "#999");
        const a = X(Math.max(r[3], Math.min(0, r[1]))), b = X(Math.min(r[4], Math.max(0, r[1])));
        c.fillRect(Math.min(a, b), y + 2, Math.abs(b - a), 14);
      }
      if (r[2] !== null) { c.fillStyle = "#000"; c.fillRect(X(r[2]) - 1, y - 3, 2.5, 24); }
      c.textAlign = "left"; c.fillStyle = "#222";
      c.fillText(smpFmt(r[1]) + (r[2] !== null ? (r[1] > r[2] ? " > " : " ≤ ") + smpFmt(r[2]) : ""), x0 + W + 6, y + 9);
      c.fillStyle = "#888"; c.font = "9px sans-serif"; c.textAlign = "center";
      c.fillText(String(r[3]), x0, y + 24); c.fillText(smpFmt(r[4], 2), x0 + W, y + 24);
    });
  }

  function redraw() {
    smpTimed(root, function () {
      const i = Number(unitSel.value), u = M.Units[i];
      drawPolar(u);
      drawMosaic(u);
      drawBVC(ego, u.EgoOff, u.EgoRange, function (a) { return Math.PI / 2 + a; }, ["right", "ahead", "left", "behind"]);
      drawBVC(allo, u.AlloOff, u.AlloRange, function (a) { return Math.PI / 2 - a; }, ["E", "N", "W", "S"]);
      drawScores(u);
      const deg = function (a) { return a === null ? "n/a" : (a * 180 / Math.PI).toFixed(0) + "°"; };
      info.textContent = "RNN-" + u.RNN + " unit " + u.Unit + " (unit " + i + " of " + M.Units.length + "): classified as " + types(u) +
        (u.Planted ? "; planted type: " + u.Planted : "; no ground truth (real data)") + "\n" +
        "HD: length " + smpFmt(u.HD) + " at angle " + deg(u.HDAngle) + " (atan2(x, y): measured from north)\n" +
        "egoBVC: preferred distance " + smpFmt(u.EgoDist, 3) + " m, angle " + deg(u.EgoAngle) +
        "   BVC: preferred distance " + smpFmt(u.AlloDist, 3) + " m, angle " + deg(u.AlloAngle);
    });
  }
  rnnSel.addEventListener("change", function () { fillUnits(); redraw(); });
  unitSel.addEventListener("change", redraw);
  fillUnits();
  redraw();
}
