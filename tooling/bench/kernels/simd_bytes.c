/* i8x16 work that clang vectorizes with -msimd128: saturating adds and subtracts, byte
 * compares that count and select, min/max, and a byte histogram (scalar, for contrast). */
#include "kernel.h"

#define LEN 4096

static u8 a[LEN], b[LEN], out[LEN];
static u32 hist[256];

static void fill(u32 seed) {
  u32 s = seed;
  for (int i = 0; i < LEN; i++) {
    u32 r = next32(&s);
    a[i] = (u8)r;
    b[i] = (u8)(r >> 8);
  }
}

/* out = sat(a + b) then sat(out - (b >> 1)): i8x16.add_sat_u, i8x16.sub_sat_u, shr. */
static void saturate(u8 *restrict o, const u8 *restrict x, const u8 *restrict y) {
  for (int i = 0; i < LEN; i++) {
    u8 s = (u8)(x[i] + y[i]);
    s = s < x[i] ? 255 : s;
    u8 h = y[i] >> 1;
    o[i] = s > h ? (u8)(s - h) : 0;
  }
}

/* How many bytes of x exceed y (i8x16.gt_u, then a widening sum). */
static u32 count_greater(const u8 *restrict x, const u8 *restrict y) {
  u32 c = 0;
  for (int i = 0; i < LEN; i++) c += x[i] > y[i];
  return c;
}

/* Signed compare and select: out = a < b (as i8) ? min : max, in place. */
static void select_minmax(u8 *restrict o, const u8 *restrict x, const u8 *restrict y) {
  for (int i = 0; i < LEN; i++) {
    i8 p = (i8)x[i], q = (i8)y[i];
    i8 lo = p < q ? p : q, hi = p < q ? q : p;
    o[i] = (u8)((o[i] & 1) ? lo : hi);
  }
}

/* Sum of absolute differences (widening i16x8/i32x4 adds). */
static u32 sad(const u8 *restrict x, const u8 *restrict y) {
  u32 s = 0;
  for (int i = 0; i < LEN; i++) {
    int d = (int)x[i] - (int)y[i];
    s += (u32)(d < 0 ? -d : d);
  }
  return s;
}

static void histogram(const u8 *x) {
  for (int i = 0; i < 256; i++) hist[i] = 0;
  for (int i = 0; i < LEN; i++) hist[x[i]]++;
}

EXPORT i32 run(i32 n) {
  fill(0x12345678u);
  u32 h = 0;
  for (i32 rep = 0; rep < n; rep++) {
    saturate(out, a, b);
    h = mix32(h, count_greater(out, a));
    select_minmax(out, a, b);
    h = mix32(h, sad(out, b));
    histogram(out);
    h = mix32(h, hist[rep & 255]);
    /* feed the result back so each repetition differs */
    for (int i = 0; i < LEN; i++) a[i] ^= out[i];
  }
  return (i32)h;
}
