/* A small Lisp (a Scheme subset), as a WASI command: reads a program from standard input and
 * evaluates each top-level form, printing what `display` prints. Fixnums, symbols, pairs,
 * closures and primitives; special forms quote, if, define, set!, lambda, let, let*, begin,
 * cond, and, or; proper tail calls in the evaluator loop; a mark-and-sweep collector that runs
 * between top-level forms (the global environment and the reader's state are the roots).
 *
 *   lisp [CELLS [ARG]] < program.scm   a heap of CELLS cells (default 2^19, 16 bytes each);
 *                                      the global `arg` is ARG as a number (default 1)
 *
 * A top-level form may allocate at most half the heap: the collector runs between forms, once
 * half of the heap is in use.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { T_PAIR, T_SYM, T_PRIM, T_CLOSURE, T_FREE } tag;
typedef struct obj obj;
typedef obj *(*primfn)(obj *args);

/* A value is a pointer to an obj, or a fixnum: (n << 1) | 1. */
struct obj {
  uint8_t tag, mark;
  union {
    struct { obj *car, *cdr; } pair;
    struct { const char *name; obj *next; } sym;  /* next: the symbol list */
    struct { primfn fn; const char *name; } prim;
    struct { obj *params, *body, *env; } closure;
    obj *free_next;
  } u;
};

static size_t HEAP_CELLS = 1 << 19; /* argv[1] may change it */
static obj *heap;
static obj *free_list;
static size_t heap_top;   /* cells above it were never used (the heap grows by bumping it) */
static size_t in_use, live_after_gc, collections, allocations;

static obj nil_obj, true_obj, false_obj;
#define NIL (&nil_obj)
#define TRUE (&true_obj)
#define FALSE (&false_obj)

static int is_fix(obj *x) { return ((uintptr_t)x & 1) != 0; }
static obj *fix(intptr_t n) { return (obj *)(((uintptr_t)n << 1) | 1); }
static intptr_t fixval(obj *x) { return (intptr_t)x >> 1; }
static int is(obj *x, tag t) { return !is_fix(x) && x != NIL && x != TRUE && x != FALSE && x->tag == t; }

static void fail(const char *what, const char *detail) {
  printf("error: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(1);
}

static obj *alloc(tag t) {
  obj *o;
  if (free_list) {
    o = free_list;
    free_list = o->u.free_next;
  } else if (heap_top < HEAP_CELLS) o = &heap[heap_top++];
  else fail("out of memory", "a single top-level form allocated more than half the heap");
  in_use++;
  o->tag = (uint8_t)t;
  o->mark = 0;
  allocations++;
  return o;
}

static obj *cons(obj *a, obj *d) {
  obj *p = alloc(T_PAIR);
  p->u.pair.car = a;
  p->u.pair.cdr = d;
  return p;
}
static obj *car(obj *p) { if (!is(p, T_PAIR)) fail("car of a non-pair", 0); return p->u.pair.car; }
static obj *cdr(obj *p) { if (!is(p, T_PAIR)) fail("cdr of a non-pair", 0); return p->u.pair.cdr; }

/* ---- symbols (never collected: the symbol list is a root) ---- */

static obj *symbols = 0;
static obj *intern(const char *name, size_t len) {
  for (obj *s = symbols; s; s = s->u.sym.next)
    if (strlen(s->u.sym.name) == len && memcmp(s->u.sym.name, name, len) == 0) return s;
  char *copy = malloc(len + 1);
  memcpy(copy, name, len);
  copy[len] = 0;
  obj *s = alloc(T_SYM);
  s->u.sym.name = copy;
  s->u.sym.next = symbols;
  symbols = s;
  return s;
}

static obj *s_quote, *s_if, *s_define, *s_set, *s_lambda, *s_let, *s_letstar, *s_begin, *s_cond, *s_else, *s_and, *s_or;

/* ---- environments: a list of frames; a frame is a list of (symbol . value) pairs ---- */

static obj *global_env;

static obj *lookup_pair(obj *env, obj *sym) {
  for (; env != NIL; env = env->u.pair.cdr)
    for (obj *f = env->u.pair.car; f != NIL; f = f->u.pair.cdr)
      if (f->u.pair.car->u.pair.car == sym) return f->u.pair.car;
  return 0;
}

static void define(obj *env, obj *sym, obj *val) {
  for (obj *f = env->u.pair.car; f != NIL; f = f->u.pair.cdr)
    if (f->u.pair.car->u.pair.car == sym) { f->u.pair.car->u.pair.cdr = val; return; }
  env->u.pair.car = cons(cons(sym, val), env->u.pair.car);
}

/* ---- collector ---- */

static obj *gc_extra_root;

static void mark(obj *x) {
  while (!is_fix(x) && x != NIL && x != TRUE && x != FALSE && !x->mark) {
    x->mark = 1;
    switch (x->tag) {
      case T_PAIR: mark(x->u.pair.car); x = x->u.pair.cdr; break;
      case T_CLOSURE: mark(x->u.closure.params); mark(x->u.closure.body); x = x->u.closure.env; break;
      default: return;
    }
  }
}

static void collect(void) {
  for (obj *s = symbols; s; s = s->u.sym.next) s->mark = 1;
  mark(global_env);
  if (gc_extra_root) mark(gc_extra_root);
  free_list = 0;
  live_after_gc = 0;
  for (size_t i = heap_top; i-- > 0;) {
    obj *o = &heap[i];
    if (o->mark) { o->mark = 0; live_after_gc++; }
    else { o->tag = T_FREE; o->u.free_next = free_list; free_list = o; }
  }
  in_use = live_after_gc;
  collections++;
}

/* ---- reader ---- */

static const char *src, *src_end;

static void skip_space(void) {
  for (;;) {
    while (src < src_end && (*src == ' ' || *src == '\n' || *src == '\t' || *src == '\r')) src++;
    if (src < src_end && *src == ';') { while (src < src_end && *src != '\n') src++; continue; }
    return;
  }
}

static obj *read_form(void);

static obj *read_list(void) {
  skip_space();
  if (src >= src_end) fail("unexpected end of input", "in a list");
  if (*src == ')') { src++; return NIL; }
  if (*src == '.' && src + 1 < src_end && (src[1] == ' ' || src[1] == '\n')) {
    src++;
    obj *tail = read_form();
    skip_space();
    if (src >= src_end || *src != ')') fail("expected ')'", "after a dotted tail");
    src++;
    return tail;
  }
  obj *head = read_form();
  return cons(head, read_list());
}

static obj *read_form(void) {
  skip_space();
  if (src >= src_end) return 0;
  char c = *src;
  if (c == '(') { src++; return read_list(); }
  if (c == ')') fail("unexpected ')'", 0);
  if (c == '\'') { src++; return cons(s_quote, cons(read_form(), NIL)); }
  const char *start = src;
  while (src < src_end && !strchr(" \n\t\r();", *src)) src++;
  size_t len = (size_t)(src - start);
  if (len == 2 && start[0] == '#' && (start[1] == 't' || start[1] == 'f')) return start[1] == 't' ? TRUE : FALSE;
  int digits = start[0] == '-' ? len > 1 : 1;
  for (size_t i = start[0] == '-'; i < len && digits; i++) digits = start[i] >= '0' && start[i] <= '9';
  if (digits) {
    intptr_t n = 0;
    for (size_t i = start[0] == '-'; i < len; i++) n = n * 10 + (start[i] - '0');
    return fix(start[0] == '-' ? -n : n);
  }
  return intern(start, len);
}

/* ---- printer ---- */

static void print(obj *x) {
  if (is_fix(x)) printf("%ld", (long)fixval(x));
  else if (x == NIL) printf("()");
  else if (x == TRUE) printf("#t");
  else if (x == FALSE) printf("#f");
  else if (x->tag == T_SYM) printf("%s", x->u.sym.name);
  else if (x->tag == T_PRIM) printf("#<primitive %s>", x->u.prim.name);
  else if (x->tag == T_CLOSURE) printf("#<closure>");
  else {
    putchar('(');
    for (;;) {
      print(x->u.pair.car);
      x = x->u.pair.cdr;
      if (x == NIL) break;
      if (!is(x, T_PAIR)) { printf(" . "); print(x); break; }
      putchar(' ');
    }
    putchar(')');
  }
}

/* ---- evaluator ---- */

static obj *eval(obj *x, obj *env);

static obj *eval_list(obj *xs, obj *env) {
  if (xs == NIL) return NIL;
  obj *head = eval(car(xs), env);
  return cons(head, eval_list(cdr(xs), env));
}

static obj *bind(obj *params, obj *args) {
  obj *frame = NIL;
  for (; is(params, T_PAIR); params = params->u.pair.cdr) {
    if (!is(args, T_PAIR)) fail("too few arguments", 0);
    frame = cons(cons(params->u.pair.car, args->u.pair.car), frame);
    args = args->u.pair.cdr;
  }
  if (params != NIL) frame = cons(cons(params, args), frame); /* rest parameter */
  else if (args != NIL) fail("too many arguments", 0);
  return frame;
}

static obj *eval(obj *x, obj *env) {
  for (;;) {
    if (is_fix(x) || x == NIL || x == TRUE || x == FALSE) return x;
    if (x->tag == T_SYM) {
      obj *p = lookup_pair(env, x);
      if (!p) fail("unbound variable", x->u.sym.name);
      return p->u.pair.cdr;
    }
    if (x->tag != T_PAIR) return x;
    obj *op = x->u.pair.car, *rest = x->u.pair.cdr;
    if (op == s_quote) return car(rest);
    if (op == s_if) {
      obj *c = eval(car(rest), env);
      x = c != FALSE ? car(cdr(rest)) : (cdr(cdr(rest)) != NIL ? car(cdr(cdr(rest))) : FALSE);
      continue;
    }
    if (op == s_define) {
      obj *target = car(rest);
      if (is(target, T_PAIR)) { /* (define (f . params) body...) */
        obj *clo = alloc(T_CLOSURE);
        clo->u.closure.params = target->u.pair.cdr;
        clo->u.closure.body = cdr(rest);
        clo->u.closure.env = env;
        define(env, target->u.pair.car, clo);
      } else define(env, target, eval(car(cdr(rest)), env));
      return target;
    }
    if (op == s_set) {
      obj *p = lookup_pair(env, car(rest));
      if (!p) fail("set! of an unbound variable", car(rest)->u.sym.name);
      p->u.pair.cdr = eval(car(cdr(rest)), env);
      return NIL;
    }
    if (op == s_lambda) {
      obj *clo = alloc(T_CLOSURE);
      clo->u.closure.params = car(rest);
      clo->u.closure.body = cdr(rest);
      clo->u.closure.env = env;
      return clo;
    }
    if (op == s_let || op == s_letstar) {
      obj *frame = NIL;
      obj *inner = cons(NIL, env);
      for (obj *b = car(rest); b != NIL; b = cdr(b)) {
        obj *v = eval(car(cdr(car(b))), op == s_letstar ? inner : env);
        frame = cons(cons(car(car(b)), v), frame);
        if (op == s_letstar) inner->u.pair.car = frame;
      }
      inner->u.pair.car = frame;
      env = inner;
      x = cons(s_begin, cdr(rest));
      continue;
    }
    if (op == s_begin) {
      if (rest == NIL) return NIL;
      for (; cdr(rest) != NIL; rest = cdr(rest)) eval(car(rest), env);
      x = car(rest);
      continue;
    }
    if (op == s_cond) {
      obj *chosen = 0;
      for (; rest != NIL; rest = cdr(rest)) {
        obj *clause = car(rest);
        if (car(clause) == s_else || eval(car(clause), env) != FALSE) { chosen = cdr(clause); break; }
      }
      if (!chosen) return FALSE;
      x = cons(s_begin, chosen);
      continue;
    }
    if (op == s_and || op == s_or) {
      if (rest == NIL) return op == s_and ? TRUE : FALSE;
      for (; cdr(rest) != NIL; rest = cdr(rest)) {
        obj *v = eval(car(rest), env);
        if ((v == FALSE) == (op == s_and)) return v;
      }
      x = car(rest);
      continue;
    }
    obj *f = eval(op, env);
    obj *args = eval_list(rest, env);
    if (is(f, T_PRIM)) return f->u.prim.fn(args);
    if (!is(f, T_CLOSURE)) fail("not a procedure", 0);
    env = cons(bind(f->u.closure.params, args), f->u.closure.env);
    x = cons(s_begin, f->u.closure.body);
  }
}

/* ---- primitives ---- */

static intptr_t num(obj *x) { if (!is_fix(x)) fail("not a number", 0); return fixval(x); }
static obj *boolean(int b) { return b ? TRUE : FALSE; }

static obj *p_add(obj *a) { intptr_t s = 0; for (; a != NIL; a = cdr(a)) s += num(car(a)); return fix(s); }
static obj *p_mul(obj *a) { intptr_t s = 1; for (; a != NIL; a = cdr(a)) s *= num(car(a)); return fix(s); }
static obj *p_sub(obj *a) {
  intptr_t s = num(car(a));
  if (cdr(a) == NIL) return fix(-s);
  for (a = cdr(a); a != NIL; a = cdr(a)) s -= num(car(a));
  return fix(s);
}
static obj *p_quotient(obj *a) { intptr_t d = num(car(cdr(a))); if (!d) fail("division by zero", 0); return fix(num(car(a)) / d); }
static obj *p_remainder(obj *a) { intptr_t d = num(car(cdr(a))); if (!d) fail("division by zero", 0); return fix(num(car(a)) % d); }
static obj *p_lt(obj *a) { return boolean(num(car(a)) < num(car(cdr(a)))); }
static obj *p_gt(obj *a) { return boolean(num(car(a)) > num(car(cdr(a)))); }
static obj *p_le(obj *a) { return boolean(num(car(a)) <= num(car(cdr(a)))); }
static obj *p_ge(obj *a) { return boolean(num(car(a)) >= num(car(cdr(a)))); }
static obj *p_numeq(obj *a) { return boolean(num(car(a)) == num(car(cdr(a)))); }
static obj *p_eq(obj *a) { return boolean(car(a) == car(cdr(a))); }
static obj *p_cons(obj *a) { return cons(car(a), car(cdr(a))); }
static obj *p_car(obj *a) { return car(car(a)); }
static obj *p_cdr(obj *a) { return cdr(car(a)); }
static obj *p_setcar(obj *a) { obj *p = car(a); car(p); p->u.pair.car = car(cdr(a)); return NIL; }
static obj *p_setcdr(obj *a) { obj *p = car(a); car(p); p->u.pair.cdr = car(cdr(a)); return NIL; }
static obj *p_nullp(obj *a) { return boolean(car(a) == NIL); }
static obj *p_pairp(obj *a) { return boolean(is(car(a), T_PAIR)); }
static obj *p_not(obj *a) { return boolean(car(a) == FALSE); }
static obj *p_list(obj *a) { return a; }
static obj *p_display(obj *a) { print(car(a)); return NIL; }
static obj *p_newline(obj *a) { (void)a; putchar('\n'); return NIL; }
static obj *p_logand(obj *a) { return fix(num(car(a)) & num(car(cdr(a)))); }
static obj *p_logxor(obj *a) { return fix(num(car(a)) ^ num(car(cdr(a)))); }

static void add_prim(const char *name, primfn fn) {
  obj *p = alloc(T_PRIM);
  p->u.prim.fn = fn;
  p->u.prim.name = name;
  define(global_env, intern(name, strlen(name)), p);
}

int main(int argc, char **argv) {
  if (argc > 1) HEAP_CELLS = (size_t)atol(argv[1]);
  heap = malloc(HEAP_CELLS * sizeof(obj));
  if (!heap) fail("out of memory", "for the heap");
  s_quote = intern("quote", 5); s_if = intern("if", 2); s_define = intern("define", 6); s_set = intern("set!", 4);
  s_lambda = intern("lambda", 6); s_let = intern("let", 3); s_letstar = intern("let*", 4); s_begin = intern("begin", 5);
  s_cond = intern("cond", 4); s_else = intern("else", 4); s_and = intern("and", 3); s_or = intern("or", 2);
  global_env = cons(NIL, NIL);
  static const struct { const char *name; primfn fn; } prims[] = {
    {"+", p_add}, {"-", p_sub}, {"*", p_mul}, {"quotient", p_quotient}, {"remainder", p_remainder},
    {"<", p_lt}, {">", p_gt}, {"<=", p_le}, {">=", p_ge}, {"=", p_numeq}, {"eq?", p_eq},
    {"cons", p_cons}, {"car", p_car}, {"cdr", p_cdr}, {"set-car!", p_setcar}, {"set-cdr!", p_setcdr},
    {"null?", p_nullp}, {"pair?", p_pairp}, {"not", p_not}, {"list", p_list},
    {"display", p_display}, {"newline", p_newline}, {"logand", p_logand}, {"logxor", p_logxor},
  };
  for (size_t i = 0; i < sizeof prims / sizeof prims[0]; i++) add_prim(prims[i].name, prims[i].fn);
  define(global_env, intern("arg", 3), fix(argc > 2 ? atol(argv[2]) : 1));

  size_t cap = 1 << 16, len = 0, got;
  char *text = malloc(cap);
  while ((got = fread(text + len, 1, cap - len, stdin)) > 0) {
    len += got;
    if (len == cap) text = realloc(text, cap *= 2);
  }
  src = text;
  src_end = text + len;
  size_t forms = 0;
  for (;;) {
    obj *form = read_form();
    if (!form) break;
    gc_extra_root = form;
    eval(form, global_env);
    forms++;
    if (in_use > HEAP_CELLS / 2) collect();
  }
  printf("; %zu forms, %zu allocations, %zu collections, %zu cells live\n", forms, allocations, collections, live_after_gc);
  return 0;
}
