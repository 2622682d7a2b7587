/**
 * The demo behind `pnpm demo`: validates a module (the hello example, or the .wasm files given
 * as arguments) and prints its imports and exports.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ExternKind,
  type FuncType,
  type GlobalType,
  type Limits,
  type ModuleInfo,
  WasmError,
  valTypeName,
} from '@proj/decoder';
import { validateModule } from '@proj/validator';

const here = fileURLToPath(new URL('.', import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) files.push(resolve(here, '../hello.wasm'));

let failed = false;
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file));
  const started = performance.now();
  try {
    const m = validateModule(bytes);
    const ms = performance.now() - started;
    console.log(`${file}: valid, ${bytes.length} bytes, validated in ${ms.toFixed(2)} ms`);
    printInterface(m);
  } catch (e) {
    if (!(e instanceof WasmError)) throw e;
    failed = true;
    console.log(`${file}: ${e.kind}: ${e.message}`);
  }
}
process.exitCode = failed ? 1 : 0;

function printInterface(m: ModuleInfo): void {
  console.log(`imports (${m.imports.length}):`);
  for (const imp of m.imports) {
    const what =
      imp.kind === ExternKind.func
        ? funcText(m.types[imp.type])
        : imp.kind === ExternKind.table
          ? `table ${valTypeName(imp.type.elem)} ${limitsText(imp.type.limits)}`
          : imp.kind === ExternKind.memory
            ? `memory ${limitsText(imp.type.limits)}`
            : globalText(imp.type);
    console.log(`  ${imp.module}.${imp.name}: ${what}`);
  }
  console.log(`exports (${m.exports.length}):`);
  for (const e of m.exports) {
    const what =
      e.kind === ExternKind.func
        ? funcText(m.types[m.funcTypes[e.index]])
        : e.kind === ExternKind.table
          ? `table ${valTypeName(m.tables[e.index].elem)} ${limitsText(m.tables[e.index].limits)}`
          : e.kind === ExternKind.memory
            ? `memory ${limitsText(m.memories[e.index].limits)}`
            : globalText(m.globalTypes[e.index]);
    console.log(`  ${e.name}: ${what}`);
  }
}

function funcText(t: FuncType): string {
  return `func (${t.params.map(valTypeName).join(', ')}) -> (${t.results.map(valTypeName).join(', ')})`;
}

function limitsText(l: Limits): string {
  return l.max === undefined ? `min ${l.min}` : `min ${l.min} max ${l.max}`;
}

function globalText(g: GlobalType): string {
  return `global ${g.mutable ? 'mut ' : ''}${valTypeName(g.type)}`;
}
