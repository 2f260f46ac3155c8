//go:build !(386 || amd64 || arm64 || loong64 || ppc64 || ppc64le || s390x)

package pickle

// StrictAlignment reports whether the architecture requires numeric loads
// to be aligned to the element size: here it may, so misaligned array bytes
// are copied to an aligned buffer.
const StrictAlignment = true
