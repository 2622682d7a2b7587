/**
 * The JavaScript embedding's implementation limits, which every engine shares so that a module
 * loads everywhere or nowhere. Counted from the module's bytes before they are decoded, so that a
 * module past a limit costs one quick pass (ten million element segments are read in no time):
 * the count stops at the first malformed byte and leaves the verdict to the decoder. (Locals per
 * function, 50,000 with the parameters, and memory pages are the engine's own limits: `new
 * Module` checks them.)
 *
 * https://webassembly.github.io/spec/js-api/#limits
 */

/** Static limits: past one, compiling fails. */
const LIMITS = {
  /** Bytes: checked before anything else, so that a larger module costs nothing. */
  'module size': 1024 * 1024 * 1024,
  types: 1_000_000,
  functions: 1_000_000,
  imports: 100_000,
  exports: 100_000,
  globals: 1_000_000,
  tags: 1_000_000,
  'data segments': 100_000,
  'element segments': 10_000_000,
  tables: 100_000,
  memories: 1,
  'function size': 7_654_321,
  'function params': 1_000,
  'function returns': 1_000,
};

/** Elements a table may start with: past it, instantiation fails. */
export const MAX_TABLE_INITIAL = 10_000_000;

type Counted = keyof typeof LIMITS;

/** What the limits are checked against, and the initial sizes of the module's own tables. */
export interface ModuleCounts {
  readonly counts: Record<Counted, number>;
  readonly tableInitials: number[];
}

/**
 * The first limit a counted module passes, as a message; undefined within all of them, or where
 * the module could not be counted (malformed bytes: the decoder says what is wrong with them).
 */
export function limitExceeded(counted: ModuleCounts | undefined): string | undefined {
  if (counted === undefined) return undefined;
  const { counts } = counted;
  for (const key of Object.keys(LIMITS) as Counted[]) {
    if (counts[key] > LIMITS[key]) return `${key}: ${counts[key]} is past the limit of ${LIMITS[key]}`;
  }
  return undefined;
}

/** Thrown by the count at a read past the end of the bytes. */
const MALFORMED = new Error('malformed');

/**
 * Counts what the limits bound in `bytes`, reading only section headers and the entries that must
 * be looked at one by one (types, imports, own tables, function bodies' sizes); only the size of
 * a module past the size limit. Undefined where the bytes end too soon to be a module.
 */
export function countModule(bytes: Uint8Array): ModuleCounts | undefined {
  try {
    return count(bytes);
  } catch (e) {
    if (e === MALFORMED) return undefined;
    throw e;
  }
}

function count(bytes: Uint8Array): ModuleCounts {
  const counts = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, 0])) as Record<Counted, number>;
  const tableInitials: number[] = [];
  const length = bytes.length;
  counts['module size'] = length;
  if (length > LIMITS['module size']) return { counts, tableInitials };
  let pos = 8;
  const byte = (): number => {
    if (pos >= length) throw MALFORMED;
    return bytes[pos++];
  };
  // Each entry read takes at least one byte: a count past the end stops at the end.
  const u32 = (): number => {
    let result = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = byte();
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
    }
    throw MALFORMED;
  };
  const skip = (n: number): void => {
    pos += n;
    if (pos > length) throw MALFORMED;
  };
  const skipLimits = (): number => {
    const flags = byte();
    const min = u32();
    if (flags & 1) u32();
    return min;
  };
  const max = (key: Counted, n: number): void => {
    counts[key] = Math.max(counts[key], n);
  };
  while (pos < length) {
    const id = byte();
    const size = u32();
    const end = pos + size;
    switch (id) {
      case 1: // types: 0x60 params results
        counts.types = u32();
        for (let i = 0; i < counts.types; i++) {
          byte();
          const params = u32();
          skip(params);
          const results = u32();
          skip(results);
          max('function params', params);
          max('function returns', results);
        }
        break;
      case 2: // imports
        counts.imports = u32();
        for (let i = 0; i < counts.imports; i++) {
          skip(u32());
          skip(u32());
          const kind = byte();
          if (kind === 0) {
            counts.functions++;
            u32();
          } else if (kind === 1) {
            counts.tables++;
            byte();
            skipLimits();
          } else if (kind === 2) {
            counts.memories++;
            skipLimits();
          } else if (kind === 3) {
            counts.globals++;
            skip(2);
          } else {
            // A tag: its attribute, its type index.
            byte();
            u32();
          }
        }
        break;
      case 3:
        counts.functions += u32();
        break;
      case 4: {
        const n = u32();
        counts.tables += n;
        for (let i = 0; i < n; i++) {
          byte();
          tableInitials.push(skipLimits());
        }
        break;
      }
      case 5:
        counts.memories += u32();
        break;
      case 6:
        counts.globals += u32();
        break;
      case 7:
        counts.exports = u32();
        break;
      case 9:
        counts['element segments'] = u32();
        break;
      case 10: {
        const n = u32();
        for (let i = 0; i < n; i++) {
          const bodySize = u32();
          max('function size', bodySize);
          skip(bodySize);
        }
        break;
      }
      case 11:
        counts['data segments'] = u32();
        break;
      case 13:
        counts.tags = u32();
        break;
    }
    pos = end;
  }
  return { counts, tableInitials };
}
