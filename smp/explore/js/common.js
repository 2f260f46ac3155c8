// Common helpers of the smp explorers (package smp/explore). Each explorer
// output holds its own copy inside a closure: no globals are defined.

// smpStart decodes the payload and calls draw(root, meta, bytes) for every
// not yet started root element with this id (the same output may be shown
// twice on a page).
function smpStart(id, meta, payload, draw) {
  const roots = Array.from(document.querySelectorAll('[id="' + id + '"]')).filter(function (r) { return !r.dataset.started; });
  roots.forEach(function (root) {
    root.dataset.started = "1";
    const status = root.querySelector(".smp-status");
    if (status) status.textContent = "Loading the explorer…";
    smpUnpack(payload).then(function (bytes) {
      if (status) status.remove();
      draw(root, meta, bytes);
      root.dataset.ready = "1";
    }).catch(function (e) {
      if (status) status.textContent = "The explorer could not start: " + e;
      root.dataset.error = String(e);
    });
  });
}

// smpUnpack inflates the base64 gzip payload.
function smpUnpack(b64) {
  if (typeof DecompressionStream === "undefined") {
    return Promise.reject(new Error("this browser has no DecompressionStream (Chrome 80+, Firefox 113+, Safari 16.4+)"));
  }
  const bin = Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  const stream = new Blob([bin]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
}

function smpBytes(b64) { return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); }); }

// smpCodeColours maps the 8-bit codes of Quantize through a 256-entry RGB
// lookup table with matplotlib's indexing (u = q/254, i = min(255,
// floor(256·u))); code 255 (NaN) is white. Returns 256·3 bytes.
function smpCodeColours(lutB64) {
  const lut = smpBytes(lutB64), out = new Uint8Array(256 * 3);
  for (let q = 0; q < 256; q++) {
    if (q === 255) { out.set([255, 255, 255], 3 * q); continue; }
    const i = Math.min(255, Math.floor(256 * q / 254));
    out.set(lut.subarray(3 * i, 3 * i + 3), 3 * q);
  }
  return out;
}

function smpRGB(table, q) {
  return "rgb(" + table[3 * q] + "," + table[3 * q + 1] + "," + table[3 * q + 2] + ")";
}

function smpEl(tag, attrs, parent, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// smpPanel adds a captioned canvas (class smp-picture) of w × h CSS pixels,
// sharp on high-density screens. Returns {canvas, ctx, w, h, caption}.
function smpPanel(parent, w, h, caption) {
  const box = smpEl("div", { "class": "smp-panel" }, parent);
  const canvas = smpEl("canvas", { "class": "smp-picture" }, box);
  const dpr = Math.max(1, Math.min(3, window.devicePixelRatio || 1));
  canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr);
  canvas.style.width = w + "px"; canvas.style.height = h + "px";
  const ctx = canvas.getContext("2d");
  ctx.scale(dpr, dpr);
  const cap = smpEl("div", { "class": "smp-caption" }, box, caption || "");
  return { canvas: canvas, ctx: ctx, w: w, h: h, caption: cap };
}

function smpClear(p) {
  p.ctx.save(); p.ctx.setTransform(1, 0, 0, 1, 0, 0);
  p.ctx.clearRect(0, 0, p.canvas.width, p.canvas.height);
  p.ctx.restore();
  p.ctx.fillStyle = "#fff"; p.ctx.fillRect(0, 0, p.w, p.h);
}

// smpImage draws codes (rows × cols, row-major, from offset off) through
// table into the rectangle (x, y, w, h), row 0 at the bottom when
// originLower, else at the top; nearest-neighbour scaling.
function smpImage(ctx, codes, off, rows, cols, table, x, y, w, h, originLower) {
  const img = new ImageData(cols, rows);
  for (let r = 0; r < rows; r++) {
    const dr = originLower ? rows - 1 - r : r;
    for (let c = 0; c < cols; c++) {
      const q = codes[off + r * cols + c], d = 4 * (dr * cols + c);
      img.data[d] = table[3 * q]; img.data[d + 1] = table[3 * q + 1]; img.data[d + 2] = table[3 * q + 2]; img.data[d + 3] = 255;
    }
  }
  const tmp = document.createElement("canvas");
  tmp.width = cols; tmp.height = rows;
  tmp.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tmp, x, y, w, h);
}

// smpControl wraps a control (class smp-control) in a label in parent.
function smpControl(parent, text, control) {
  const l = smpEl("label", {}, parent, text + " ");
  control.classList.add("smp-control");
  l.appendChild(control);
  return control;
}

function smpSelect(parent, text, options, value) {
  const s = document.createElement("select");
  smpSetOptions(s, options, value);
  return smpControl(parent, text, s);
}

function smpSetOptions(s, options, value) {
  s.innerHTML = "";
  options.forEach(function (o) { smpEl("option", { value: String(o[0]) }, s, o[1]); });
  if (value !== undefined) s.value = String(value);
}

function smpRange(parent, text, lo, hi, value) {
  const r = document.createElement("input");
  r.type = "range"; r.min = lo; r.max = hi; r.step = 1; r.value = value;
  return smpControl(parent, text, r);
}

// smpTimed runs f and records its duration (ms) on the root element, so
// that tests and readers can see how fast a redraw is.
function smpTimed(root, f) {
  const t0 = performance.now();
  f();
  root.dataset.redrawMs = (performance.now() - t0).toFixed(1);
}

// smpPolarFrame draws a polar frame of radius R at (cx, cy): rings at
// rs (fractions of R), spokes every 45°, labels at the top, left, bottom and
// right.
function smpPolarFrame(ctx, cx, cy, R, rs, labels) {
  ctx.save();
  ctx.strokeStyle = "#ccc"; ctx.lineWidth = 0.8;
  (rs || []).forEach(function (f) { ctx.beginPath(); ctx.arc(cx, cy, f * R, 0, 2 * Math.PI); ctx.stroke(); });
  for (let k = 0; k < 8; k++) {
    const a = k * Math.PI / 4;
    ctx.beginPath(); ctx.moveTo(cx, cy); ctx.lineTo(cx + R * Math.cos(a), cy - R * Math.sin(a)); ctx.stroke();
  }
  ctx.strokeStyle = "#333"; ctx.lineWidth = 1.2;
  ctx.beginPath(); ctx.arc(cx, cy, R, 0, 2 * Math.PI); ctx.stroke();
  if (labels) {
    ctx.fillStyle = "#333"; ctx.font = "11px sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    // labels: [right, top, left, bottom]
    ctx.fillText(labels[1], cx, cy - R - 9);
    ctx.fillText(labels[3], cx, cy + R + 9);
    ctx.textAlign = "left"; ctx.fillText(labels[0], cx + R + 4, cy);
    ctx.textAlign = "right"; ctx.fillText(labels[2], cx - R - 4, cy);
  }
  ctx.restore();
}

// smpAt returns the canvas point at screen polar angle s (counter-clockwise
// from the right) and radius r around (cx, cy).
function smpAt(cx, cy, s, r) { return [cx + r * Math.cos(s), cy - r * Math.sin(s)]; }

function smpFmt(v, d) { return v === null || v === undefined ? "n/a" : Number(v).toFixed(d === undefined ? 3 : d); }
