/* A CoreMark-like mix (written for this project, not CoreMark itself): linked-list find,
 * reverse and merge sort; small i16 matrix multiply, add and bit extraction; a state machine
 * that scans numbers in text; and a CRC-16 over the results of each part. */
#include "kernel.h"

/* --- CRC-16 (CCITT, bitwise), chaining the parts' results --- */
static u16 crc16(u16 crc, u32 v) {
  for (int k = 0; k < 32; k += 8) {
    crc ^= (u16)(((v >> k) & 0xFF) << 8);
    for (int b = 0; b < 8; b++) crc = (crc & 0x8000) ? (u16)((crc << 1) ^ 0x1021) : (u16)(crc << 1);
  }
  return crc;
}

/* --- linked list --- */
#define NODES 256
typedef struct node { struct node *next; i16 key; i16 val; } node;
static node pool[NODES];

static node *list_build(u32 seed) {
  node *head = 0;
  u32 s = seed | 1;
  for (int i = 0; i < NODES; i++) {
    u32 r = next32(&s);
    pool[i].key = (i16)(r & 0x3FF);
    pool[i].val = (i16)(r >> 16);
    pool[i].next = head;
    head = &pool[i];
  }
  return head;
}

static node *list_find(node *l, i16 key) {
  while (l && l->key != key) l = l->next;
  return l;
}

static node *list_reverse(node *l) {
  node *prev = 0;
  while (l) {
    node *next = l->next;
    l->next = prev;
    prev = l;
    l = next;
  }
  return prev;
}

/* Bottom-up merge sort of a singly linked list by (key, val). */
static int node_less(const node *a, const node *b) { return a->key != b->key ? a->key < b->key : a->val <= b->val; }

static node *list_sort(node *list) {
  for (int insize = 1;; insize *= 2) {
    node *p = list, *tail = 0;
    list = 0;
    int merges = 0;
    while (p) {
      merges++;
      node *q = p;
      int psize = 0;
      for (int i = 0; i < insize && q; i++) { psize++; q = q->next; }
      int qsize = insize;
      while (psize > 0 || (qsize > 0 && q)) {
        node *e;
        if (psize == 0) { e = q; q = q->next; qsize--; }
        else if (qsize == 0 || !q) { e = p; p = p->next; psize--; }
        else if (node_less(p, q)) { e = p; p = p->next; psize--; }
        else { e = q; q = q->next; qsize--; }
        if (tail) tail->next = e; else list = e;
        tail = e;
      }
      p = q;
    }
    tail->next = 0;
    if (merges <= 1) return list;
  }
}

static u32 bench_list(u32 seed) {
  node *l = list_build(seed);
  u32 r = 0;
  for (int i = 0; i < 32; i++) {
    node *f = list_find(l, (i16)((seed + i * 37) & 0x3FF));
    r += f ? (u32)(u16)f->val : 0xFFFFu;
  }
  l = list_reverse(l);
  l = list_sort(l);
  for (int i = 0; l && i < 16; i++, l = l->next) r = r * 31 + (u32)(u16)l->key;
  return r;
}

/* --- matrices --- */
#define M 12
static i16 ma[M][M], mb[M][M];
static i32 mc[M][M];

static u32 bench_matrix(u32 seed) {
  u32 s = seed | 1;
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      u32 r = next32(&s);
      ma[i][j] = (i16)(r & 0xFFF);
      mb[i][j] = (i16)((r >> 12) & 0xFFF) - 0x800;
    }
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) ma[i][j] += (i16)(seed & 7);
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      i32 acc = 0;
      for (int k = 0; k < M; k++) acc += (i32)ma[i][k] * (i32)mb[k][j];
      mc[i][j] = acc;
    }
  u32 r = 0;
  for (int i = 0; i < M; i++)
    for (int j = 0; j < M; j++) {
      i32 v = mc[i][j];
      r += (u32)((v >> 2) & 0xF) * (u32)((v >> 5) & 0x7F) + (v > 0 ? 1u : 0u); /* bit extraction */
    }
  return r;
}

/* --- state machine: classify numbers in text (int, float, exponent, invalid) --- */
enum { START, INT, FRAC, EXP_SIGN, EXP, INVALID, NSTATES };
#define TEXT 512
static char text[TEXT];
static const char pieces[][8] = {"5012", "1.23", "-874", "+122", "1.2e-3", "x7.0", "-.1e+9", "0.5.", "35", "9e9"};

static void text_build(u32 seed) {
  u32 s = seed | 1;
  int p = 0;
  while (p < TEXT - 10) {
    const char *w = pieces[next32(&s) % 10];
    while (*w) text[p++] = *w++;
    text[p++] = ',';
  }
  while (p < TEXT) text[p++] = ',';
}

static u32 bench_state(void) {
  u32 counts[NSTATES] = {0};
  int st = START;
  for (int i = 0; i < TEXT; i++) {
    char c = text[i];
    if (c == ',') {
      counts[st]++;
      st = START;
      continue;
    }
    int digit = c >= '0' && c <= '9';
    switch (st) {
      case START: st = digit ? INT : (c == '+' || c == '-') ? INT : c == '.' ? FRAC : INVALID; break;
      case INT: st = digit ? INT : c == '.' ? FRAC : (c == 'e' || c == 'E') ? EXP_SIGN : INVALID; break;
      case FRAC: st = digit ? FRAC : (c == 'e' || c == 'E') ? EXP_SIGN : INVALID; break;
      case EXP_SIGN: st = (digit || c == '+' || c == '-') ? EXP : INVALID; break;
      case EXP: st = digit ? EXP : INVALID; break;
      default: break;
    }
  }
  u32 r = 0;
  for (int i = 0; i < NSTATES; i++) r = r * 131 + counts[i];
  return r;
}

EXPORT i32 run(i32 n) {
  u16 crc = 0xFFFF;
  for (i32 rep = 0; rep < n; rep++) {
    u32 seed = (u32)rep * 2654435761u + 1;
    crc = crc16(crc, bench_list(seed));
    crc = crc16(crc, bench_matrix(seed));
    text_build(seed);
    crc = crc16(crc, bench_state());
  }
  return crc;
}
