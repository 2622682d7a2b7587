/* Shared by the kernels: fixed-width types, a checksum step and a seeded generator.
 * Each kernel is freestanding (no libc, no imports) and exports `int run(int n)`: n is a
 * repeat count (work grows linearly with n), the result a checksum every engine must
 * reproduce exactly, and two calls with the same n return the same value. */
#ifndef KERNEL_H
#define KERNEL_H

typedef unsigned char u8;
typedef signed char i8;
typedef unsigned short u16;
typedef short i16;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;
typedef long long i64;

#define EXPORT __attribute__((visibility("default")))

/* One step of a 32-bit checksum (FNV-style multiply, then a shift to spread high bits). */
static inline u32 mix32(u32 h, u32 v) {
  h ^= v;
  h *= 0x01000193u;
  return h ^ (h >> 15);
}

static inline u32 mix64(u32 h, u64 v) { return mix32(mix32(h, (u32)v), (u32)(v >> 32)); }

/* xorshift32: a cheap deterministic stream; state must not be 0. */
static inline u32 next32(u32 *s) {
  u32 x = *s;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *s = x;
}

/* splitmix64. */
static inline u64 next64(u64 *s) {
  u64 z = (*s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static inline u64 f64_bits(double d) { return __builtin_bit_cast(u64, d); }
static inline u32 f32_bits(float f) { return __builtin_bit_cast(u32, f); }

#endif
