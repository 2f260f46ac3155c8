//go:build !purego

#include "textflag.h"

// AVX2 + FMA kernels of AddExp. The exponential repeats, lane by lane, the
// operations of math.Exp's FMA path (exp_amd64.s, after Shibata's SLEEF), as
// smp/hdnet's vecmath_amd64.s does, so that in-range results are
// bit-identical to math.Exp on the same machine. Lanes outside that range
// add nothing and are reported to the caller, which adds them with math.Exp.

// Each constant is replicated four times (32 bytes) so that it can be used
// as a 256-bit memory operand.
// log2(e)
DATA econst<>+0(SB)/8, $1.4426950408889634073599246810018920
DATA econst<>+8(SB)/8, $1.4426950408889634073599246810018920
DATA econst<>+16(SB)/8, $1.4426950408889634073599246810018920
DATA econst<>+24(SB)/8, $1.4426950408889634073599246810018920
// ln 2, upper part
DATA econst<>+32(SB)/8, $0.69314718055966295651160180568695068359375
DATA econst<>+40(SB)/8, $0.69314718055966295651160180568695068359375
DATA econst<>+48(SB)/8, $0.69314718055966295651160180568695068359375
DATA econst<>+56(SB)/8, $0.69314718055966295651160180568695068359375
// ln 2, lower part
DATA econst<>+64(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA econst<>+72(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA econst<>+80(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA econst<>+88(SB)/8, $0.28235290563031577122588448175013436025525412068e-12
DATA econst<>+96(SB)/8, $0.0625
DATA econst<>+104(SB)/8, $0.0625
DATA econst<>+112(SB)/8, $0.0625
DATA econst<>+120(SB)/8, $0.0625
// Taylor coefficients 1/8! ... 1/3!, 1/2, 1
DATA econst<>+128(SB)/8, $2.4801587301587301587e-5
DATA econst<>+136(SB)/8, $2.4801587301587301587e-5
DATA econst<>+144(SB)/8, $2.4801587301587301587e-5
DATA econst<>+152(SB)/8, $2.4801587301587301587e-5
DATA econst<>+160(SB)/8, $1.9841269841269841270e-4
DATA econst<>+168(SB)/8, $1.9841269841269841270e-4
DATA econst<>+176(SB)/8, $1.9841269841269841270e-4
DATA econst<>+184(SB)/8, $1.9841269841269841270e-4
DATA econst<>+192(SB)/8, $1.3888888888888888889e-3
DATA econst<>+200(SB)/8, $1.3888888888888888889e-3
DATA econst<>+208(SB)/8, $1.3888888888888888889e-3
DATA econst<>+216(SB)/8, $1.3888888888888888889e-3
DATA econst<>+224(SB)/8, $8.3333333333333333333e-3
DATA econst<>+232(SB)/8, $8.3333333333333333333e-3
DATA econst<>+240(SB)/8, $8.3333333333333333333e-3
DATA econst<>+248(SB)/8, $8.3333333333333333333e-3
DATA econst<>+256(SB)/8, $4.1666666666666666667e-2
DATA econst<>+264(SB)/8, $4.1666666666666666667e-2
DATA econst<>+272(SB)/8, $4.1666666666666666667e-2
DATA econst<>+280(SB)/8, $4.1666666666666666667e-2
DATA econst<>+288(SB)/8, $1.6666666666666666667e-1
DATA econst<>+296(SB)/8, $1.6666666666666666667e-1
DATA econst<>+304(SB)/8, $1.6666666666666666667e-1
DATA econst<>+312(SB)/8, $1.6666666666666666667e-1
DATA econst<>+320(SB)/8, $0.5
DATA econst<>+328(SB)/8, $0.5
DATA econst<>+336(SB)/8, $0.5
DATA econst<>+344(SB)/8, $0.5
DATA econst<>+352(SB)/8, $1.0
DATA econst<>+360(SB)/8, $1.0
DATA econst<>+368(SB)/8, $1.0
DATA econst<>+376(SB)/8, $1.0
DATA econst<>+384(SB)/8, $2.0
DATA econst<>+392(SB)/8, $2.0
DATA econst<>+400(SB)/8, $2.0
DATA econst<>+408(SB)/8, $2.0
// 2^52 + 1023: adding it puts k+1023 in the low bits
DATA econst<>+416(SB)/8, $4503599627371519.0
DATA econst<>+424(SB)/8, $4503599627371519.0
DATA econst<>+432(SB)/8, $4503599627371519.0
DATA econst<>+440(SB)/8, $4503599627371519.0
// lowest argument computed in vector lanes
DATA econst<>+448(SB)/8, $-708.0
DATA econst<>+456(SB)/8, $-708.0
DATA econst<>+464(SB)/8, $-708.0
DATA econst<>+472(SB)/8, $-708.0
// highest argument computed in vector lanes
DATA econst<>+480(SB)/8, $709.0
DATA econst<>+488(SB)/8, $709.0
DATA econst<>+496(SB)/8, $709.0
DATA econst<>+504(SB)/8, $709.0
GLOBL econst<>(SB), RODATA|NOPTR, $512

#define LOG2E econst<>+0(SB)
#define LN2U econst<>+32(SB)
#define LN2L econst<>+64(SB)
#define SIXTEENTH econst<>+96(SB)
#define E8 econst<>+128(SB)
#define E7 econst<>+160(SB)
#define E6 econst<>+192(SB)
#define E5 econst<>+224(SB)
#define E4 econst<>+256(SB)
#define E3 econst<>+288(SB)
#define HALF econst<>+320(SB)
#define ONE econst<>+352(SB)
#define TWO econst<>+384(SB)
#define MAGIC econst<>+416(SB)
#define LO econst<>+448(SB)
#define HI econst<>+480(SB)

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

// func addExp32AVX2(dst []float64, src []float32) bool
//
// dst[i] += exp(float64(src[i])) for the first len(src)&^3 elements; it
// reports whether some lane was skipped.
TEXT ·addExp32AVX2(SB), NOSPLIT, $0-49
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

// func addExp64AVX2(dst, src []float64) bool
//
// dst[i] += exp(src[i]) for the first len(src)&^3 elements; it reports
// whether some lane was skipped.
TEXT ·addExp64AVX2(SB), NOSPLIT, $0-49
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
