/**
 * Traps: the run loop stops with one of the specification's trap messages, taken from one table.
 */
import { WasmError } from '@proj/decoder';

/** Trap reasons, in the wording of the specification's test suite. */
export const TrapReason = {
  unreachable: 'unreachable',
  divideByZero: 'integer divide by zero',
  integerOverflow: 'integer overflow',
  invalidConversion: 'invalid conversion to integer',
  memoryOutOfBounds: 'out of bounds memory access',
  tableOutOfBounds: 'out of bounds table access',
  undefinedElement: 'undefined element',
  uninitializedElement: 'uninitialized element',
  indirectCallTypeMismatch: 'indirect call type mismatch',
  callStackExhausted: 'call stack exhausted',
} as const;
export type TrapReasonText = (typeof TrapReason)[keyof typeof TrapReason];

/**
 * Execution trapped. `reason` is the specification's trap message, one of TrapReason, or the
 * host's own reason when a host function failed (`call.trap(reason)`); the error's message adds
 * what the reason alone does not say (`uninitialized element 2`).
 */
export class Trap extends WasmError {
  readonly kind = 'trap';
  constructor(
    readonly reason: TrapReasonText | (string & {}),
    detail?: string,
  ) {
    super(detail === undefined ? reason : `${reason} ${detail}`);
    this.name = 'Trap';
  }
}

/** Throws a Trap of `reason`: a call, so that a run loop's case stays small. */
export function trap(reason: TrapReasonText): never {
  throw new Trap(reason);
}
