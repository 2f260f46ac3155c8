// Package explore makes the notebooks' interactive explorers: one
// self-contained piece of HTML with JavaScript per explorer, shown in a
// notebook with gonbui.DisplayHTML.
//
// # Why HTML with JavaScript
//
// GoNB's widgets (gonbui/widgets) block the cell while they listen, so Run
// All and headless runs would wait on them, and the controls die with the
// kernel; its %wasm cells are experimental, need a live Jupyter server and
// are not kept in an exported notebook. HTML with an embedded <script> is
// what GoNB documents for JavaScript (docs/FrontEndCommunication.md;
// gonbui/dom sends its scripts this way): the cell computes everything once
// and finishes, and the output stays interactive with no kernel: after Run
// All, in a saved notebook (once trusted) and in the HTML export.
//
// # What is in the HTML
//
// Everything a control can show is computed in Go beforehand and embedded:
// per-unit ratemaps and per-velocity unrolls are quantised to 8 bits
// (Quantize: 0..254 over the map's own range, 255 for NaN), concatenated,
// gzip-compressed and base64-encoded; the browser inflates them once with
// DecompressionStream and draws on <canvas> elements through the colormaps
// of smp/plot (jet for ratemaps, coolwarm for activities), so a change of
// control only redraws a few canvases. Nothing is sent back to the kernel.
//
// # DOM contract
//
// The root element has class "smp-explorer" and the attribute
// data-ready="1" once its data is decoded and drawn (data-error holds a
// message if that failed); every control is a <select> or <input> with class
// "smp-control"; every picture is a <canvas> or <img> with class
// "smp-picture". Changing any control redraws at least one picture. A play
// button (figure 3) is a <button>, not a control.
package explore
