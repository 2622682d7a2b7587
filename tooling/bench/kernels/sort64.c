/* Sorting 64-bit keys: an introsort-style quicksort (median of three, insertion sort below 16)
 * and a least-significant-digit radix sort on the same keys, compared element by element. */
#include "kernel.h"

#define LEN 4096

static u64 keys[LEN], work[LEN], tmp[LEN];

static void insertion(u64 *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    u64 v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static void swap(u64 *a, int i, int j) {
  u64 t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(u64 *a, int lo, int hi) {
  while (hi - lo >= 16) {
    int mid = lo + ((hi - lo) >> 1);
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    u64 pivot = a[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) swap(a, i++, j--);
    }
    /* recurse into the smaller side, loop on the larger */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion(a, lo, hi);
}

/* 8 passes of 8 bits; src and dst swap, so the result ends in src. */
static void radix(u64 *src, u64 *dst) {
  u32 count[256];
  for (int shift = 0; shift < 64; shift += 8) {
    for (int i = 0; i < 256; i++) count[i] = 0;
    for (int i = 0; i < LEN; i++) count[(src[i] >> shift) & 255]++;
    u32 sum = 0;
    for (int i = 0; i < 256; i++) {
      u32 c = count[i];
      count[i] = sum;
      sum += c;
    }
    for (int i = 0; i < LEN; i++) dst[count[(src[i] >> shift) & 255]++] = src[i];
    u64 *t = src;
    src = dst;
    dst = t;
  }
}

EXPORT i32 run(i32 n) {
  u64 seed = 7;
  u32 h = 0;
  for (i32 rep = 0; rep < n; rep++) {
    for (int i = 0; i < LEN; i++) {
      u64 r = next64(&seed);
      /* some runs of equal keys and a skewed top, like real data */
      keys[i] = (rep & 1) ? (r >> 52) : r;
      work[i] = keys[i];
    }
    quicksort(keys, 0, LEN - 1);
    radix(work, tmp);
    u32 bad = 0;
    for (int i = 0; i < LEN; i++) bad += keys[i] != work[i];
    for (int i = 1; i < LEN; i++) bad += keys[i - 1] > keys[i];
    h = mix32(h, bad);
    h = mix64(h, keys[rep & (LEN - 1)]);
    h = mix64(h, keys[LEN / 2]);
  }
  return (i32)h;
}
