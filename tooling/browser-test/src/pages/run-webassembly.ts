// Runs the test module through @proj/webassembly (the standard JavaScript API on this engine)
// and leaves the outcome on `window.standard`.
import { WebAssembly as Engine } from '@proj/webassembly';

const bytes = new Uint8Array(await (await fetch('/module.wasm')).arrayBuffer());
const logged: number[] = [];
const { instance } = (await Engine.instantiate(bytes, { env: { log: (x: number) => logged.push(x) } })) as {
  instance: { exports: { primes(n: number): number; fib(n: bigint): bigint } };
};
const { primes, fib } = instance.exports;
(window as unknown as { standard: unknown }).standard = { primes: primes(10_000), logged, fib: String(fib(20n)) };
