/**
 * The engine's error classes (API.md "Errors"). They are defined once, here in the lowest layer,
 * so that `instanceof` holds whichever package threw.
 */

/** What kind of failure a {@link WasmError} reports. */
export type WasmErrorKind = 'invalid' | 'not-found' | 'unsupported' | 'trap' | 'limit';

/** Base class of every error the engine throws. */
export abstract class WasmError extends Error {
  /** Which kind of failure this is. */
  abstract readonly kind: WasmErrorKind;
}

/** Malformed or invalid module bytes (with the byte offset), or a misuse of the API. */
export class InvalidError extends WasmError {
  readonly kind = 'invalid';
  /**
   * @param reason what is wrong, in the spec test suite's wording where it has one
   * @param offset the byte offset in the module where decoding or validation failed, if any
   */
  constructor(
    readonly reason: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? reason : `${reason} (at byte offset ${offset})`);
    this.name = 'InvalidError';
  }
}

/** An unknown export, instance, or an import that cannot be resolved. */
export class NotFoundError extends WasmError {
  readonly kind = 'not-found';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** A valid module that uses something this engine does not implement. */
export class UnsupportedError extends WasmError {
  readonly kind = 'unsupported';
  constructor(
    readonly reason: string,
    readonly offset?: number,
  ) {
    super(offset === undefined ? reason : `${reason} (at byte offset ${offset})`);
    this.name = 'UnsupportedError';
  }
}

/**
 * A store's resource limits (`maxMemoryBytes`, `maxTableElements`), or the platform's memory,
 * refuse an allocation that an instantiation needs. The store is left as it was.
 */
export class LimitError extends WasmError {
  readonly kind = 'limit';
  constructor(message: string) {
    super(message);
    this.name = 'LimitError';
  }
}
