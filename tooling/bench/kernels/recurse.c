/* Calls: deep recursion (a recursive descent over a 3000-deep chain, then Ackermann-style
 * nesting), mutual recursion, and indirect calls through a function table with several
 * signatures (call_indirect with i32, i64 and f64 operands). */
#include "kernel.h"

/* Depth stays well under engines' default call limits (V8's stack, our 20,000 calls). */
#define DEPTH 3000

static u32 chain[DEPTH];

__attribute__((noinline)) static u32 descend(u32 i, u32 acc) {
  if (i == DEPTH) return acc;
  u32 r = descend(i + 1, acc * 31 + chain[i]);
  return r ^ (r >> 7) ^ i; /* work after the call keeps it a real recursion */
}

__attribute__((noinline)) static u32 ack(u32 m, u32 n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

__attribute__((noinline)) static int is_odd(u32 x);
__attribute__((noinline)) static int is_even(u32 x) { return x == 0 ? 1 : is_odd(x - 1); }
__attribute__((noinline)) static int is_odd(u32 x) { return x == 0 ? 0 : is_even(x - 1); }

typedef u32 (*fn32)(u32, u32);
typedef u64 (*fn64)(u64, u32);
typedef double (*fnf)(double, u32);

static u32 f_add(u32 a, u32 b) { return a + b; }
static u32 f_rot(u32 a, u32 b) { return (a << (b & 31)) | (a >> ((32 - b) & 31)); }
static u32 f_mul(u32 a, u32 b) { return a * (b | 1); }
static u32 f_rec(u32 a, u32 b) { return b & 3 ? a ^ b : descend(DEPTH - 8, a); }
static u64 g_mix(u64 a, u32 b) { return (a ^ b) * 0x9E3779B97F4A7C15ull; }
static u64 g_shift(u64 a, u32 b) { return (a >> (b & 63)) | (a << 3); }
static double h_lerp(double a, u32 b) { return a * 0.75 + (double)(b & 0xFF) * 0.25; }
static double h_half(double a, u32 b) { return (a + (double)(b >> 24)) * 0.5; }

/* volatile tables so the calls stay indirect */
static fn32 volatile t32[4] = {f_add, f_rot, f_mul, f_rec};
static fn64 volatile t64[2] = {g_mix, g_shift};
static fnf volatile tf[2] = {h_lerp, h_half};

EXPORT i32 run(i32 n) {
  u32 s = 0xDEADBEEFu;
  for (int i = 0; i < DEPTH; i++) chain[i] = next32(&s);
  u32 h = 0;
  u64 w = 1;
  double d = 1.0;
  for (i32 rep = 0; rep < n; rep++) {
    h = mix32(h, descend(0, (u32)rep));
    h = mix32(h, ack(2, 8 + (u32)(rep & 3)));
    h = mix32(h, (u32)is_even(1000 + (u32)(rep & 7)));
    for (int k = 0; k < 400; k++) {
      u32 r = next32(&s);
      h = t32[r >> 30](h, r);
      w = t64[r & 1](w, r);
      d = tf[(r >> 1) & 1](d, r);
    }
  }
  return (i32)mix64(mix64(h, w), f64_bits(d));
}
