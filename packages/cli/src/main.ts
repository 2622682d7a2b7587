#!/usr/bin/env node
/**
 * `wasm-ts`: runs WASI commands on the engine and validates modules.
 *
 *   wasm-ts run [--profile fast|compact|compiled] [--fuel N] [--dir HOST[::GUEST]]...
 *               [--env KEY=VALUE]... FILE.wasm [ARGS...]
 *   wasm-ts validate FILE.wasm...
 */
import { main } from './cli.js';

process.exit(await main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }));
