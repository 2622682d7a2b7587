/**
 * The "spectest" module the test suite imports from: host print functions (linked into the store)
 * and a small wasm module that defines the globals, table and memory and re-exports the prints.
 *
 * https://github.com/WebAssembly/spec/tree/main/interpreter#spectest-host-module
 */

import type { Assembler } from './assemble.js';

type PrintType = 'i32' | 'i64' | 'f32' | 'f64';

/** The host print functions, in link order (their host call index is their position). */
export const SPECTEST_PRINTS: readonly { name: string; params: PrintType[] }[] = [
  { name: 'print', params: [] },
  { name: 'print_i32', params: ['i32'] },
  { name: 'print_i64', params: ['i64'] },
  { name: 'print_f32', params: ['f32'] },
  { name: 'print_f64', params: ['f64'] },
  { name: 'print_i32_f32', params: ['i32', 'f32'] },
  { name: 'print_f64_f64', params: ['f64', 'f64'] },
];

/** The module name the host functions are linked under, and the wasm module is registered as. */
export const SPECTEST = 'spectest';

/** The wasm part: imports the host prints (linked as "spectest"."print..."), and re-exports them. */
export const SPECTEST_WAT = `(module
${SPECTEST_PRINTS.map(
  (p) => `  (func (export "${p.name}") (import "${SPECTEST}" "${p.name}")${p.params.length > 0 ? ` (param ${p.params.join(' ')})` : ''})`,
).join('\n')}
  (global (export "global_i32") i32 (i32.const 666))
  (global (export "global_i64") i64 (i64.const 666))
  (global (export "global_f32") f32 (f32.const 666.6))
  (global (export "global_f64") f64 (f64.const 666.6))
  (table (export "table") 10 20 funcref)
  (memory (export "memory") 1 2)
)
`;

/** The spectest wasm module's binary. */
export function spectestBytes(assembler: Assembler): Uint8Array {
  const a = assembler.assemble(SPECTEST_WAT, 'spectest.wat');
  if (!a.ok) throw new Error(`cannot assemble the spectest module: ${a.error}`);
  return a.bytes;
}
