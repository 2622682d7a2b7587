/**
 * The operand and control stacks of the specification's validation algorithm, and the operations
 * the instruction rules of `func.ts` are written in: push and pop operand types, open and close
 * control frames, make the rest of a frame unreachable, look up the types a label carries.
 *
 * Short names: `stack` the operand types, `sp` its height; `ctl*` the control frames, innermost
 * last, `ctlSp` their number.
 *
 * A frame's kind is the opcode that opened it, or the clause it is in: 0 the function, 0x02 block,
 * 0x03 loop, 0x04 if, 0x05 else, 0x06 try, 0x07 catch, 0x19 catch_all. The last three are the
 * legacy exception-handling proposal's; a catch or catch_all frame can be named by `rethrow`.
 *
 * https://webassembly.github.io/spec/core/appendix/algorithm.html
 */
import { InvalidError } from '@proj/decoder';

/** The type of an operand that unreachable code pops from an empty frame: it matches every type. */
export const UNKNOWN = 0;

/** The stacks and their operations, which `FuncValidator` builds on. */
export abstract class TypeStacks {
  /** Byte offset of the current instruction's opcode, where a failure is reported by default. */
  pos = 0;
  stack = new Uint8Array(256);
  protected sp = 0;
  /** Height at the bottom of the innermost control frame, and whether that frame is unreachable. */
  protected base = 0;
  protected unr = false;
  protected ctlKind = new Uint8Array(64);
  private ctlHeight = new Int32Array(64);
  private ctlUnreachable = new Uint8Array(64);
  protected ctlParams: Uint8Array[] = [];
  protected ctlResults: Uint8Array[] = [];
  protected ctlSp = 0;

  // ---- FuncState views for sinks ----
  frameHeight(d: number): number {
    return this.ctlHeight[this.ctlSp - 1 - d];
  }
  frameKind(d: number): number {
    return this.ctlKind[this.ctlSp - 1 - d];
  }
  labelTypes(d: number): Uint8Array {
    const i = this.ctlSp - 1 - d;
    return this.ctlKind[i] === 0x03 ? this.ctlParams[i] : this.ctlResults[i];
  }
  frameResults(d: number): Uint8Array {
    return this.ctlResults[this.ctlSp - 1 - d];
  }
  frameParams(d: number): Uint8Array {
    return this.ctlParams[this.ctlSp - 1 - d];
  }

  protected fail(reason: string, at = this.pos): never {
    throw new InvalidError(reason, at);
  }

  // ---- operand stack ----
  protected push(t: number): void {
    if (this.sp === this.stack.length) {
      const grown = new Uint8Array(this.stack.length * 2);
      grown.set(this.stack);
      this.stack = grown;
    }
    this.stack[this.sp++] = t;
  }

  protected pop(): number {
    if (this.sp === this.base) {
      if (this.unr) return UNKNOWN;
      this.fail('type mismatch');
    }
    return this.stack[--this.sp];
  }

  protected popExpect(expect: number): number {
    if (this.sp > this.base) {
      const t = this.stack[--this.sp];
      if (t !== expect && t !== UNKNOWN && expect !== UNKNOWN) this.fail('type mismatch');
      return t;
    }
    if (this.unr) return UNKNOWN;
    this.fail('type mismatch');
  }

  protected popTypes(types: Uint8Array): void {
    let i = types.length - 1;
    for (; i >= 0 && this.sp > this.base; i--) this.popExpect(types[i]);
    // Past the frame's operands only unreachable code pops, and every pop there gives an
    // unknown type: done at once, so that unreachable code costs nothing per label value.
    if (i >= 0 && !this.unr) this.fail('type mismatch');
  }

  protected pushTypes(types: Uint8Array): void {
    for (let i = 0; i < types.length; i++) this.push(types[i]);
  }

  // ---- control stack ----
  /** Opens a frame, which starts with `entry` on the stack: its parameters, or a caught tag's. */
  protected pushCtl(kind: number, params: Uint8Array, results: Uint8Array, entry = params): void {
    const i = this.ctlSp;
    if (i === this.ctlKind.length) this.growCtl();
    this.ctlKind[i] = kind;
    this.ctlHeight[i] = this.sp;
    this.ctlUnreachable[i] = 0;
    this.ctlParams[i] = params;
    this.ctlResults[i] = results;
    this.ctlSp = i + 1;
    this.base = this.sp;
    this.unr = false;
    this.pushTypes(entry);
  }

  private growCtl(): void {
    const n = this.ctlKind.length * 2;
    const kind = new Uint8Array(n);
    kind.set(this.ctlKind);
    const height = new Int32Array(n);
    height.set(this.ctlHeight);
    const unr = new Uint8Array(n);
    unr.set(this.ctlUnreachable);
    this.ctlKind = kind;
    this.ctlHeight = height;
    this.ctlUnreachable = unr;
  }

  /** Pops the innermost frame after checking its results; returns its index. */
  protected popCtl(): number {
    const i = this.ctlSp - 1;
    this.popTypes(this.ctlResults[i]);
    if (this.sp !== this.ctlHeight[i]) this.fail('type mismatch');
    this.ctlSp = i;
    if (i > 0) {
      this.base = this.ctlHeight[i - 1];
      this.unr = this.ctlUnreachable[i - 1] === 1;
    }
    return i;
  }

  protected setUnreachable(): void {
    const i = this.ctlSp - 1;
    this.sp = this.ctlHeight[i];
    this.ctlUnreachable[i] = 1;
    this.unr = true;
  }

  protected label(depth: number): Uint8Array {
    if (depth >= this.ctlSp) this.fail(`unknown label`);
    const i = this.ctlSp - 1 - depth;
    return this.ctlKind[i] === 0x03 ? this.ctlParams[i] : this.ctlResults[i];
  }
}
