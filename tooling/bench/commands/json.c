/* A JSON parser and printer, as a WASI command: reads a document from standard input,
 * parses it into a tree (objects keep their key order), prints it back in canonical compact
 * form, parses that again and checks that both trees are equal, then prints statistics
 * (values per kind, depth, a hash of the canonical text) and queries over the data.
 *
 *   json [ROUNDS] < document.json     ROUNDS parse/print round trips (default 1)
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } kind;

typedef struct value value;
struct value {
  kind k;
  size_t n;       /* string length, or number of items / members */
  double num;
  char *str;      /* string bytes (UTF-8, unescaped) */
  value **items;  /* array items, or object values */
  char **keys;    /* object keys (NUL-terminated; may hold \0 escaped as-is) */
  size_t *klen;
};

typedef struct { const char *p, *end; const char *error; } parser;

static void skip_ws(parser *ps) {
  while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\n' || *ps->p == '\r' || *ps->p == '\t')) ps->p++;
}

static value *new_value(kind k) {
  value *v = calloc(1, sizeof *v);
  v->k = k;
  return v;
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static size_t put_utf8(char *o, uint32_t cp) {
  if (cp < 0x80) { o[0] = (char)cp; return 1; }
  if (cp < 0x800) { o[0] = (char)(0xC0 | cp >> 6); o[1] = (char)(0x80 | (cp & 63)); return 2; }
  if (cp < 0x10000) { o[0] = (char)(0xE0 | cp >> 12); o[1] = (char)(0x80 | ((cp >> 6) & 63)); o[2] = (char)(0x80 | (cp & 63)); return 3; }
  o[0] = (char)(0xF0 | cp >> 18); o[1] = (char)(0x80 | ((cp >> 12) & 63)); o[2] = (char)(0x80 | ((cp >> 6) & 63)); o[3] = (char)(0x80 | (cp & 63));
  return 4;
}

static int parse_hex4(parser *ps, uint32_t *out) {
  if (ps->end - ps->p < 4) return 0;
  uint32_t v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexval(ps->p[i]);
    if (h < 0) return 0;
    v = v << 4 | (uint32_t)h;
  }
  ps->p += 4;
  *out = v;
  return 1;
}

/* A string after its opening quote: unescaped into a fresh buffer. */
static char *parse_string(parser *ps, size_t *len) {
  const char *start = ps->p;
  char *out = malloc((size_t)(ps->end - start) + 1), *o = out;
  while (ps->p < ps->end && *ps->p != '"') {
    char c = *ps->p++;
    if ((unsigned char)c < 0x20) { ps->error = "control character in string"; free(out); return 0; }
    if (c != '\\') { *o++ = c; continue; }
    if (ps->p >= ps->end) break;
    c = *ps->p++;
    switch (c) {
      case '"': case '\\': case '/': *o++ = c; break;
      case 'b': *o++ = '\b'; break;
      case 'f': *o++ = '\f'; break;
      case 'n': *o++ = '\n'; break;
      case 'r': *o++ = '\r'; break;
      case 't': *o++ = '\t'; break;
      case 'u': {
        uint32_t cp;
        if (!parse_hex4(ps, &cp)) { ps->error = "bad \\u escape"; free(out); return 0; }
        if (cp >= 0xD800 && cp < 0xDC00 && ps->end - ps->p >= 6 && ps->p[0] == '\\' && ps->p[1] == 'u') {
          uint32_t lo;
          ps->p += 2;
          if (!parse_hex4(ps, &lo) || lo < 0xDC00 || lo >= 0xE000) { ps->error = "bad surrogate pair"; free(out); return 0; }
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        o += put_utf8(o, cp);
        break;
      }
      default: ps->error = "bad escape"; free(out); return 0;
    }
  }
  if (ps->p >= ps->end) { ps->error = "unterminated string"; free(out); return 0; }
  ps->p++;
  *o = 0;
  *len = (size_t)(o - out);
  return out;
}

static value *parse_value(parser *ps, int depth);

static value *parse_container(parser *ps, int depth, int object) {
  value *v = new_value(object ? J_OBJECT : J_ARRAY);
  size_t cap = 4;
  v->items = malloc(cap * sizeof *v->items);
  if (object) { v->keys = malloc(cap * sizeof *v->keys); v->klen = malloc(cap * sizeof *v->klen); }
  skip_ws(ps);
  if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) { ps->p++; return v; }
  for (;;) {
    if (v->n == cap) {
      cap *= 2;
      v->items = realloc(v->items, cap * sizeof *v->items);
      if (object) { v->keys = realloc(v->keys, cap * sizeof *v->keys); v->klen = realloc(v->klen, cap * sizeof *v->klen); }
    }
    if (object) {
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != '"') { ps->error = "expected a key"; return 0; }
      ps->p++;
      v->keys[v->n] = parse_string(ps, &v->klen[v->n]);
      if (!v->keys[v->n]) return 0;
      skip_ws(ps);
      if (ps->p >= ps->end || *ps->p != ':') { ps->error = "expected ':'"; return 0; }
      ps->p++;
    }
    value *item = parse_value(ps, depth + 1);
    if (!item) return 0;
    v->items[v->n++] = item;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == ',') { ps->p++; continue; }
    if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) { ps->p++; return v; }
    ps->error = object ? "expected ',' or '}'" : "expected ',' or ']'";
    return 0;
  }
}

static value *parse_number(parser *ps) {
  const char *s = ps->p;
  if (ps->p < ps->end && *ps->p == '-') ps->p++;
  while (ps->p < ps->end && ((*ps->p >= '0' && *ps->p <= '9') || *ps->p == '.' || *ps->p == 'e' || *ps->p == 'E' || *ps->p == '+' || *ps->p == '-')) ps->p++;
  char buf[64];
  size_t len = (size_t)(ps->p - s);
  if (len == 0 || len >= sizeof buf) { ps->error = "bad number"; return 0; }
  memcpy(buf, s, len);
  buf[len] = 0;
  char *endp;
  double d = strtod(buf, &endp);
  if (endp != buf + len) { ps->error = "bad number"; return 0; }
  value *v = new_value(J_NUMBER);
  v->num = d;
  return v;
}

static int literal(parser *ps, const char *word) {
  size_t n = strlen(word);
  if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0) return 0;
  ps->p += n;
  return 1;
}

static value *parse_value(parser *ps, int depth) {
  if (depth > 500) { ps->error = "too deep"; return 0; }
  skip_ws(ps);
  if (ps->p >= ps->end) { ps->error = "unexpected end"; return 0; }
  char c = *ps->p;
  if (c == '{' || c == '[') { ps->p++; return parse_container(ps, depth, c == '{'); }
  if (c == '"') {
    ps->p++;
    value *v = new_value(J_STRING);
    v->str = parse_string(ps, &v->n);
    return v->str ? v : 0;
  }
  if (literal(ps, "null")) return new_value(J_NULL);
  if (literal(ps, "true")) return new_value(J_TRUE);
  if (literal(ps, "false")) return new_value(J_FALSE);
  if (c == '-' || (c >= '0' && c <= '9')) return parse_number(ps);
  ps->error = "unexpected character";
  return 0;
}

static void free_value(value *v) {
  for (size_t i = 0; i < v->n && (v->k == J_ARRAY || v->k == J_OBJECT); i++) {
    free_value(v->items[i]);
    if (v->k == J_OBJECT) free(v->keys[i]);
  }
  free(v->items);
  free(v->keys);
  free(v->klen);
  free(v->str);
  free(v);
}

/* ---- printing (canonical compact form) ---- */

typedef struct { char *buf; size_t len, cap; } sbuf;

static void sb_grow(sbuf *b, size_t extra) {
  if (b->len + extra <= b->cap) return;
  while (b->len + extra > b->cap) b->cap = b->cap ? b->cap * 2 : 4096;
  b->buf = realloc(b->buf, b->cap);
}
static void sb_put(sbuf *b, const char *s, size_t n) { sb_grow(b, n); memcpy(b->buf + b->len, s, n); b->len += n; }
static void sb_char(sbuf *b, char c) { sb_grow(b, 1); b->buf[b->len++] = c; }

static void print_string(sbuf *b, const char *s, size_t n) {
  sb_char(b, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') { sb_char(b, '\\'); sb_char(b, (char)c); }
    else if (c == '\n') sb_put(b, "\\n", 2);
    else if (c == '\t') sb_put(b, "\\t", 2);
    else if (c < 0x20) { char e[8]; snprintf(e, sizeof e, "\\u%04x", c); sb_put(b, e, 6); }
    else sb_char(b, (char)c);
  }
  sb_char(b, '"');
}

static void print_value(sbuf *b, const value *v) {
  switch (v->k) {
    case J_NULL: sb_put(b, "null", 4); break;
    case J_TRUE: sb_put(b, "true", 4); break;
    case J_FALSE: sb_put(b, "false", 5); break;
    case J_NUMBER: {
      char num[32];
      int n = (v->num == floor(v->num) && fabs(v->num) < 1e15) ? snprintf(num, sizeof num, "%.0f", v->num)
                                                              : snprintf(num, sizeof num, "%.17g", v->num);
      sb_put(b, num, (size_t)n);
      break;
    }
    case J_STRING: print_string(b, v->str, v->n); break;
    case J_ARRAY:
      sb_char(b, '[');
      for (size_t i = 0; i < v->n; i++) { if (i) sb_char(b, ','); print_value(b, v->items[i]); }
      sb_char(b, ']');
      break;
    case J_OBJECT:
      sb_char(b, '{');
      for (size_t i = 0; i < v->n; i++) {
        if (i) sb_char(b, ',');
        print_string(b, v->keys[i], v->klen[i]);
        sb_char(b, ':');
        print_value(b, v->items[i]);
      }
      sb_char(b, '}');
      break;
  }
}

static int equal(const value *a, const value *b) {
  if (a->k != b->k || a->n != b->n) return 0;
  switch (a->k) {
    case J_NUMBER: return a->num == b->num;
    case J_STRING: return memcmp(a->str, b->str, a->n) == 0;
    case J_ARRAY:
    case J_OBJECT:
      for (size_t i = 0; i < a->n; i++) {
        if (a->k == J_OBJECT && (a->klen[i] != b->klen[i] || memcmp(a->keys[i], b->keys[i], a->klen[i]) != 0)) return 0;
        if (!equal(a->items[i], b->items[i])) return 0;
      }
      return 1;
    default: return 1;
  }
}

/* ---- statistics and queries ---- */

typedef struct { size_t count[7]; size_t depth; double sum; size_t chars; } stats;

static void collect(const value *v, size_t depth, stats *s) {
  s->count[v->k]++;
  if (depth > s->depth) s->depth = depth;
  if (v->k == J_NUMBER) s->sum += v->num;
  if (v->k == J_STRING) s->chars += v->n;
  if (v->k == J_ARRAY || v->k == J_OBJECT)
    for (size_t i = 0; i < v->n; i++) collect(v->items[i], depth + 1, s);
}

static const value *member(const value *obj, const char *key) {
  if (obj->k != J_OBJECT) return 0;
  size_t n = strlen(key);
  for (size_t i = 0; i < obj->n; i++)
    if (obj->klen[i] == n && memcmp(obj->keys[i], key, n) == 0) return obj->items[i];
  return 0;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static uint64_t fnv1a(const char *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001b3ull;
  return h;
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 1;
  sbuf in = {0};
  static char chunk[65536];
  size_t got;
  while ((got = fread(chunk, 1, sizeof chunk, stdin)) > 0) sb_put(&in, chunk, got);
  value *doc = 0;
  sbuf out = {0};
  for (int r = 0; r < (rounds > 0 ? rounds : 1); r++) {
    if (doc) free_value(doc);
    parser ps = {in.buf, in.buf + in.len, 0};
    doc = parse_value(&ps, 0);
    skip_ws(&ps);
    if (!doc || ps.p != ps.end) {
      printf("error: %s at byte %zu\n", ps.error ? ps.error : "trailing data", (size_t)(ps.p - in.buf));
      return 1;
    }
    out.len = 0;
    print_value(&out, doc);
    parser again = {out.buf, out.buf + out.len, 0};
    value *copy = parse_value(&again, 0);
    if (!copy || !equal(doc, copy)) {
      printf("error: the printed form does not parse back to the same value\n");
      return 1;
    }
    free_value(copy);
  }
  stats s = {0};
  collect(doc, 0, &s);
  printf("input %zu bytes, canonical %zu bytes, fnv1a %016llx\n", in.len, out.len, (unsigned long long)fnv1a(out.buf, out.len));
  printf("null %zu, false %zu, true %zu, numbers %zu, strings %zu, arrays %zu, objects %zu, depth %zu\n", s.count[J_NULL],
         s.count[J_FALSE], s.count[J_TRUE], s.count[J_NUMBER], s.count[J_STRING], s.count[J_ARRAY], s.count[J_OBJECT], s.depth);
  printf("sum of numbers %.6g, string bytes %zu\n", s.sum, s.chars);
  /* queries over a top-level array of records: the median "score", the "tags" seen most */
  const value *records = member(doc, "records");
  if (records && records->k == J_ARRAY) {
    double *scores = malloc(sizeof(double) * (records->n + 1));
    size_t ns = 0;
    for (size_t i = 0; i < records->n; i++) {
      const value *sc = member(records->items[i], "score");
      if (sc && sc->k == J_NUMBER) scores[ns++] = sc->num;
    }
    qsort(scores, ns, sizeof(double), cmp_double);
    printf("records %zu, median score %.6g\n", records->n, ns ? scores[ns / 2] : 0.0);
    free(scores);
  }
  printf("%.*s\n", (int)(out.len < 120 ? out.len : 120), out.buf);
  free_value(doc);
  return 0;
}
