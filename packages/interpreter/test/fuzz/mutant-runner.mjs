/**
 * Worker of the mutation fuzz test: instantiates each module it is sent under small limits and
 * invokes every exported function with zero arguments (host calls answered with zeros), and
 * reports, per module, whether anything but a WasmError escaped. It runs in a worker so that the
 * test can stop a module that loops forever (there is no fuel yet to bound it).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Module, Store, Val, WasmError } from '@proj/interpreter';

const { profile } = workerData;

/** Small limits: no mutant may take much memory or stack. */
const LIMITS = { maxMemoryBytes: 16 << 20, maxTableElements: 100_000, maxCallDepth: 2_000, maxStackBytes: 1 << 20 };

const ZERO = {
  i32: () => Val.i32(0),
  i64: () => Val.i64(0n),
  f32: () => Val.f32(0),
  f64: () => Val.f64(0),
  v128: () => Val.v128(new Uint8Array(16)),
  funcref: () => Val.funcref(null),
  externref: () => Val.externref(null),
};

/** Runs `f`; a WasmError is an expected outcome, anything else is returned as a finding. */
function outcome(f) {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof WasmError) return null;
    return `${e?.constructor?.name ?? typeof e}: ${e?.message ?? String(e)}`;
  }
}

/** Drives one invocation to its end, answering at most 100 host calls with zeros. */
function drive(result) {
  for (let calls = 0; result.kind === 'host' && calls < 100; calls++) result = result.call.resume([Val.i32(0)]);
  if (result.kind === 'host') result.call.trap('too many host calls');
}

function run(bytes) {
  const module = new Module(bytes, { profile });
  const store = new Store(LIMITS);
  store.linkFunc('env', 'h', 1, 1);
  let inst;
  const failed = outcome(() => {
    inst = store.instantiate(module);
    const pending = store.lastCall();
    if (pending) drive({ kind: 'host', call: pending });
  });
  if (failed !== null || inst === undefined) return failed;
  for (const e of module.exports) {
    if (e.kind !== 'func') continue;
    const found = outcome(() => drive(store.invoke(inst, e.name, e.type.params.map((t) => ZERO[t]()))));
    if (found !== null) return `export ${e.name}: ${found}`;
  }
  return null;
}

parentPort.on('message', ({ index, bytes }) => {
  let finding;
  try {
    finding = run(bytes);
  } catch (e) {
    finding = `new Module or setup: ${e?.constructor?.name}: ${e?.message}`;
  }
  parentPort.postMessage({ index, finding });
});
