/* i32x4 and f32x4 loops that clang vectorizes with -msimd128: an i32 dot product (i32x4.mul
 * and add, with v128 loads), an i16 dot product widened to i32, and an f32 saxpy with clamping
 * (f32x4.mul, add, min, max), checked bit-for-bit. */
#include "kernel.h"

#define LEN 2048

static i32 xi[LEN], yi[LEN];
static i16 xs[LEN], ys[LEN];
static float xf[LEN], yf[LEN];

static void fill(void) {
  u32 s = 0x9E3779B9u;
  for (int i = 0; i < LEN; i++) {
    u32 r = next32(&s);
    xi[i] = (i32)(r & 0xFFFF) - 0x8000;
    yi[i] = (i32)(r >> 16) - 0x8000;
    xs[i] = (i16)r;
    ys[i] = (i16)(r >> 13);
    xf[i] = (float)(i32)(r & 0xFFF) * (1.0f / 1024.0f) - 2.0f;
    yf[i] = (float)(i32)(r >> 20) * (1.0f / 2048.0f);
  }
}

static i32 dot_i32(const i32 *restrict x, const i32 *restrict y) {
  i32 s = 0;
  for (int i = 0; i < LEN; i++) s += x[i] * y[i];
  return s;
}

static i32 dot_i16(const i16 *restrict x, const i16 *restrict y) {
  i32 s = 0;
  for (int i = 0; i < LEN; i++) s += (i32)x[i] * (i32)y[i];
  return s;
}

/* y = clamp(a * x + y, -4, 4): element-wise, so no reassociation is needed to vectorize. */
static void saxpy(float a, const float *restrict x, float *restrict y) {
  for (int i = 0; i < LEN; i++) {
    float v = a * x[i] + y[i];
    v = v < -4.0f ? -4.0f : v;
    y[i] = v > 4.0f ? 4.0f : v;
  }
}

/* x = x * 3 + (y >> 2), as i32 lanes. */
static void scale_shift(i32 *restrict x, const i32 *restrict y) {
  for (int i = 0; i < LEN; i++) x[i] = x[i] * 3 + (y[i] >> 2);
}

EXPORT i32 run(i32 n) {
  fill();
  u32 h = 0;
  for (i32 rep = 0; rep < n; rep++) {
    h = mix32(h, (u32)dot_i32(xi, yi));
    h = mix32(h, (u32)dot_i16(xs, ys));
    saxpy(rep & 1 ? 0.75f : -0.5f, xf, yf);
    h = mix32(h, f32_bits(yf[rep & (LEN - 1)]));
    scale_shift(xi, yi);
  }
  for (int i = 0; i < LEN; i += 64) h = mix32(h, f32_bits(yf[i]));
  return (i32)h;
}
