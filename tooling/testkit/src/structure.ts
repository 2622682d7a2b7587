/**
 * A small, lenient WebAssembly binary walker for the mutation tests: it finds the section
 * layout and the positions of LEB128 fields, opcodes, value types and discriminator bytes, so the
 * mutators can make targeted edits. It is not a validator: it assumes roughly well-formed input
 * and simply stops walking a section where it gets lost.
 */

export const SECTION_NAMES: Readonly<Record<number, string>> = {
  0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global',
  7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount',
};

export const sectionName = (id: number): string => SECTION_NAMES[id] ?? `unknown(${id})`;

/** One top-level section: `id size:u32 content`. */
export interface Section {
  readonly id: number;
  /** Offset of the id byte. */
  readonly start: number;
  readonly size: SizeField;
  /** First content byte. */
  readonly contentStart: number;
  /** One past the last content byte. */
  readonly end: number;
}

/** A u32 LEB128 that gives the byte length of what follows it (a section or function body). */
export interface SizeField {
  readonly pos: number;
  readonly len: number;
  readonly value: number;
}

export type LebKind = 'u32' | 's32' | 's33' | 's64';

/** Maximum encoded length of each LEB kind (ceil(N / 7)). */
export const LEB_MAX_LEN: Readonly<Record<LebKind, number>> = { u32: 5, s32: 5, s33: 5, s64: 10 };

/** A LEB128 field in the module. */
export interface LebSite {
  readonly pos: number;
  readonly len: number;
  readonly kind: LebKind;
  readonly value: bigint;
  readonly what: string;
  /** The size fields whose extent contains this field, innermost first. */
  readonly encl: readonly SizeField[];
}

/** A single meaningful byte (opcode, value type, flag/kind byte). */
export interface ByteSite {
  readonly pos: number;
  readonly what: string;
  readonly encl: readonly SizeField[];
}

/** A function body in the code section. */
export interface Body {
  readonly size: SizeField;
  readonly contentStart: number;
  readonly end: number;
}

export interface Structure {
  /** null if the section layout itself is malformed (then only byte-level mutations apply). */
  readonly sections: readonly Section[] | null;
  readonly lebs: LebSite[];
  readonly opcodes: ByteSite[];
  readonly valtypes: ByteSite[];
  /** Discriminator bytes: 0x60 func type, import/export kinds, mutability, limits flags, etc. */
  readonly tags: ByteSite[];
  readonly bodies: Body[];
  /** Parameter count of each type in the type section. */
  readonly typeParams: number[];
  importedFuncs: number;
  /** Type index of each function defined in the function section. */
  readonly funcTypes: number[];
  /** Sum of the declared local counts of each function body. */
  readonly bodyLocals: number[];
}

class Lost extends Error {}

/** Reads an unsigned LEB128 of at most `maxLen` bytes; null if it runs off the end or is too long. */
export function readU32(b: Uint8Array, pos: number): { value: number; len: number } | null {
  let result = 0;
  for (let i = 0; i < 5; i++) {
    if (pos + i >= b.length) return null;
    const byte = b[pos + i]!;
    result += (byte & 0x7f) * 2 ** (7 * i);
    if ((byte & 0x80) === 0) return result <= 0xffffffff ? { value: result, len: i + 1 } : null;
  }
  return null;
}

function readSigned(b: Uint8Array, pos: number, maxLen: number): { value: bigint; len: number } {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < maxLen; i++) {
    if (pos + i >= b.length) throw new Lost('eof in LEB');
    const byte = b[pos + i]!;
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if ((byte & 0x40) !== 0) result -= 1n << shift;
      return { value: result, len: i + 1 };
    }
  }
  throw new Lost('LEB too long');
}

/** Encodes `value` as an unsigned LEB128 of exactly `len` bytes (padded with continuation bytes). */
export function encodeU(value: bigint, len: number): number[] {
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < len; i++) {
    const group = Number(v & 0x7fn);
    v >>= 7n;
    out.push(i < len - 1 ? group | 0x80 : group);
  }
  return out;
}

/** Encodes `value` as a signed LEB128 of exactly `len` bytes (padded with sign-extension groups). */
export function encodeS(value: bigint, len: number): number[] {
  const out: number[] = [];
  let v = value;
  for (let i = 0; i < len; i++) {
    const group = Number(BigInt.asUintN(7, v));
    v >>= 7n; // arithmetic shift for bigint
    out.push(i < len - 1 ? group | 0x80 : group);
  }
  return out;
}

/** The shortest length that encodes `value` for the given kind. */
export function minLebLen(value: bigint, kind: LebKind): number {
  for (let len = 1; ; len++) {
    if (kind === 'u32') {
      if (value < 1n << BigInt(7 * len)) return len;
    } else {
      const bits = BigInt(7 * len - 1);
      if (value >= -(1n << bits) && value < 1n << bits) return len;
    }
  }
}

export function encodeLeb(value: bigint, kind: LebKind, len: number): number[] {
  return kind === 'u32' ? encodeU(value, len) : encodeS(value, len);
}

/** Parses the top-level section layout; null if it does not tile the module exactly. */
export function parseSections(b: Uint8Array): Section[] | null {
  if (b.length < 8) return null;
  const out: Section[] = [];
  let pos = 8;
  while (pos < b.length) {
    const id = b[pos]!;
    const size = readU32(b, pos + 1);
    if (size === null) return null;
    const contentStart = pos + 1 + size.len;
    const end = contentStart + size.value;
    if (end > b.length) return null;
    out.push({ id, start: pos, size: { pos: pos + 1, len: size.len, value: size.value }, contentStart, end });
    pos = end;
  }
  return out;
}

const VALTYPES = new Set([0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

/** Walks one section's content, recording sites into `s`. */
class Walker {
  pos: number;
  private encl: SizeField[];

  constructor(
    private readonly b: Uint8Array,
    private readonly s: Structure,
    start: number,
    private readonly end: number,
    encl: SizeField[],
  ) {
    this.pos = start;
    this.encl = encl;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new Lost('eof');
  }

  byte(): number {
    this.need(1);
    return this.b[this.pos++]!;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  u32(what: string): number {
    const r = readU32(this.b, this.pos);
    if (r === null || this.pos + r.len > this.end) throw new Lost(`bad u32 for ${what}`);
    this.s.lebs.push({ pos: this.pos, len: r.len, kind: 'u32', value: BigInt(r.value), what, encl: this.encl });
    this.pos += r.len;
    return r.value;
  }

  signed(kind: 's32' | 's33' | 's64', what: string): bigint {
    const r = readSigned(this.b, this.pos, LEB_MAX_LEN[kind]);
    if (this.pos + r.len > this.end) throw new Lost('eof');
    this.s.lebs.push({ pos: this.pos, len: r.len, kind, value: r.value, what, encl: this.encl });
    this.pos += r.len;
    return r.value;
  }

  private site(list: ByteSite[], what: string): number {
    list.push({ pos: this.pos, what, encl: this.encl });
    return this.byte();
  }

  valtype(what: string): number {
    return this.site(this.s.valtypes, what);
  }

  tag(what: string): number {
    return this.site(this.s.tags, what);
  }

  name(what: string): void {
    this.skip(this.u32(`${what} length`));
  }

  limits(what: string): void {
    const flag = this.tag(`${what} limits flag`);
    this.u32(`${what} min`);
    if (flag === 1) this.u32(`${what} max`);
  }

  /** A constant or function-body expression, up to and including its final `end`. */
  expr(what: string): void {
    let depth = 0;
    for (;;) {
      const at = this.pos;
      const op = this.site(this.s.opcodes, `${what} opcode`);
      switch (op) {
        case 0x02: case 0x03: case 0x04: {
          depth++;
          const bt = this.b[this.pos];
          if (bt === 0x40) this.tag('empty block type');
          else if (bt !== undefined && VALTYPES.has(bt)) this.valtype('block type');
          else this.signed('s33', 'block type index');
          break;
        }
        case 0x0b:
          if (depth === 0) return;
          depth--;
          break;
        case 0x0c: case 0x0d: this.u32('branch label'); break;
        case 0x0e: {
          const n = this.u32('br_table count');
          for (let i = 0; i <= n; i++) this.u32('br_table label');
          break;
        }
        case 0x10: this.u32('call function index'); break;
        case 0x11: this.u32('call_indirect type index'); this.u32('call_indirect table index'); break;
        case 0x1c: {
          const n = this.u32('select type count');
          for (let i = 0; i < n; i++) this.valtype('select type');
          break;
        }
        case 0x20: case 0x21: case 0x22: this.u32('local index'); break;
        case 0x23: case 0x24: this.u32('global index'); break;
        case 0x25: case 0x26: this.u32('table index'); break;
        case 0x3f: case 0x40: this.u32('memory.size/grow reserved byte'); break;
        case 0x41: this.signed('s32', 'i32.const'); break;
        case 0x42: this.signed('s64', 'i64.const'); break;
        case 0x43: this.skip(4); break;
        case 0x44: this.skip(8); break;
        case 0xd0: this.valtype('ref.null heap type'); break;
        case 0xd2: this.u32('ref.func index'); break;
        case 0xfc: this.prefixFC(); break;
        case 0xfd: this.prefixFD(); break;
        default:
          if (op >= 0x28 && op <= 0x3e) this.memarg();
          else if (!(op <= 0x01 || op === 0x05 || op === 0x0f || op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1)) {
            throw new Lost(`unknown opcode 0x${op.toString(16)} at ${at}`);
          }
      }
    }
  }

  private memarg(): void {
    this.u32('memarg align');
    this.u32('memarg offset');
  }

  private prefixFC(): void {
    const sub = this.u32('0xfc sub-opcode');
    switch (sub) {
      case 8: this.u32('memory.init data index'); this.u32('memory.init reserved byte'); break;
      case 9: this.u32('data.drop data index'); break;
      case 10: this.u32('memory.copy reserved byte'); this.u32('memory.copy reserved byte'); break;
      case 11: this.u32('memory.fill reserved byte'); break;
      case 12: this.u32('table.init element index'); this.u32('table.init table index'); break;
      case 13: this.u32('elem.drop element index'); break;
      case 14: this.u32('table.copy table index'); this.u32('table.copy table index'); break;
      case 15: case 16: case 17: this.u32('table index'); break;
      default: if (sub > 7) throw new Lost(`unknown 0xfc ${sub}`);
    }
  }

  private prefixFD(): void {
    const sub = this.u32('0xfd sub-opcode');
    if (sub <= 11 || sub === 92 || sub === 93) this.memarg();
    else if (sub === 12 || sub === 13) this.skip(16);
    else if (sub >= 21 && sub <= 34) this.u32('lane index byte');
    else if (sub >= 84 && sub <= 91) {
      this.memarg();
      this.u32('lane index byte');
    } else if (sub > 255) throw new Lost(`unknown 0xfd ${sub}`);
  }

  section(id: number): void {
    const count = (what: string): number => this.u32(`${sectionName(id)} ${what}`);
    switch (id) {
      case 0: this.name('custom section name'); return;
      case 1:
        for (let n = count('count'), i = 0; i < n; i++) {
          this.tag('func type 0x60');
          const params = this.u32('param count');
          for (let k = 0; k < params; k++) this.valtype('param type');
          for (let r = this.u32('result count'), k = 0; k < r; k++) this.valtype('result type');
          this.s.typeParams.push(params);
        }
        return;
      case 2:
        for (let n = count('count'), i = 0; i < n; i++) {
          this.name('import module name');
          this.name('import field name');
          const kind = this.tag('import kind');
          if (kind === 0) {
            this.u32('import type index');
            this.s.importedFuncs++;
          } else if (kind === 1) {
            this.valtype('table ref type');
            this.limits('table');
          } else if (kind === 2) this.limits('memory');
          else if (kind === 3) {
            this.valtype('global type');
            this.tag('global mutability');
          } else throw new Lost('import kind');
        }
        return;
      case 3:
        for (let n = count('count'), i = 0; i < n; i++) this.s.funcTypes.push(this.u32('function type index'));
        return;
      case 4:
        for (let n = count('count'), i = 0; i < n; i++) {
          this.valtype('table ref type');
          this.limits('table');
        }
        return;
      case 5:
        for (let n = count('count'), i = 0; i < n; i++) this.limits('memory');
        return;
      case 6:
        for (let n = count('count'), i = 0; i < n; i++) {
          this.valtype('global type');
          this.tag('global mutability');
          this.expr('global init');
        }
        return;
      case 7:
        for (let n = count('count'), i = 0; i < n; i++) {
          this.name('export name');
          this.tag('export kind');
          this.u32('export index');
        }
        return;
      case 8: this.u32('start function index'); return;
      case 9:
        for (let n = count('count'), i = 0; i < n; i++) this.elementSegment();
        return;
      case 10:
        for (let n = count('count'), i = 0; i < n; i++) {
          const sizePos = this.pos;
          const size = this.u32('function body size');
          const field: SizeField = { pos: sizePos, len: this.pos - sizePos, value: size };
          const bodyEnd = this.pos + size;
          this.s.bodies.push({ size: field, contentStart: this.pos, end: bodyEnd });
          const outer = this.encl;
          this.encl = [field, ...outer];
          const slot = this.s.bodyLocals.push(-1) - 1; // -1: locals could not be read
          try {
            let locals = 0;
            for (let d = this.u32('local declaration count'), k = 0; k < d; k++) {
              locals += this.u32('local count');
              this.valtype('local type');
            }
            this.s.bodyLocals[slot] = locals;
            this.expr('function body');
          } catch (e) {
            if (!(e instanceof Lost)) throw e;
          }
          this.encl = outer;
          this.pos = bodyEnd;
        }
        return;
      case 11:
        for (let n = count('count'), i = 0; i < n; i++) {
          const flag = this.u32('data segment flag');
          if (flag === 2) this.u32('data memory index');
          if (flag !== 1) this.expr('data offset');
          this.skip(this.u32('data length'));
        }
        return;
      case 12: this.u32('data count'); return;
      default: throw new Lost(`unknown section ${id}`);
    }
  }

  private elementSegment(): void {
    const flags = this.u32('element segment flags');
    const usesExprs = (flags & 4) !== 0;
    if ((flags & 1) === 0) {
      if ((flags & 2) !== 0) this.u32('element table index');
      this.expr('element offset');
    }
    if ((flags & 3) !== 0) {
      if (usesExprs) this.valtype('element ref type');
      else this.tag('element kind');
    }
    const n = this.u32('element count');
    for (let i = 0; i < n; i++) {
      if (usesExprs) this.expr('element expression');
      else this.u32('element function index');
    }
  }
}

/** Section layout plus every site the walker could find. */
export function analyze(b: Uint8Array): Structure {
  const sections = parseSections(b);
  const s: Structure = {
    sections, lebs: [], opcodes: [], valtypes: [], tags: [], bodies: [],
    typeParams: [], importedFuncs: 0, funcTypes: [], bodyLocals: [],
  };
  for (const sec of sections ?? []) {
    s.lebs.push({ pos: sec.size.pos, len: sec.size.len, kind: 'u32', value: BigInt(sec.size.value), what: `${sectionName(sec.id)} section size`, encl: [] });
    try {
      new Walker(b, s, sec.contentStart, sec.end, [sec.size]).section(sec.id);
    } catch (e) {
      if (!(e instanceof Lost)) throw e;
    }
  }
  return s;
}

/** The size fields enclosing byte offset `pos` (innermost first): a function body, then its section. */
export function enclosuresAt(s: Structure, pos: number): SizeField[] {
  const sec = s.sections?.find((x) => pos >= x.contentStart && pos <= x.end);
  if (sec === undefined) return [];
  const body = sec.id === 10 ? s.bodies.find((x) => pos >= x.contentStart && pos <= x.end) : undefined;
  return body === undefined ? [sec.size] : [body.size, sec.size];
}

/**
 * Largest params + declared locals over all function bodies (V8 caps this at 50000), computed
 * from the walked type/import/function/code sections.
 */
export function maxLocalsPerFunction(s: Structure): number {
  let max = 0;
  s.bodyLocals.forEach((locals, i) => {
    const typeIdx = s.funcTypes[i];
    const params = typeIdx === undefined ? 0 : (s.typeParams[typeIdx] ?? 0);
    max = Math.max(max, params + locals);
  });
  return max;
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
