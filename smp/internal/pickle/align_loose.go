//go:build 386 || amd64 || arm64 || loong64 || ppc64 || ppc64le || s390x

package pickle

// StrictAlignment reports whether the architecture requires numeric loads
// to be aligned to the element size. These architectures load misaligned
// integers and floats in hardware, and Go allows misaligned pointers to
// pointer-free types (see the runtime's checkptr), so misaligned array
// bytes are used in place.
const StrictAlignment = false
