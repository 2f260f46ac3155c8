//go:build !purego

#include "textflag.h"

// Vector kernels for AVX2 + FMA. The exponential repeats, lane by lane, the
// operations of math.Exp's FMA path (exp_amd64.s, after Shibata's SLEEF), so
// that in-range results are bit-identical to math.Exp on the same machine;
// the logistic and tanh kernels repeat Sigmoid and math.Tanh operation by
// operation. Lanes outside the range where that holds are reported to the
// caller, which recomputes them with the scalar functions.

// Each constant is replicated four times (32 bytes) so that it can be used
// as a 256-bit memory operand.
// log2(e)
DATA vconst<>+0(SB)/8, $1.4426950408889634073599246810018920
DATA vconst<>+8(SB)/8, $1.4426950408889634073599246810018920
DATA vconst<>+16(SB)/8, $1.4426950408889634073599246810018920
DATA vconst<>+24(SB)/8, $1.4426950408889634073599246810018920
// ln2 upper
DATA vconst<>+32(SB)/8, $0.69314718055966295651160180568695068359375
DATA vconst<>+40(SB)/8, $0.69314718055966295651160180568695068359375
DATA vconst<>+48(SB)/8, $0.69314718055966295651160180568695068359375
DATA vconst<>+56(SB)/8, $0.69314718055966295651160180568695068359375
// ln2 lower
DATA vconst<>+64(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA vconst<>+72(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA vconst<>+80(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA vconst<>+88(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA vconst<>+96(SB)/8, $0.0625
DATA vconst<>+104(SB)/8, $0.0625
DATA vconst<>+112(SB)/8, $0.0625
DATA vconst<>+120(SB)/8, $0.0625
DATA vconst<>+128(SB)/8, $2.4801587301587301587e-5
DATA vconst<>+136(SB)/8, $2.4801587301587301587e-5
DATA vconst<>+144(SB)/8, $2.4801587301587301587e-5
DATA vconst<>+152(SB)/8, $2.4801587301587301587e-5
DATA vconst<>+160(SB)/8, $1.9841269841269841270e-4
DATA vconst<>+168(SB)/8, $1.9841269841269841270e-4
DATA vconst<>+176(SB)/8, $1.9841269841269841270e-4
DATA vconst<>+184(SB)/8, $1.9841269841269841270e-4
DATA vconst<>+192(SB)/8, $1.3888888888888888889e-3
DATA vconst<>+200(SB)/8, $1.3888888888888888889e-3
DATA vconst<>+208(SB)/8, $1.3888888888888888889e-3
DATA vconst<>+216(SB)/8, $1.3888888888888888889e-3
DATA vconst<>+224(SB)/8, $8.3333333333333333333e-3
DATA vconst<>+232(SB)/8, $8.3333333333333333333e-3
DATA vconst<>+240(SB)/8, $8.3333333333333333333e-3
DATA vconst<>+248(SB)/8, $8.3333333333333333333e-3
DATA vconst<>+256(SB)/8, $4.1666666666666666667e-2
DATA vconst<>+264(SB)/8, $4.1666666666666666667e-2
DATA vconst<>+272(SB)/8, $4.1666666666666666667e-2
DATA vconst<>+280(SB)/8, $4.1666666666666666667e-2
DATA vconst<>+288(SB)/8, $1.6666666666666666667e-1
DATA vconst<>+296(SB)/8, $1.6666666666666666667e-1
DATA vconst<>+304(SB)/8, $1.6666666666666666667e-1
DATA vconst<>+312(SB)/8, $1.6666666666666666667e-1
DATA vconst<>+320(SB)/8, $0.5
DATA vconst<>+328(SB)/8, $0.5
DATA vconst<>+336(SB)/8, $0.5
DATA vconst<>+344(SB)/8, $0.5
DATA vconst<>+352(SB)/8, $1.0
DATA vconst<>+360(SB)/8, $1.0
DATA vconst<>+368(SB)/8, $1.0
DATA vconst<>+376(SB)/8, $1.0
DATA vconst<>+384(SB)/8, $2.0
DATA vconst<>+392(SB)/8, $2.0
DATA vconst<>+400(SB)/8, $2.0
DATA vconst<>+408(SB)/8, $2.0
// 2^52 + 1023: adding it puts k+1023 in the low bits
DATA vconst<>+416(SB)/8, $4503599627371519.0
DATA vconst<>+424(SB)/8, $4503599627371519.0
DATA vconst<>+432(SB)/8, $4503599627371519.0
DATA vconst<>+440(SB)/8, $4503599627371519.0
// lowest argument computed in vector lanes
DATA vconst<>+448(SB)/8, $-708.0
DATA vconst<>+456(SB)/8, $-708.0
DATA vconst<>+464(SB)/8, $-708.0
DATA vconst<>+472(SB)/8, $-708.0
// highest argument computed in vector lanes
DATA vconst<>+480(SB)/8, $709.0
DATA vconst<>+488(SB)/8, $709.0
DATA vconst<>+496(SB)/8, $709.0
DATA vconst<>+504(SB)/8, $709.0
// sign bit
DATA vconst<>+512(SB)/8, $0x8000000000000000
DATA vconst<>+520(SB)/8, $0x8000000000000000
DATA vconst<>+528(SB)/8, $0x8000000000000000
DATA vconst<>+536(SB)/8, $0x8000000000000000
// all but the sign bit
DATA vconst<>+544(SB)/8, $0x7fffffffffffffff
DATA vconst<>+552(SB)/8, $0x7fffffffffffffff
DATA vconst<>+560(SB)/8, $0x7fffffffffffffff
DATA vconst<>+568(SB)/8, $0x7fffffffffffffff
// tanh: switch from rational function to exp
DATA vconst<>+576(SB)/8, $0.625
DATA vconst<>+584(SB)/8, $0.625
DATA vconst<>+592(SB)/8, $0.625
DATA vconst<>+600(SB)/8, $0.625
// tanh: 0.5*log(2^127); beyond, the result is ±1
DATA vconst<>+608(SB)/8, $44.014845965556525
DATA vconst<>+616(SB)/8, $44.014845965556525
DATA vconst<>+624(SB)/8, $44.014845965556525
DATA vconst<>+632(SB)/8, $44.014845965556525
// tanhP
DATA vconst<>+640(SB)/8, $-9.64399179425052238628e-1
DATA vconst<>+648(SB)/8, $-9.64399179425052238628e-1
DATA vconst<>+656(SB)/8, $-9.64399179425052238628e-1
DATA vconst<>+664(SB)/8, $-9.64399179425052238628e-1
DATA vconst<>+672(SB)/8, $-9.92877231001918586564e1
DATA vconst<>+680(SB)/8, $-9.92877231001918586564e1
DATA vconst<>+688(SB)/8, $-9.92877231001918586564e1
DATA vconst<>+696(SB)/8, $-9.92877231001918586564e1
DATA vconst<>+704(SB)/8, $-1.61468768441708447952e3
DATA vconst<>+712(SB)/8, $-1.61468768441708447952e3
DATA vconst<>+720(SB)/8, $-1.61468768441708447952e3
DATA vconst<>+728(SB)/8, $-1.61468768441708447952e3
// tanhQ
DATA vconst<>+736(SB)/8, $1.12811678491632931402e2
DATA vconst<>+744(SB)/8, $1.12811678491632931402e2
DATA vconst<>+752(SB)/8, $1.12811678491632931402e2
DATA vconst<>+760(SB)/8, $1.12811678491632931402e2
DATA vconst<>+768(SB)/8, $2.23548839060100448583e3
DATA vconst<>+776(SB)/8, $2.23548839060100448583e3
DATA vconst<>+784(SB)/8, $2.23548839060100448583e3
DATA vconst<>+792(SB)/8, $2.23548839060100448583e3
DATA vconst<>+800(SB)/8, $4.84406305325125486048e3
DATA vconst<>+808(SB)/8, $4.84406305325125486048e3
DATA vconst<>+816(SB)/8, $4.84406305325125486048e3
DATA vconst<>+824(SB)/8, $4.84406305325125486048e3
GLOBL vconst<>(SB), RODATA|NOPTR, $832

#define LOG2E vconst<>+0(SB)
#define LN2U vconst<>+32(SB)
#define LN2L vconst<>+64(SB)
#define SIXTEENTH vconst<>+96(SB)
#define E8 vconst<>+128(SB)
#define E7 vconst<>+160(SB)
#define E6 vconst<>+192(SB)
#define E5 vconst<>+224(SB)
#define E4 vconst<>+256(SB)
#define E3 vconst<>+288(SB)
#define HALF vconst<>+320(SB)
#define ONE vconst<>+352(SB)
#define TWO vconst<>+384(SB)
#define MAGIC vconst<>+416(SB)
#define LO vconst<>+448(SB)
#define HI vconst<>+480(SB)
#define SIGN vconst<>+512(SB)
#define ABS vconst<>+544(SB)
#define TH0625 vconst<>+576(SB)
#define THMAX vconst<>+608(SB)
#define TP0 vconst<>+640(SB)
#define TP1 vconst<>+672(SB)
#define TP2 vconst<>+704(SB)
#define TQ0 vconst<>+736(SB)
#define TQ1 vconst<>+768(SB)
#define TQ2 vconst<>+800(SB)

// RANGE(x, t, bad) ORs into bad the lanes of x outside [LO, HI] or NaN:
// predicate 0x19 is "not greater or equal" and 0x16 "not less or equal",
// both true for NaN.
#define RANGE(x, t, bad) \
	VCMPPD $0x19, LO, x, t \
	VORPD  t, bad, bad \
	VCMPPD $0x16, HI, x, t \
	VORPD  t, bad, bad

// EXP(x, k, p) replaces x by exp(x) for LO <= x <= HI; k and p are scratch.
// As math.Exp (FMA path): k = round-to-even(x·log2 e); r = x - k·ln2 (two
// fused steps, upper and lower part of ln2); r /= 16; p = Taylor polynomial
// of degree 8 in Horner form with fused steps; r = r·p; four times
// r = r·(r+2), the last one fused with +1 (that is, e^r squared four times);
// finally r·2^k, with 2^k built from the bits of k + 2^52 + 1023 shifted left
// by 52. In range, k + 1023 is in [2, 2046], so 2^k is a normal number and
// math.Exp's denormal and overflow branches are never taken.
#define EXP(x, k, p) \
	VMULPD       LOG2E, x, k \
	VROUNDPD     $0, k, k \
	VFNMADD231PD LN2U, k, x \
	VFNMADD231PD LN2L, k, x \
	VMULPD       SIXTEENTH, x, x \
	VMOVUPD      E8, p \
	VFMADD213PD  E7, x, p \
	VFMADD213PD  E6, x, p \
	VFMADD213PD  E5, x, p \
	VFMADD213PD  E4, x, p \
	VFMADD213PD  E3, x, p \
	VFMADD213PD  HALF, x, p \
	VFMADD213PD  ONE, x, p \
	VMULPD       p, x, x \
	VADDPD       TWO, x, p \
	VMULPD       p, x, x \
	VADDPD       TWO, x, p \
	VMULPD       p, x, x \
	VADDPD       TWO, x, p \
	VMULPD       p, x, x \
	VADDPD       TWO, x, p \
	VFMADD213PD  ONE, p, x \
	VADDPD       MAGIC, k, k \
	VPSLLQ       $52, k, k \
	VMULPD       k, x, x

// func sigmoidVec(dst, src []float64) bool
//
// dst[i] = 1/(1+exp(-src[i])) for the first len(src)&^3 elements. It
// reports whether some lane had -src[i] outside [-708, 709] or NaN; such a
// lane gets dst[i] = src[i].
TEXT ·sigmoidVec(SB), NOSPLIT, $0-49
	MOVQ    dst_base+0(FP), DI
	MOVQ    src_base+24(FP), SI
	MOVQ    src_len+32(FP), CX
	VXORPD  Y15, Y15, Y15
	VMOVUPD ONE, Y14
	SHRQ    $2, CX
	JZ      sdone

sloop:
	VMOVUPD   (SI), Y0
	VXORPD    SIGN, Y0, Y0
	VCMPPD    $0x19, LO, Y0, Y3  // lanes out of range or NaN, as RANGE
	VCMPPD    $0x16, HI, Y0, Y4
	VORPD     Y4, Y3, Y3
	VORPD     Y3, Y15, Y15
	EXP(Y0, Y1, Y2)
	VADDPD    Y14, Y0, Y0
	VDIVPD    Y0, Y14, Y0
	VBLENDVPD Y3, (SI), Y0, Y0   // they keep src, for the caller (in place too)
	VMOVUPD   Y0, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     sloop

sdone:
	VMOVMSKPD Y15, AX
	TESTQ     AX, AX
	SETNE     ret+48(FP)
	VZEROUPPER
	RET

// func tanhVec(dst, src []float64) bool
//
// dst[i] = tanh(src[i]) as math.Tanh computes it, for the first
// len(src)&^3 elements: ±1 beyond ±44.01 and x itself for ±0, as
// math.Tanh. It reports whether some lane was NaN.
TEXT ·tanhVec(SB), NOSPLIT, $0-49
	MOVQ    dst_base+0(FP), DI
	MOVQ    src_base+24(FP), SI
	MOVQ    src_len+32(FP), CX
	VXORPD  Y15, Y15, Y15
	VMOVUPD ONE, Y14
	VMOVUPD TWO, Y13
	SHRQ    $2, CX
	JZ      tdone

tloop:
	VMOVUPD (SI), Y8                // x
	VANDPD  ABS, Y8, Y9             // a = |x|
	VCMPPD  $0x03, Y8, Y8, Y4       // x is NaN
	VORPD   Y4, Y15, Y15

	// a >= 0.625: 1 - 2/(exp(2a)+1), with the sign of x.
	VADDPD  Y9, Y9, Y0
	EXP(Y0, Y1, Y2)
	VADDPD  Y14, Y0, Y0
	VDIVPD  Y0, Y13, Y0
	VSUBPD  Y0, Y14, Y0
	VANDPD  SIGN, Y8, Y1
	VORPD   Y1, Y0, Y0

	// a < 0.625: x + x*s*((P0*s+P1)*s+P2)/(((s+Q0)*s+Q1)*s+Q2), s = x*x.
	VMULPD  Y8, Y8, Y10             // s
	VMULPD  Y10, Y8, Y11            // x*s
	VMULPD  TP0, Y10, Y12
	VADDPD  TP1, Y12, Y12
	VMULPD  Y10, Y12, Y12
	VADDPD  TP2, Y12, Y12
	VMULPD  Y12, Y11, Y11           // x*s*P
	VADDPD  TQ0, Y10, Y12
	VMULPD  Y10, Y12, Y12
	VADDPD  TQ1, Y12, Y12
	VMULPD  Y10, Y12, Y12
	VADDPD  TQ2, Y12, Y12
	VDIVPD  Y12, Y11, Y11           // x*s*P/Q
	VADDPD  Y11, Y8, Y11            // x + x*s*P/Q

	VCMPPD    $0x1d, TH0625, Y9, Y4 // a >= 0.625
	VBLENDVPD Y4, Y0, Y11, Y0

	// a > 44.01: ±1, with the sign of x.
	VCMPPD    $0x1e, THMAX, Y9, Y4
	VANDPD    SIGN, Y8, Y1
	VORPD     Y14, Y1, Y1
	VBLENDVPD Y4, Y1, Y0, Y0

	// x == ±0: x.
	VXORPD    Y5, Y5, Y5
	VCMPPD    $0x00, Y5, Y8, Y4
	VBLENDVPD Y4, Y8, Y0, Y0
	VMOVUPD   Y0, (DI)
	ADDQ      $32, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       tloop

tdone:
	VMOVMSKPD Y15, AX
	TESTQ     AX, AX
	SETNE     ret+48(FP)
	VZEROUPPER
	RET

// func gemmVec(z, init, a, w []float64, rows, k, n int)
//
// z[r*g+j] = s + a[r*k+0]*w[0*g+j] + ... + a[r*k+k-1]*w[(k-1)*g+j], adding
// the products one at a time in that order, each product rounded before it
// is added (no fused multiply-add), for r < rows (a multiple of 4) and j < g
// (a multiple of 8), k >= 1; s is init[j], or z[r*g+j] when init is empty.
TEXT ·gemmVec(SB), NOSPLIT, $0-120
	MOVQ z_base+0(FP), DI
	MOVQ init_base+24(FP), R15
	MOVQ init_len+32(FP), BX
	TESTQ BX, BX
	JNZ  ginit
	XORQ R15, R15           // no init: start from z
ginit:
	MOVQ a_base+48(FP), SI
	MOVQ w_base+72(FP), DX
	MOVQ rows+96(FP), R8
	MOVQ k+104(FP), R11
	MOVQ n+112(FP), R10
	SHLQ $3, R11            // a row stride, bytes
	SHLQ $3, R10            // z and w row stride, bytes
	LEAQ (R11)(R11*2), R14  // 3 a rows
	LEAQ (R10)(R10*2), R13  // 3 z rows
	TESTQ R8, R8
	JZ   gdone

growloop:
	XORQ CX, CX             // column offset, bytes

gcolloop:
	LEAQ    (DI)(CX*1), AX  // &z[row][col]
	TESTQ   R15, R15
	JZ      gfromz
	VMOVUPD (R15)(CX*1), Y0 // init[col], in every row
	VMOVUPD 32(R15)(CX*1), Y1
	VMOVAPD Y0, Y2
	VMOVAPD Y1, Y3
	VMOVAPD Y0, Y4
	VMOVAPD Y1, Y5
	VMOVAPD Y0, Y6
	VMOVAPD Y1, Y7
	JMP     gstart

gfromz:
	VMOVUPD (AX), Y0
	VMOVUPD 32(AX), Y1
	VMOVUPD (AX)(R10*1), Y2
	VMOVUPD 32(AX)(R10*1), Y3
	VMOVUPD (AX)(R10*2), Y4
	VMOVUPD 32(AX)(R10*2), Y5
	VMOVUPD (AX)(R13*1), Y6
	VMOVUPD 32(AX)(R13*1), Y7

gstart:
	LEAQ    (DX)(CX*1), BX  // &w[0][col]
	MOVQ    SI, R12         // &a[row][0]
	MOVQ    R11, R9
	SHRQ    $3, R9          // k

gkloop:
	VMOVUPD      (BX), Y8
	VMOVUPD      32(BX), Y9
	VBROADCASTSD (R12), Y10
	VMULPD       Y8, Y10, Y11
	VADDPD       Y11, Y0, Y0
	VMULPD       Y9, Y10, Y12
	VADDPD       Y12, Y1, Y1
	VBROADCASTSD (R12)(R11*1), Y10
	VMULPD       Y8, Y10, Y11
	VADDPD       Y11, Y2, Y2
	VMULPD       Y9, Y10, Y12
	VADDPD       Y12, Y3, Y3
	VBROADCASTSD (R12)(R11*2), Y10
	VMULPD       Y8, Y10, Y11
	VADDPD       Y11, Y4, Y4
	VMULPD       Y9, Y10, Y12
	VADDPD       Y12, Y5, Y5
	VBROADCASTSD (R12)(R14*1), Y10
	VMULPD       Y8, Y10, Y11
	VADDPD       Y11, Y6, Y6
	VMULPD       Y9, Y10, Y12
	VADDPD       Y12, Y7, Y7
	ADDQ         R10, BX
	ADDQ         $8, R12
	DECQ         R9
	JNZ          gkloop

	VMOVUPD Y0, (AX)
	VMOVUPD Y1, 32(AX)
	VMOVUPD Y2, (AX)(R10*1)
	VMOVUPD Y3, 32(AX)(R10*1)
	VMOVUPD Y4, (AX)(R10*2)
	VMOVUPD Y5, 32(AX)(R10*2)
	VMOVUPD Y6, (AX)(R13*1)
	VMOVUPD Y7, 32(AX)(R13*1)
	ADDQ    $64, CX
	CMPQ    CX, R10
	JL      gcolloop

	LEAQ (DI)(R10*4), DI    // next 4 z rows
	LEAQ (SI)(R11*4), SI    // next 4 a rows
	SUBQ $4, R8
	JNZ  growloop

gdone:
	VZEROUPPER
	RET

// func lagSums4Vec(sums *[16]float64, x, y []float64, n, d int)
//
// For j = 0..3 and i = 0, 4, ..., n-4 (n a multiple of 4, n >= 4), adds the
// products x[i+k]*y[j*d+i+k] to sums[4j+k], k = 0..3, one block after the
// other, each product rounded before it is added (no fused multiply-add):
// the four partial sums of each of four dot products in the lanes of
// gonum's DotUnitary (lane k sums the products of the elements i ≡ k mod 4,
// in order).
TEXT ·lagSums4Vec(SB), NOSPLIT, $0-72
	MOVQ    sums+0(FP), DI
	MOVQ    x_base+8(FP), SI
	MOVQ    y_base+32(FP), DX
	MOVQ    n+56(FP), CX
	MOVQ    d+64(FP), R8
	SHLQ    $3, R8              // d, bytes
	LEAQ    (R8)(R8*2), R9      // 3d, bytes
	VMOVUPD (DI), Y0
	VMOVUPD 32(DI), Y1
	VMOVUPD 64(DI), Y2
	VMOVUPD 96(DI), Y3
	SHRQ    $2, CX

lsloop:
	VMOVUPD (SI), Y4
	VMULPD  (DX), Y4, Y5
	VADDPD  Y5, Y0, Y0
	VMULPD  (DX)(R8*1), Y4, Y6
	VADDPD  Y6, Y1, Y1
	VMULPD  (DX)(R8*2), Y4, Y7
	VADDPD  Y7, Y2, Y2
	VMULPD  (DX)(R9*1), Y4, Y8
	VADDPD  Y8, Y3, Y3
	ADDQ    $32, SI
	ADDQ    $32, DX
	DECQ    CX
	JNZ     lsloop

	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VZEROUPPER
	RET

// ADDEXP(x, r) adds exp(x) to the four float64 at (r), except in the lanes
// where x is outside [LO, HI] or NaN (predicate 0x19 is "not greater or
// equal", 0x16 "not less or equal", both true for NaN); it ORs those lanes
// into Y15. Y1, Y2, Y4 and Y5 are scratch.
#define ADDEXP(x, r) \
	VCMPPD  $0x19, LO, x, Y4 \
	VCMPPD  $0x16, HI, x, Y5 \
	VORPD   Y5, Y4, Y4 \
	VORPD   Y4, Y15, Y15 \
	EXP(x, Y1, Y2) \
	VANDNPD x, Y4, x \
	VADDPD  (r), x, x \
	VMOVUPD x, (r)

// func addExp32Vec(dst []float64, src []float32) bool
//
// dst[i] += exp(float64(src[i])) for the first len(src)&^3 elements; it
// reports whether some lane was skipped.
TEXT ·addExp32Vec(SB), NOSPLIT, $0-49
	MOVQ   dst_base+0(FP), DI
	MOVQ   src_base+24(FP), SI
	MOVQ   src_len+32(FP), CX
	VXORPD Y15, Y15, Y15
	SHRQ   $2, CX
	JZ     done32

loop32:
	VCVTPS2PD (SI), Y0
	ADDEXP(Y0, DI)
	ADDQ      $16, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       loop32

done32:
	VMOVMSKPD Y15, AX
	TESTQ     AX, AX
	SETNE     ret+48(FP)
	VZEROUPPER
	RET

// func addExp64Vec(dst, src []float64) bool
//
// dst[i] += exp(src[i]) for the first len(src)&^3 elements; it reports
// whether some lane was skipped.
TEXT ·addExp64Vec(SB), NOSPLIT, $0-49
	MOVQ   dst_base+0(FP), DI
	MOVQ   src_base+24(FP), SI
	MOVQ   src_len+32(FP), CX
	VXORPD Y15, Y15, Y15
	SHRQ   $2, CX
	JZ     done64

loop64:
	VMOVUPD (SI), Y0
	ADDEXP(Y0, DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     loop64

done64:
	VMOVMSKPD Y15, AX
	TESTQ     AX, AX
	SETNE     ret+48(FP)
	VZEROUPPER
	RET

// func addFloats32Vec(dst []float64, src []float32)
//
// dst[i] += float64(src[i]) for the first len(src)&^3 elements: each
// element converted exactly, then one rounded addition, as the scalar loop.
TEXT ·addFloats32Vec(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $2, CX
	JZ   f32done

f32loop:
	VCVTPS2PD (SI), Y0
	VMOVUPD   (DI), Y1
	VADDPD    Y0, Y1, Y1
	VMOVUPD   Y1, (DI)
	ADDQ      $16, SI
	ADDQ      $32, DI
	DECQ      CX
	JNZ       f32loop

f32done:
	VZEROUPPER
	RET

// func addFloats64Vec(dst, src []float64)
//
// dst[i] += src[i] for the first len(src)&^3 elements.
TEXT ·addFloats64Vec(SB), NOSPLIT, $0-48
	MOVQ dst_base+0(FP), DI
	MOVQ src_base+24(FP), SI
	MOVQ src_len+32(FP), CX
	SHRQ $2, CX
	JZ   f64done

f64loop:
	VMOVUPD (SI), Y0
	VMOVUPD (DI), Y1
	VADDPD  Y0, Y1, Y1
	VMOVUPD Y1, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	DECQ    CX
	JNZ     f64loop

f64done:
	VZEROUPPER
	RET
