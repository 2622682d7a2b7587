#!/usr/bin/env node
// `wasm-ts run` look-alike on Node's own WASI (node:wasi), used as the reference
// the project's WASI is compared with:
//   node node-wasi.mjs [run] [--profile P] [--dir HOST[::GUEST]]... [--env KEY=VALUE]... FILE.wasm [ARGS...]
// Exit status is the program's; a trap prints `trap: REASON` and exits with 134.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

process.removeAllListeners('warning'); // node:wasi's "experimental" notice is not program output

const argv = process.argv.slice(2);
if (argv[0] === 'run') argv.shift();
const preopens = {};
const env = {};
while (argv[0]?.startsWith('--')) {
  const [option, value] = [argv.shift(), argv.shift()];
  if (value === undefined) fail(`${option} needs a value`);
  if (option === '--dir') {
    const [host, guest = host] = value.split('::');
    preopens[guest] = host;
  } else if (option === '--env') {
    const equals = value.indexOf('=');
    if (equals < 0) fail(`--env ${value}: expected KEY=VALUE`);
    env[value.slice(0, equals)] = value.slice(equals + 1);
  } else if (option !== '--profile' && option !== '--fuel') {
    fail(`unknown option ${option}`);
  }
}
const file = argv.shift();
if (file === undefined) fail('no FILE.wasm given');

function fail(message) {
  process.stderr.write(`node-wasi: ${message}\n`);
  process.exit(2);
}

let module;
try {
  module = await WebAssembly.compile(readFileSync(file));
} catch (error) {
  process.stderr.write(`${file}: ${error.message}\n`);
  process.exit(1);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...argv], env, preopens, returnOnExit: true });
try {
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
} catch (error) {
  if (!(error instanceof WebAssembly.RuntimeError)) throw error;
  process.stderr.write(`trap: ${error.message}\n`);
  process.exitCode = 134;
}
