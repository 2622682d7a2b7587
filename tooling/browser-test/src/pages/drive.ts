// The calls every page makes on the test module (see ../module.ts), on this engine.
import type { Module, Profile, Store, Val } from '@proj/interpreter';

/** What one run gives: the exports' results, what the host was told, and the Module's form. */
export interface ProfileOutcome {
  primes: number;
  logged: number[];
  fib: string;
  form: string;
}

/** Instantiates `bytes` in `profile` and calls its exports, answering host calls. */
export function runProfile(
  api: { Module: typeof Module; Store: typeof Store; Val: typeof Val },
  bytes: Uint8Array,
  profile: Profile,
): ProfileOutcome {
  const module = new api.Module(bytes, { profile });
  const store = new api.Store();
  store.linkFunc('env', 'log', 1, 0);
  const inst = store.instantiate(module);
  const logged: number[] = [];
  let result = store.invoke(inst, 'primes', [api.Val.i32(10_000)]);
  while (result.kind === 'host') {
    const arg = result.call.args[0];
    logged.push(arg.type === 'i32' ? arg.value : NaN);
    result = result.call.resume([]);
  }
  const fib = store.invoke(inst, 'fib', [api.Val.i64(20n)]);
  if (result.kind !== 'done' || fib.kind !== 'done') throw new Error(`${profile}: an export did not finish`);
  const [primes] = result.values;
  const [fibResult] = fib.values;
  return {
    primes: primes.type === 'i32' ? primes.value : NaN,
    logged,
    fib: fibResult.type === 'i64' ? String(fibResult.value) : '',
    form: module.form,
  };
}
