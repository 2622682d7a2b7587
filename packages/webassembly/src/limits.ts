/**
 * The JavaScript embedding's implementation limits, which every engine shares so that a module
 * loads everywhere or nowhere. Read from the bytes of a module that already validated, so the
 * reader trusts their structure; it only counts. (Locals per function, 50,000 with the
 * parameters, and memory pages are the engine's own limits: `new Module` checks them.)
 *
 * https://webassembly.github.io/spec/js-api/#limits
 */

/** Static limits: past one, compiling fails. */
const LIMITS = {
  types: 1_000_000,
  functions: 1_000_000,
  imports: 100_000,
  exports: 100_000,
  globals: 1_000_000,
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
interface ModuleCounts {
  readonly counts: Record<Counted, number>;
  readonly tableInitials: number[];
}

/** Bytes a module may have: checked before anything else, so that a larger one costs nothing. */
export const MAX_MODULE_SIZE = 1024 * 1024 * 1024;

/** The first limit `bytes` (a valid module) passes, as a message; undefined within all of them. */
export function limitExceeded(bytes: Uint8Array): string | undefined {
  const { counts } = countModule(bytes);
  for (const key of Object.keys(LIMITS) as Counted[]) {
    if (counts[key] > LIMITS[key]) return `${key}: ${counts[key]} is past the limit of ${LIMITS[key]}`;
  }
  return undefined;
}

/** The initial sizes of the tables the module defines (not imports). */
export function ownTableInitials(bytes: Uint8Array): number[] {
  return countModule(bytes).tableInitials;
}

function countModule(bytes: Uint8Array): ModuleCounts {
  const counts = Object.fromEntries(Object.keys(LIMITS).map((k) => [k, 0])) as Record<Counted, number>;
  const tableInitials: number[] = [];
  let pos = 8;
  const u32 = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[pos++];
      result += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return result;
      shift += 7;
    }
  };
  const skipName = (): void => {
    const n = u32();
    pos += n;
  };
  const skipLimits = (): number => {
    const flags = bytes[pos++];
    const min = u32();
    if (flags & 1) u32();
    return min;
  };
  const max = (key: Counted, n: number): void => {
    counts[key] = Math.max(counts[key], n);
  };
  while (pos < bytes.length) {
    const id = bytes[pos++];
    const size = u32();
    const end = pos + size;
    switch (id) {
      case 1: // types: 0x60 params results
        counts.types = u32();
        for (let i = 0; i < counts.types; i++) {
          pos++;
          const params = u32();
          pos += params;
          const results = u32();
          pos += results;
          max('function params', params);
          max('function returns', results);
        }
        break;
      case 2: // imports
        counts.imports = u32();
        for (let i = 0; i < counts.imports; i++) {
          skipName();
          skipName();
          const kind = bytes[pos++];
          if (kind === 0) {
            counts.functions++;
            u32();
          } else if (kind === 1) {
            counts.tables++;
            pos++;
            skipLimits();
          } else if (kind === 2) {
            counts.memories++;
            skipLimits();
          } else {
            counts.globals++;
            pos += 2;
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
          pos++;
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
          const bodyEnd = pos + bodySize;
          max('function size', bodySize);
          pos = bodyEnd;
        }
        break;
      }
      case 11:
        counts['data segments'] = u32();
        break;
    }
    pos = end;
  }
  return { counts, tableInitials };
}
