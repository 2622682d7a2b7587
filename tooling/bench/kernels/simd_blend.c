/* Image blending on RGBA bytes, as clang vectorizes it with -msimd128: widening u8 -> u16
 * multiplies by a per-pixel alpha, a narrowing store, and an f32 brightness/contrast pass that
 * converts lanes between u8, i32 and f32. */
#include "kernel.h"

#define W 64
#define H 64
#define PIXELS (W * H)

static u8 src[PIXELS * 4], dst[PIXELS * 4], alpha[PIXELS * 4];
static float lum[PIXELS];

static void fill(void) {
  u32 s = 0xC0FFEEu;
  for (int i = 0; i < PIXELS * 4; i++) {
    u32 r = next32(&s);
    src[i] = (u8)r;
    dst[i] = (u8)(r >> 8);
    alpha[i] = (u8)(r >> 16);
  }
}

/* dst = (src * a + dst * (255 - a) + 128) / 256, per channel. */
static void blend(u8 *restrict d, const u8 *restrict s, const u8 *restrict a) {
  for (int i = 0; i < PIXELS * 4; i++) {
    u16 x = (u16)(s[i] * a[i] + d[i] * (255 - a[i]) + 128);
    d[i] = (u8)(x >> 8);
  }
}

/* Luminance per pixel in f32, from interleaved channels. */
static void luminance(float *restrict l, const u8 *restrict p) {
  for (int i = 0; i < PIXELS; i++)
    l[i] = 0.299f * (float)p[4 * i] + 0.587f * (float)p[4 * i + 1] + 0.114f * (float)p[4 * i + 2];
}

/* Contrast around 128 with saturation back to bytes (f32 -> i32 conversions, clamps). */
static void contrast(u8 *restrict p, float k) {
  for (int i = 0; i < PIXELS * 4; i++) {
    float v = ((float)p[i] - 128.0f) * k + 128.0f;
    i32 q = (i32)(v < 0.0f ? 0.0f : v > 255.0f ? 255.0f : v);
    p[i] = (u8)q;
  }
}

EXPORT i32 run(i32 n) {
  fill();
  u32 h = 0;
  for (i32 rep = 0; rep < n; rep++) {
    blend(dst, src, alpha);
    luminance(lum, dst);
    h = mix32(h, f32_bits(lum[(rep * 97) & (PIXELS - 1)]));
    contrast(dst, rep & 1 ? 1.25f : 0.8f);
    h = mix32(h, dst[(rep * 31) & (PIXELS * 4 - 1)]);
  }
  for (int i = 0; i < PIXELS * 4; i += 97) h = mix32(h, dst[i]);
  return (i32)h;
}
