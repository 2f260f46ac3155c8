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
// Everything a control can show is computed in Go and embedded: ratemaps
// and unrolls quantised to 8 bits (Quantize), concatenated, gzip-compressed
// and base64-encoded; the browser inflates them once (DecompressionStream)
// and draws them on <canvas> elements through smp/plot's colormaps, so a
// change of control only redraws a few canvases. Nothing is sent back to
// the kernel.
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
