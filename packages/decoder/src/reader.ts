/**
 * A cursor over module bytes: LEB128 integers with the specification's rules, fixed-width
 * floats, UTF-8 names. It never copies the buffer; `end` bounds the region being read (a section
 * or a function body), so an overrun inside a region is told apart from the end of the module.
 *
 * https://webassembly.github.io/spec/core/binary/values.html
 */
import { InvalidError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Reader {
  /** Next byte to read. */
  pos: number;
  /** One past the last byte of the region being read. */
  end: number;

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    end = bytes.length,
  ) {
    this.pos = pos;
    this.end = end;
  }

  /** Throws the error for reading past `end`: the region's end, or the module's. */
  overrun(): never {
    const atModuleEnd = this.end >= this.bytes.length;
    throw new InvalidError(atModuleEnd ? 'unexpected end' : 'unexpected end of section or function', this.end);
  }

  fail(reason: string, offset = this.pos): never {
    throw new InvalidError(reason, offset);
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.overrun();
    return this.bytes[this.pos++];
  }

  /** Unsigned 32-bit LEB128: at most 5 bytes, the unused bits of the 5th must be zero. */
  u32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b = bytes[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      if (pos >= this.end) {
        this.pos = pos;
        this.overrun();
      }
      const b = bytes[pos++];
      if (shift === 28) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        if (b & 0x70) this.fail('integer too large', pos - 1);
      }
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    this.pos = pos;
    return result >>> 0;
  }

  /** Signed 32-bit LEB128 (`i32.const`): at most 5 bytes, the unused bits of the 5th repeat the sign. */
  s32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b = bytes[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return (b << 25) >> 25;
      }
    }
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= this.end) {
        this.pos = pos;
        this.overrun();
      }
      const b = bytes[pos++];
      if (shift === 28) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // Bit 3 is the value's bit 31; bits 4..6 must repeat it.
        const rest = b & 0x78;
        if (rest !== 0 && rest !== 0x78) this.fail('integer too large', pos - 1);
        this.pos = pos;
        return result | (b << 28);
      }
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) {
        this.pos = pos;
        shift += 7;
        return b & 0x40 ? result | (-1 << shift) : result;
      }
    }
  }

  /**
   * Signed 33-bit LEB128 (a block type: a negative value type code, or a type index), returned
   * as a number.
   */
  s33(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end) {
      const b = bytes[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return (b << 25) >> 25;
      }
    }
    let result = 0;
    for (let shift = 0; ; shift += 7) {
      if (pos >= this.end) {
        this.pos = pos;
        this.overrun();
      }
      const b = bytes[pos++];
      if (shift === 28) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // Bit 4 is the value's bit 32, its sign; bits 5 and 6 must repeat it.
        const rest = b & 0x70;
        if (rest !== 0 && rest !== 0x70) this.fail('integer too large', pos - 1);
        this.pos = pos;
        return result + (b & 0x0f) * 2 ** 28 - (b & 0x10 ? 2 ** 32 : 0);
      }
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) {
        this.pos = pos;
        shift += 7;
        return b & 0x40 ? result - 2 ** shift : result;
      }
    }
  }

  /** Signed 64-bit LEB128 as a bigint (`i64.const`). */
  s64(): bigint {
    const start = this.pos;
    this.skipS64();
    const bytes = this.bytes;
    let result = 0n;
    let shift = 0n;
    let b = 0;
    for (let p = start; p < this.pos; p++) {
      b = bytes[p];
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    }
    if (shift < 64n && b & 0x40) result -= 1n << shift;
    return BigInt.asIntN(64, result);
  }

  /** Checks a signed 64-bit LEB128 and moves past it without building its value. */
  skipS64(): void {
    const bytes = this.bytes;
    let pos = this.pos;
    if (pos < this.end && bytes[pos] < 0x80) {
      this.pos = pos + 1;
      return;
    }
    for (let i = 0; ; i++) {
      if (pos >= this.end) {
        this.pos = pos;
        this.overrun();
      }
      const b = bytes[pos++];
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // Bit 0 is bit 63 of the value; bits 1..6 must repeat it.
        if (b !== 0 && b !== 0x7f) this.fail('integer too large', pos - 1);
        break;
      }
      if (!(b & 0x80)) break;
    }
    this.pos = pos;
  }

  /** Four raw bytes as a uint32 (an f32 bit pattern). */
  f32Bits(): number {
    const p = this.pos;
    if (p + 4 > this.end) this.overrunAt(this.end);
    this.pos = p + 4;
    const b = this.bytes;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** Eight raw bytes as a bigint (an f64 bit pattern). */
  f64Bits(): bigint {
    const lo = this.f32Bits();
    const hi = this.f32Bits();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Moves past `n` bytes, which must lie inside the region. */
  skip(n: number): void {
    if (this.pos + n > this.end) this.overrunAt(this.end);
    this.pos += n;
  }

  private overrunAt(at: number): never {
    this.pos = at;
    this.overrun();
  }

  /** A length that must fit in the bytes left in the region. */
  length(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - this.pos) this.fail('length out of bounds', at);
    return n;
  }

  /**
   * A vector's element count. Each element takes at least one byte, so a count past the bytes
   * left runs out of the region whatever the elements are: that is reported at once.
   */
  count(): number {
    const n = this.u32();
    if (n > this.end - this.pos) {
      this.pos = this.end;
      this.overrun();
    }
    return n;
  }

  /** A UTF-8 name (a length, then that many bytes of valid UTF-8). */
  name(): string {
    const n = this.length();
    const start = this.pos;
    this.pos += n;
    try {
      return utf8.decode(this.bytes.subarray(start, start + n));
    } catch {
      this.fail('malformed UTF-8 encoding', start);
    }
  }
}
