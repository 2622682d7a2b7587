/* A compressor round trip, as a WASI command: LZ77 with hash chains (32 kB window, lazy
 * matching) followed by canonical Huffman coding of literals, lengths and distance buckets,
 * then the decoder, and a check that the round trip gives the input back.
 *
 *   lz KB [SEED]   compress KB kilobytes of generated text-like data; prints sizes and CRCs
 *   lz -           compress standard input instead
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- input ---- */

static uint32_t rng_state;
static uint32_t rng(void) {
  uint32_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return rng_state = x;
}

static const char *const words[] = {
  "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
  "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have",
  "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her", "has",
  "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "memory",
  "instruction", "module", "function", "table", "global", "interpreter", "compressor",
};
#define NWORDS (sizeof words / sizeof words[0])

/* Words with a skewed (roughly Zipf) choice, punctuation, numbers and line breaks. */
static uint8_t *generate(size_t size, uint32_t seed) {
  uint8_t *buf = malloc(size);
  rng_state = seed ? seed : 1;
  size_t p = 0;
  while (p < size) {
    uint32_t r = rng();
    char piece[32];
    int len;
    if ((r & 15) == 0) len = snprintf(piece, sizeof piece, "%u", (unsigned)(r >> 20));
    else {
      uint32_t k = (r >> 8) % NWORDS;
      k = k * ((r >> 4) & 3) / 3; /* skew towards the first words */
      len = snprintf(piece, sizeof piece, "%s", words[k]);
    }
    uint32_t sep = (r >> 27) & 31;
    piece[len++] = sep == 0 ? '\n' : sep == 1 ? '.' : sep == 2 ? ',' : ' ';
    for (int i = 0; i < len && p < size; i++) buf[p++] = (uint8_t)piece[i];
  }
  return buf;
}

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}
static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 255] ^ (c >> 8);
  return ~c;
}

/* ---- LZ77 ---- */

#define WINDOW 32768
#define MIN_MATCH 3
#define MAX_MATCH 258
#define HASH_BITS 15
#define MAX_CHAIN 48

/* A token: literal (dist == 0, len = byte) or a match (len 3..258, dist 1..32768). */
typedef struct { uint16_t len; uint16_t dist; } token;

static uint32_t hash3(const uint8_t *p) { return ((p[0] << 10) ^ (p[1] << 5) ^ p[2]) & ((1 << HASH_BITS) - 1); }

static size_t longest(const uint8_t *in, size_t n, size_t pos, const int32_t *head, const int32_t *prev, size_t *dist) {
  size_t best = 0;
  if (pos + MIN_MATCH > n) return 0;
  int32_t cand = head[hash3(in + pos)];
  size_t limit = n - pos < MAX_MATCH ? n - pos : MAX_MATCH;
  for (int chain = 0; cand >= 0 && pos - (size_t)cand <= WINDOW && chain < MAX_CHAIN; chain++) {
    const uint8_t *a = in + cand, *b = in + pos;
    if (a[best] == b[best]) {
      size_t l = 0;
      while (l < limit && a[l] == b[l]) l++;
      if (l > best) {
        best = l;
        *dist = pos - (size_t)cand;
        if (l == limit) break;
      }
    }
    cand = prev[cand & (WINDOW - 1)];
  }
  return best >= MIN_MATCH ? best : 0;
}

static size_t lz77(const uint8_t *in, size_t n, token *out) {
  int32_t *head = malloc(sizeof(int32_t) << HASH_BITS);
  int32_t *prev = malloc(sizeof(int32_t) * WINDOW);
  for (size_t i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
  size_t nt = 0, pos = 0;
#define INSERT(p)                                   \
  do {                                              \
    if ((p) + MIN_MATCH <= n) {                     \
      uint32_t h_ = hash3(in + (p));                \
      prev[(p) & (WINDOW - 1)] = head[h_];          \
      head[h_] = (int32_t)(p);                      \
    }                                               \
  } while (0)
  while (pos < n) {
    size_t dist = 0, len = longest(in, n, pos, head, prev, &dist);
    if (len) {
      /* lazy matching: a longer match one byte later wins */
      INSERT(pos);
      size_t dist2 = 0, len2 = longest(in, n, pos + 1, head, prev, &dist2);
      if (len2 > len + 1) {
        out[nt++] = (token){in[pos], 0};
        pos++;
        len = len2;
        dist = dist2;
      } else {
        out[nt++] = (token){(uint16_t)len, (uint16_t)dist};
        for (size_t k = 1; k < len; k++) INSERT(pos + k);
        pos += len;
        continue;
      }
      out[nt++] = (token){(uint16_t)len, (uint16_t)dist};
      for (size_t k = 0; k < len; k++) INSERT(pos + k);
      pos += len;
    } else {
      INSERT(pos);
      out[nt++] = (token){in[pos], 0};
      pos++;
    }
  }
#undef INSERT
  free(head);
  free(prev);
  return nt;
}

/* ---- Huffman ---- */

#define LIT_SYMS 513 /* 0-255 literals, 256 end, 257 + (len - 3) for lengths 3..258 */
#define DIST_SYMS 16 /* bucket b: distances [2^b, 2^(b+1)), b extra bits */
#define MAX_BITS 15

typedef struct { uint16_t code; uint8_t len; } hcode;

/* Code lengths for `freq` (n symbols), at most MAX_BITS: Huffman by repeated minimum
 * selection over a small node array; frequencies are flattened until the lengths fit. */
static void huffman_lengths(const uint32_t *freq_in, int n, uint8_t *lens) {
  uint32_t *freq = malloc(sizeof(uint32_t) * n);
  memcpy(freq, freq_in, sizeof(uint32_t) * n);
  int *parent = malloc(sizeof(int) * 2 * n);
  uint64_t *weight = malloc(sizeof(uint64_t) * 2 * n);
  char *alive = malloc(2 * n);
  for (;;) {
    int nodes = 0, used = 0;
    for (int i = 0; i < n; i++) {
      weight[i] = freq[i];
      parent[i] = -1;
      alive[i] = freq[i] > 0;
      used += freq[i] > 0;
    }
    nodes = n;
    memset(lens, 0, n);
    if (used == 0) break;
    if (used == 1) {
      for (int i = 0; i < n; i++)
        if (freq[i]) lens[i] = 1;
      break;
    }
    for (int left = used; left > 1; left--) {
      int a = -1, b = -1;
      for (int i = 0; i < nodes; i++) {
        if (!alive[i]) continue;
        if (a < 0 || weight[i] < weight[a]) { b = a; a = i; }
        else if (b < 0 || weight[i] < weight[b]) b = i;
      }
      alive[a] = alive[b] = 0;
      weight[nodes] = weight[a] + weight[b];
      parent[nodes] = -1;
      alive[nodes] = 1;
      parent[a] = parent[b] = nodes;
      nodes++;
    }
    int too_long = 0;
    for (int i = 0; i < n; i++) {
      if (!freq[i]) continue;
      int d = 0;
      for (int p = parent[i]; p >= 0; p = parent[p]) d++;
      lens[i] = (uint8_t)d;
      too_long |= d > MAX_BITS;
    }
    if (!too_long) break;
    for (int i = 0; i < n; i++)
      if (freq[i]) freq[i] = (freq[i] >> 1) | 1;
  }
  free(freq);
  free(parent);
  free(weight);
  free(alive);
}

/* Canonical codes from lengths (as in DEFLATE). */
static void canonical(const uint8_t *lens, int n, hcode *codes) {
  uint16_t count[MAX_BITS + 1] = {0}, next[MAX_BITS + 2];
  for (int i = 0; i < n; i++) count[lens[i]]++;
  count[0] = 0;
  uint16_t code = 0;
  for (int b = 1; b <= MAX_BITS; b++) {
    code = (uint16_t)((code + count[b - 1]) << 1);
    next[b] = code;
  }
  for (int i = 0; i < n; i++) {
    codes[i].len = lens[i];
    codes[i].code = lens[i] ? next[lens[i]]++ : 0;
  }
}

/* ---- bits ---- */

typedef struct { uint8_t *buf; size_t pos; uint32_t acc; int nacc; } bitwriter;

static void put_bits(bitwriter *w, uint32_t v, int n) { /* most significant bit first */
  for (int i = n - 1; i >= 0; i--) {
    w->acc = (w->acc << 1) | ((v >> i) & 1);
    if (++w->nacc == 8) {
      w->buf[w->pos++] = (uint8_t)w->acc;
      w->acc = 0;
      w->nacc = 0;
    }
  }
}

static void flush_bits(bitwriter *w) {
  while (w->nacc) put_bits(w, 0, 1);
}

typedef struct { const uint8_t *buf; size_t pos; int bit; } bitreader;

static uint32_t get_bit(bitreader *r) {
  uint32_t b = (r->buf[r->pos] >> (7 - r->bit)) & 1;
  if (++r->bit == 8) {
    r->bit = 0;
    r->pos++;
  }
  return b;
}

static uint32_t get_bits(bitreader *r, int n) {
  uint32_t v = 0;
  while (n--) v = (v << 1) | get_bit(r);
  return v;
}

/* Canonical decoding, one length at a time: first code and first index per length. */
typedef struct { uint16_t first[MAX_BITS + 2], count[MAX_BITS + 1], index[MAX_BITS + 1]; uint16_t *symbols; } decoder;

static void decoder_init(decoder *d, const uint8_t *lens, int n) {
  memset(d->count, 0, sizeof d->count);
  for (int i = 0; i < n; i++) d->count[lens[i]]++;
  d->count[0] = 0;
  d->symbols = malloc(sizeof(uint16_t) * n);
  uint16_t code = 0, idx = 0;
  for (int b = 1; b <= MAX_BITS; b++) {
    code = (uint16_t)((code + (b > 1 ? d->count[b - 1] : 0)) << (b > 1 ? 1 : 0));
    d->first[b] = code;
    d->index[b] = idx;
    idx += d->count[b];
  }
  uint16_t fill[MAX_BITS + 1];
  memcpy(fill, d->index, sizeof fill);
  for (int i = 0; i < n; i++)
    if (lens[i]) d->symbols[fill[lens[i]]++] = (uint16_t)i;
}

static int decode_sym(decoder *d, bitreader *r) {
  uint32_t code = 0;
  for (int b = 1; b <= MAX_BITS; b++) {
    code = (code << 1) | get_bit(r);
    uint32_t off = code - d->first[b];
    if (code >= d->first[b] && off < d->count[b]) return d->symbols[d->index[b] + off];
  }
  return -1;
}

static int bucket(uint32_t dist) { return 31 - __builtin_clz(dist); }

/* ---- container: lengths (4 bits each), then the coded tokens ---- */

static size_t compress(const uint8_t *in, size_t n, uint8_t *out, size_t *ntokens) {
  token *toks = malloc(sizeof(token) * (n + 1));
  size_t nt = lz77(in, n, toks);
  *ntokens = nt;
  uint32_t lf[LIT_SYMS] = {0}, df[DIST_SYMS] = {0};
  for (size_t i = 0; i < nt; i++) {
    if (toks[i].dist == 0) lf[toks[i].len]++;
    else {
      lf[257 + toks[i].len - MIN_MATCH]++;
      df[bucket(toks[i].dist)]++;
    }
  }
  lf[256] = 1;
  uint8_t ll[LIT_SYMS], dl[DIST_SYMS];
  huffman_lengths(lf, LIT_SYMS, ll);
  huffman_lengths(df, DIST_SYMS, dl);
  hcode lc[LIT_SYMS], dc[DIST_SYMS];
  canonical(ll, LIT_SYMS, lc);
  canonical(dl, DIST_SYMS, dc);
  bitwriter w = {out, 0, 0, 0};
  put_bits(&w, (uint32_t)n, 32);
  for (int i = 0; i < LIT_SYMS; i++) put_bits(&w, ll[i], 4);
  for (int i = 0; i < DIST_SYMS; i++) put_bits(&w, dl[i], 4);
  for (size_t i = 0; i < nt; i++) {
    token t = toks[i];
    if (t.dist == 0) put_bits(&w, lc[t.len].code, lc[t.len].len);
    else {
      int s = 257 + t.len - MIN_MATCH, b = bucket(t.dist);
      put_bits(&w, lc[s].code, lc[s].len);
      put_bits(&w, dc[b].code, dc[b].len);
      put_bits(&w, t.dist - (1u << b), b);
    }
  }
  put_bits(&w, lc[256].code, lc[256].len);
  flush_bits(&w);
  free(toks);
  return w.pos;
}

/* Returns the decoded size, or (size_t)-1 on a corrupt stream. */
static size_t decompress(const uint8_t *in, uint8_t *out, size_t cap) {
  bitreader r = {in, 0, 0};
  size_t n = get_bits(&r, 32);
  if (n > cap) return (size_t)-1;
  uint8_t ll[LIT_SYMS], dl[DIST_SYMS];
  for (int i = 0; i < LIT_SYMS; i++) ll[i] = (uint8_t)get_bits(&r, 4);
  for (int i = 0; i < DIST_SYMS; i++) dl[i] = (uint8_t)get_bits(&r, 4);
  decoder ld, dd;
  decoder_init(&ld, ll, LIT_SYMS);
  decoder_init(&dd, dl, DIST_SYMS);
  size_t pos = 0;
  for (;;) {
    int s = decode_sym(&ld, &r);
    if (s < 0) return (size_t)-1;
    if (s < 256) {
      if (pos >= n) return (size_t)-1;
      out[pos++] = (uint8_t)s;
    } else if (s == 256) break;
    else {
      size_t len = (size_t)(s - 257 + MIN_MATCH);
      int b = decode_sym(&dd, &r);
      if (b < 0) return (size_t)-1;
      size_t dist = (1u << b) + get_bits(&r, b);
      if (dist > pos || pos + len > n) return (size_t)-1;
      for (size_t k = 0; k < len; k++, pos++) out[pos] = out[pos - dist];
    }
  }
  free(ld.symbols);
  free(dd.symbols);
  return pos;
}

static uint8_t *read_all(FILE *f, size_t *n) {
  size_t cap = 65536, len = 0;
  uint8_t *buf = malloc(cap);
  size_t got;
  while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  *n = len;
  return buf;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: lz KB [SEED] | lz -\n");
    return 2;
  }
  crc_init();
  size_t n;
  uint8_t *in;
  if (strcmp(argv[1], "-") == 0) in = read_all(stdin, &n);
  else {
    n = (size_t)atol(argv[1]) * 1024;
    in = generate(n, argc > 2 ? (uint32_t)atol(argv[2]) : 12345);
  }
  uint8_t *packed = malloc(n + n / 2 + 1024);
  size_t ntokens;
  size_t packed_size = compress(in, n, packed, &ntokens);
  uint8_t *back = malloc(n + 1);
  size_t m = decompress(packed, back, n);
  int ok = m == n && memcmp(in, back, n) == 0;
  printf("input      %zu bytes, crc32 %08x\n", n, (unsigned)crc32(in, n));
  printf("tokens     %zu\n", ntokens);
  printf("compressed %zu bytes (%.1f%%), crc32 %08x\n", packed_size, n ? 100.0 * (double)packed_size / (double)n : 0.0,
         (unsigned)crc32(packed, packed_size));
  printf("round trip %s\n", ok ? "ok" : "FAILED");
  free(in);
  free(packed);
  free(back);
  return ok ? 0 : 1;
}
