package explore

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
)

// The page's script: common helpers, then one explorer's drawing code.
var (
	//go:embed js/common.js
	commonJS string
	//go:embed js/figure2.js
	figure2JS string
	//go:embed js/figure3.js
	figure3JS string
	//go:embed js/explorer.css
	explorerCSS string
)

// render assembles an explorer: a root <div class="smp-explorer"> holding a
// message for when scripts do not run, then a script that builds the
// controls and pictures from meta (JSON) and the payload. The root's id is
// derived from the content, so the same input gives the same HTML.
func render(kind, js string, meta any, payload *blob) (string, error) {
	mj, err := json.Marshal(meta)
	if err != nil {
		return "", fmt.Errorf("explore: %s: encoding the metadata: %w", kind, err)
	}
	data, raw := payload.encode()
	h := fnv.New64a()
	h.Write(mj)
	h.Write([]byte(data))
	id := fmt.Sprintf("smp-explorer-%s-%016x", kind, h.Sum64())
	var b strings.Builder
	fmt.Fprintf(&b, "<div class=\"smp-explorer\" id=\"%s\" data-kind=\"%s\" data-payload-bytes=\"%d\">\n", id, kind, raw)
	fmt.Fprintf(&b, "<style>%s</style>\n", strings.ReplaceAll(explorerCSS, "#ROOT", "#"+id))
	b.WriteString("<div class=\"smp-status\">This explorer needs JavaScript: run the cell, or trust the notebook (File → Trust Notebook).</div>\n</div>\n")
	// json.Marshal escapes <, > and &, so the JSON cannot end the script.
	fmt.Fprintf(&b, "<script>\n(function () {\n\"use strict\";\n%s\n%s\nsmpStart(%q, %s, %q, draw);\n})();\n</script>\n",
		commonJS, js, id, mj, data)
	return b.String(), nil
}
