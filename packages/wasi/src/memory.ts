/** Reads and writes a program's linear memory, every access checked (`fault` past its end). */

/** An access outside the memory: the WASI function fails with `fault`. */
export class Fault {}

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

/** A view of the caller's memory as it is now (make a new one after the memory may have grown). */
export class Mem {
  readonly view: DataView;

  constructor(readonly u8: Uint8Array) {
    this.view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  }

  private check(ptr: number, len: number): number {
    const p = ptr >>> 0;
    if (p + len > this.u8.length) throw new Fault();
    return p;
  }

  u8At(ptr: number): number {
    return this.u8[this.check(ptr, 1)];
  }
  u16(ptr: number): number {
    return this.view.getUint16(this.check(ptr, 2), true);
  }
  u32(ptr: number): number {
    return this.view.getUint32(this.check(ptr, 4), true);
  }
  u64(ptr: number): bigint {
    return this.view.getBigUint64(this.check(ptr, 8), true);
  }
  setU8(ptr: number, v: number): void {
    this.u8[this.check(ptr, 1)] = v;
  }
  setU16(ptr: number, v: number): void {
    this.view.setUint16(this.check(ptr, 2), v, true);
  }
  setU32(ptr: number, v: number): void {
    this.view.setUint32(this.check(ptr, 4), v, true);
  }
  setU64(ptr: number, v: bigint): void {
    this.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, v), true);
  }

  /** `len` bytes at `ptr`, shared with the memory. */
  bytes(ptr: number, len: number): Uint8Array {
    const p = this.check(ptr, len >>> 0);
    return this.u8.subarray(p, p + (len >>> 0));
  }

  /** The UTF-8 string of `len` bytes at `ptr`; null if it is not valid UTF-8. */
  string(ptr: number, len: number): string | null {
    try {
      return decoder.decode(this.bytes(ptr, len));
    } catch (e) {
      if (e instanceof Fault) throw e;
      return null;
    }
  }

  /** The buffers of an array of `count` iovecs (`buf`, `buf_len` pairs) at `ptr`. */
  iovecs(ptr: number, count: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) out.push(this.bytes(this.u32(ptr + i * 8), this.u32(ptr + i * 8 + 4)));
    return out;
  }
}

/** UTF-8 bytes of `s`. */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);
