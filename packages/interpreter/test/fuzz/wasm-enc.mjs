/**
 * A minimal WebAssembly binary encoder for the small helper modules of the differential fuzz
 * test (trampolines on the V8 side, a table accessor and import providers on our side).
 */

export const T = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c, v128: 0x7b, funcref: 0x70, externref: 0x6f };

export function uleb(n) {
  const out = [];
  n >>>= 0;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function str(s) {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

function vec(items) {
  return [...uleb(items.length), ...items.flat()];
}

function section(id, items) {
  if (items.length === 0) return [];
  const body = vec(items);
  return [id, ...uleb(body.length), ...body];
}

/** The instructions pushing the zero (or null) value of `t`. */
export function zero(t) {
  switch (t) {
    case 'i32':
      return [0x41, 0];
    case 'i64':
      return [0x42, 0];
    case 'f32':
      return [0x43, 0, 0, 0, 0];
    case 'f64':
      return [0x44, 0, 0, 0, 0, 0, 0, 0, 0];
    case 'v128':
      return [0xfd, 0x0c, ...new Array(16).fill(0)];
    case 'funcref':
      return [0xd0, 0x70];
    case 'externref':
      return [0xd0, 0x6f];
  }
  throw new Error(`no zero for ${t}`);
}

/**
 * Encodes a module.
 * spec: {
 *   imports: [{ module, name, kind: 'func', type: {params, results} } |
 *             { module, name, kind: 'global', type: {type, mutable} } |
 *             { module, name, kind: 'table', elem: 'funcref' }],
 *   funcs: [{ type: {params, results}, locals: ValType[], body: number[] | (typeIndex) => number[] }],
 *   tables: [{ elem: 'funcref', min }],
 *   globals: [{ type, mutable, init: number[] }],
 *   exports: [{ name, kind: 'func' | 'global', index }],
 * }
 * Function indices count imported functions first.
 */
export function encodeModule(spec) {
  const types = [];
  const typeKeys = new Map();
  const typeIndex = (ft) => {
    const key = `${ft.params.join(',')}>${ft.results.join(',')}`;
    let i = typeKeys.get(key);
    if (i === undefined) {
      i = types.length;
      typeKeys.set(key, i);
      types.push([0x60, ...vec(ft.params.map((t) => [T[t]])), ...vec(ft.results.map((t) => [T[t]]))]);
    }
    return i;
  };
  const imports = (spec.imports ?? []).map((im) => {
    const head = [...str(im.module), ...str(im.name)];
    if (im.kind === 'func') return [...head, 0x00, ...uleb(typeIndex(im.type))];
    if (im.kind === 'global') return [...head, 0x03, T[im.type.type], im.type.mutable ? 1 : 0];
    if (im.kind === 'table') return [...head, 0x01, T[im.elem], 0x00, 0x00];
    throw new Error(`import kind ${im.kind}`);
  });
  const funcs = (spec.funcs ?? []).map((f) => uleb(typeIndex(f.type)));
  // Bodies given as functions get `typeIndex` (for call_indirect).
  const bodies = (spec.funcs ?? []).map((f) => (typeof f.body === 'function' ? f.body(typeIndex) : f.body));
  const tables = (spec.tables ?? []).map((t) => [T[t.elem], 0x00, ...uleb(t.min)]);
  const globals = (spec.globals ?? []).map((g) => [T[g.type], g.mutable ? 1 : 0, ...g.init, 0x0b]);
  const kindCode = { func: 0, table: 1, memory: 2, global: 3 };
  const exports = (spec.exports ?? []).map((e) => [...str(e.name), kindCode[e.kind], ...uleb(e.index)]);
  const codes = (spec.funcs ?? []).map((f, i) => {
    const locals = (f.locals ?? []).map((t) => [1, T[t]]);
    const body = [...vec(locals), ...bodies[i], 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(4, tables),
    ...section(6, globals),
    ...section(7, exports),
    ...section(10, codes),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Reading (just what the fuzz harness needs from a valid module)

const NAME_OF = Object.fromEntries(Object.entries(T).map(([k, v]) => [v, k]));

class Reader {
  constructor(bytes, pos = 0) {
    this.b = bytes;
    this.p = pos;
  }
  u8() {
    return this.b[this.p++];
  }
  u32() {
    let r = 0;
    let shift = 0;
    for (;;) {
      const x = this.b[this.p++];
      r += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return r;
      shift += 7;
    }
  }
  name() {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.p, this.p + n));
    this.p += n;
    return s;
  }
  valType() {
    const c = this.u8();
    const t = NAME_OF[c];
    if (t === undefined) throw new Error(`value type 0x${c.toString(16)} at ${this.p - 1}`);
    return t;
  }
  limits() {
    const flag = this.u8();
    this.u32();
    if (flag & 1) this.u32();
  }
}

/** The sections of a module: [{ id, start (of contents), end }]. */
export function sections(bytes) {
  const r = new Reader(bytes, 8);
  const out = [];
  while (r.p < bytes.length) {
    const headerAt = r.p;
    const id = r.u8();
    const size = r.u32();
    out.push({ id, headerAt, start: r.p, end: r.p + size });
    r.p += size;
  }
  return out;
}

/**
 * The function types of a module: { types: [{params, results}], funcs: [typeIndex] } where
 * funcs covers the whole function index space (imports first).
 */
export function funcTypes(bytes) {
  const types = [];
  const funcs = [];
  for (const s of sections(bytes)) {
    const r = new Reader(bytes, s.start);
    if (s.id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.u8() !== 0x60) throw new Error('non-function type');
        const params = [];
        for (let k = r.u32(); k > 0; k--) params.push(r.valType());
        const results = [];
        for (let k = r.u32(); k > 0; k--) results.push(r.valType());
        types.push({ params, results });
      }
    } else if (s.id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.u8();
        if (kind === 0) funcs.push(r.u32());
        else if (kind === 1) {
          r.u8();
          r.limits();
        } else if (kind === 2) r.limits();
        else {
          r.valType();
          r.u8();
        }
      }
    } else if (s.id === 3) {
      for (let n = r.u32(); n > 0; n--) funcs.push(r.u32());
    }
  }
  return { types, funcs };
}

/**
 * Adds an export of memory 0 named `name` at the end of the export list (so export indices do not
 * move). Returns the new bytes, or the same bytes if the module has no memory (defined; an
 * imported one is not looked for).
 */
export function withMemoryExport(bytes, name) {
  const secs = sections(bytes);
  if (!secs.some((s) => s.id === 5)) return bytes;
  const entry = [...str(name), 0x02, 0x00];
  const exp = secs.find((s) => s.id === 7);
  let before;
  let after;
  let contents;
  if (exp) {
    const r = new Reader(bytes, exp.start);
    const n = r.u32();
    contents = [...uleb(n + 1), ...bytes.subarray(r.p, exp.end), ...entry];
    before = bytes.subarray(0, exp.headerAt);
    after = bytes.subarray(exp.end);
  } else {
    // Sections after exports: start 8, elem 9, datacount 12, code 10, data 11.
    const next = secs.find((s) => [8, 9, 12, 10, 11].includes(s.id));
    const at = next ? next.headerAt : bytes.length;
    contents = [1, ...entry];
    before = bytes.subarray(0, at);
    after = bytes.subarray(at);
  }
  return new Uint8Array([...before, 7, ...uleb(contents.length), ...contents, ...after]);
}
