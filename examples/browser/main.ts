// The browser example: runs hello.wasm (it calls env.println(ptr, len) with "hello" from its
// memory) on this engine, in each profile, and then through @proj/webassembly, the standard
// WebAssembly JavaScript API on this engine. The page has a strict Content-Security-Policy,
// under which the platform's own WebAssembly may not compile anything.
import { Module, Store, type Profile } from '@proj/interpreter';
import { WebAssembly as Engine } from '@proj/webassembly';

const output = document.getElementById('output')!;
const lines: string[] = [];
function show(line: string): void {
  lines.push(line);
  output.textContent = lines.join('\n');
}

const bytes = new Uint8Array(await (await fetch('hello.wasm')).arrayBuffer());

for (const profile of ['fast', 'compact', 'compiled'] as Profile[]) {
  const module = new Module(bytes, { profile });
  const store = new Store();
  store.linkFunc('env', 'println', 2, 0); // host function 0: println(ptr, len)
  let result = store.invoke(store.instantiate(module), 'main', []);
  while (result.kind === 'host') {
    const { call } = result;
    const [ptr, len] = call.args.map((v) => (v.type === 'i32' ? v.value : 0));
    show(`${profile} (runs as ${module.form}): ${new TextDecoder().decode(call.memory().subarray(ptr, ptr + len))}`);
    result = call.resume([]);
  }
}

// The same module through the standard API: imports are plain JavaScript functions.
let memory: { buffer: ArrayBuffer } | undefined;
const println = (ptr: number, len: number) => show(`@proj/webassembly: ${new TextDecoder().decode(new Uint8Array(memory!.buffer, ptr, len))}`);
const { instance } = (await Engine.instantiate(bytes, { env: { println } })) as {
  instance: { exports: { main(): void; memory: { buffer: ArrayBuffer } } };
};
memory = instance.exports.memory;
instance.exports.main();

(window as unknown as { exampleOutput: string[] }).exampleOutput = lines;
