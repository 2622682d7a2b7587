/**
 * Fuel metering, differentially (API.md, "Bounded execution": metering is deterministic and
 * changes nothing but when execution pauses). Modules come from binaryen's translate-to-fuzz
 * (ttf-gen.mjs); every run goes through the public API with ttf-diff.mjs's host functions
 * (OurSide), which here end the suspended host calls below a trap or a host abort (`unwind`), so
 * that no invocation is left suspended and the store stays usable after every export.
 *
 * Per module, instantiation and then every exported function in export order (arguments as
 * ttf-diff chooses them) run in these stores:
 *   - reference: unmetered, profile fast;
 *   - sliced, one per profile: metered, given a few units of fuel at a time from a seeded plan
 *     (fuelPlan), resumed at every pause until the call ends; records the fuel left at each pause
 *     (the trace) and the fuel the call used;
 *   - ample, one per profile: metered with Number.MAX_SAFE_INTEGER fuel (never pauses);
 *   - disturbed, one per profile: sliced, but at one pause of some calls another export runs
 *     to its end before the paused call resumes (stack discipline), or the pause is ended with
 *     `trap` (the store goes on with the next export).
 * Required: the sliced and ample runs end every call as the reference does (results or trap
 * reason, host-call log, memory, exported globals); the sliced traces are equal in the three
 * profiles, and the fuel used is the same in every sliced and ample run; the disturbed runs agree
 * with each other in everything (they differ from the reference by design).
 *
 * A call that pauses PAUSE_CAP times is given ample fuel (counted). A module stops at a call
 * stack exhaustion anywhere (the depth limit is the implementation's; counted), and at its first
 * mismatch (the states have diverged).
 */
import { rng32 } from '@proj/testkit';
import { generate } from './ttf-gen.mjs';
import { makeArgs, moduleInfo, OurSide, typeText, unmirroredImport, withComparableMemory } from './ttf-diff.mjs';

export const PROFILES = ['fast', 'compact', 'compiled'];
/** Default number of seeds (FUEL_FUZZ_MODULES overrides it, FUEL_FUZZ_SEED_START the first). */
export const DEFAULT_FUEL_MODULES = 80;
/** More fuel than any generated module uses: the ample runs never pause. */
export const AMPLE = Number.MAX_SAFE_INTEGER;
/** Pauses of one call after which it is given ample fuel. */
export const PAUSE_CAP = 5000;
/** The reason of the trap that ends a pause in the disturbed runs. */
export const PAUSE_TRAP = 'fuel budget spent';
/** Plan key of the instantiation (the exports' are their indices). */
const START = 0xffff;

export function fuelReproCommand(seed) {
  return `cd packages/interpreter && node test/fuzz/run-fuel-seed.mjs ${seed}`;
}

/**
 * The fuel given for one call (instantiation or an export): `next()` is its next amount, mostly
 * 1..64, sometimes 0 (the call pauses again at once, unless what is left pays) and sometimes up
 * to 4,159; `keep()` whether that amount is added to what the pause left (else it replaces it).
 * `disturbance` is what the disturbed runs do at pause `at` (1-based) of the call: nothing,
 * `interleave` or `trap`.
 */
function fuelPlan(seed, key) {
  const rand = rng32(Math.imul(seed, 0x2545f491) + Math.imul(key + 1, 0x9e3779b9) + 0x5bd1e995);
  const d = rand() % 3;
  return {
    disturbance: d === 0 ? null : d === 1 ? 'interleave' : 'trap',
    at: 1 + (rand() % 6),
    next() {
      const r = rand() % 32;
      if (r === 0) return 0;
      if (r === 1) return 64 + (rand() % 4096);
      return 1 + (rand() % 64);
    },
    keep: () => rand() % 4 !== 0,
  };
}

/** A comparable text of a call's outcome (values as ttf-diff formats them: v128 bit-exact). */
function outcomeText(o) {
  switch (o.kind) {
    case 'done':
      return `returned [${o.values.map((v) => v.s).join(', ')}]`;
    case 'trap':
      return `trap "${o.reason}"`;
    case 'abort':
      return `host abort (${o.why})`;
    case 'stack':
      return 'call stack exhausted';
    default:
      return `error: ${o.message}`;
  }
}

/** A metered store given fuel in small amounts (plain) or with disturbances (`disturbed`). */
class SlicedRun {
  constructor(api, bytes, info, profile, seed, disturbed) {
    this.seed = seed;
    this.disturbed = disturbed;
    this.api = api;
    this.info = info;
    this.startCall(START);
    this.side = new OurSide(api, bytes, info, {
      profile,
      fuel: this.given,
      unwind: true,
      onOutOfFuel: (pause, store) => this.onPause(pause, store),
    });
    this.endCall(this.side.store);
  }

  /** Starts a call with `key`'s plan (instantiation: no disturbance, the exports are not known yet). */
  startCall(key, store) {
    this.plan = fuelPlan(this.seed, key);
    if (key === START) this.plan.disturbance = null;
    this.trace = [];
    this.used = 0;
    this.capped = false;
    this.events = [];
    this.given = this.plan.next();
    store?.setFuel(this.given);
  }

  endCall(store) {
    this.used += this.given - store.getFuel();
  }

  onPause(pause, store) {
    const left = store.getFuel();
    this.used += this.given - left;
    this.trace.push(left);
    if (this.trace.length >= PAUSE_CAP && !this.capped) {
      this.capped = true;
      this.given = AMPLE;
      store.setFuel(AMPLE);
      return pause.resume();
    }
    const amount = this.plan.next();
    this.given = this.plan.keep() ? left + amount : amount;
    store.setFuel(this.given);
    if (this.disturbed && !this.interleaving && this.trace.length === this.plan.at) {
      if (this.plan.disturbance === 'trap') {
        this.events.push(`trap at pause ${this.trace.length}`);
        pause.trap(PAUSE_TRAP);
      } else if (this.plan.disturbance === 'interleave') {
        this.interleave(store);
      }
    }
    return pause.resume();
  }

  /**
   * Runs another export to its end (its own plan, no disturbance) while the current call is
   * paused; the paused call then goes on with the fuel its own plan gives it.
   */
  interleave(store) {
    const funcs = this.info.exports.filter((e) => e.kind === 'func');
    const e = funcs[this.trace.length % funcs.length];
    const side = this.side;
    const log = side.log.slice();
    const saved = { plan: this.plan, trace: this.trace, used: this.used, given: this.given, capped: this.capped };
    this.interleaving = true;
    this.plan = fuelPlan(this.seed, 0x10000 + e.index);
    this.trace = [];
    this.used = 0;
    this.given = this.plan.next();
    store.setFuel(this.given);
    const out = side.call(e, makeArgs(this.api.Val, this.seed, e.index, e.type.params));
    this.used += this.given - store.getFuel();
    this.events.push(`${e.name} ran during pause ${saved.trace.length}: ${outcomeText(out)}, pauses [${this.trace.join(' ')}], used ${this.used}`);
    side.log = [...log, `-- ${e.name}`, ...side.log, '-- back'];
    this.interleaving = false;
    Object.assign(this, saved);
    store.setFuel(this.given);
  }

  call(e, args) {
    const store = this.side.store;
    this.startCall(e.index, store);
    const out = this.side.call(e, args);
    this.endCall(store);
    return out;
  }
}

/** A metered store with fuel to spare: what each call uses. */
class AmpleRun {
  constructor(api, bytes, info, profile) {
    this.side = new OurSide(api, bytes, info, {
      profile,
      fuel: AMPLE,
      unwind: true,
      // Never expected: the call then ends with this trap, which no reference outcome matches.
      onOutOfFuel: (pause) => pause.trap('paused with ample fuel'),
    });
    this.used = AMPLE - this.side.store.getFuel();
  }

  call(e, args) {
    const store = this.side.store;
    store.setFuel(AMPLE);
    const out = this.side.call(e, args);
    this.used = AMPLE - store.getFuel();
    return out;
  }
}

export function emptyFuelStats() {
  return {
    modules: 0,
    calls: 0,
    pausesCompared: 0,
    maxPauses: 0,
    fuelUsed: 0,
    capped: 0,
    outcomes: {},
    interleaved: 0,
    trappedAtPause: 0,
    disturbedPauses: 0,
    skips: {},
  };
}

function bump(map, key, by = 1) {
  map[key] = (map[key] ?? 0) + by;
}

function sameBytes(a, b) {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
}

/** The state a side leaves: memory 0 and the exported globals, as texts to compare. */
function stateOf(side, info) {
  const globals = info.exports.filter((e) => e.kind === 'global').map((e) => `${e.name}=${side.global(e).s}`);
  const memory = info.memoryName === undefined ? new Uint8Array(0) : side.memory();
  return { memory, globals: globals.join(' ') };
}

/**
 * Runs one module in every store; returns { status, skip?, mismatches, stats }. `seed` picks the
 * arguments and the fuel plans.
 */
export function fuelDiffModule(api, bytes, seed) {
  const stats = emptyFuelStats();
  const mismatches = [];
  let ourModule;
  try {
    ourModule = new api.Module(bytes);
  } catch (e) {
    bump(stats.skips, `module invalid (${e.kind ?? e.constructor?.name})`);
    return { status: 'skipped', mismatches, stats };
  }
  const info = moduleInfo(ourModule, bytes);
  const unknown = unmirroredImport(info);
  if (unknown !== undefined) {
    bump(stats.skips, `unmirrored import ${unknown.module}.${unknown.name} (${unknown.kind})`);
    return { status: 'skipped', mismatches, stats };
  }
  const runBytes = withComparableMemory(bytes, info);

  const reference = new OurSide(api, runBytes, info, { profile: 'fast', unwind: true });
  const sliced = PROFILES.map((p) => new SlicedRun(api, runBytes, info, p, seed, false));
  const ample = PROFILES.map((p) => new AmpleRun(api, runBytes, info, p));
  const disturbed = PROFILES.map((p) => new SlicedRun(api, runBytes, info, p, seed, true));
  const started = { kind: 'done', values: [] };
  const fail = (s) => mismatches.push(s);

  /**
   * Compares one call's ending in every store; returns false when the module stops here. `ref`
   * and the others are outcomes; the runs' sides hold the logs and state.
   */
  const compare = (where, ref, outs) => {
    stats.calls++;
    const all = [ref, ...outs.sliced, ...outs.ample, ...outs.disturbed];
    if (all.some((o) => o.kind === 'stack')) {
      bump(stats.skips, 'call stack exhausted: rest of module not compared');
      return false;
    }
    bump(stats.outcomes, ref.kind);
    const refText = outcomeText(ref);
    const refLog = reference.log.join('\n');
    // An instance whose start function trapped has no state to read.
    const withState = where !== 'instantiation' || reference.startOutcome === null;
    const refState = withState ? stateOf(reference, info) : null;
    const check = (name, run, out) => {
      if (outcomeText(out) !== refText) fail(`${where}: ${name}: ${outcomeText(out)}; reference ${refText}`);
      const log = run.side.log;
      if (log.join('\n') !== refLog) {
        const i = log.findIndex((x, k) => x !== reference.log[k]);
        const at = i < 0 ? log.length : i;
        fail(`${where}: ${name}: host log differs at entry ${at}: ${log[at] ?? '(end)'}; reference ${reference.log[at] ?? '(end)'}`);
      }
      if (!withState || run.side.startOutcome !== null) return;
      const st = stateOf(run.side, info);
      if (!sameBytes(st.memory, refState.memory)) fail(`${where}: ${name}: memory differs from the reference`);
      if (st.globals !== refState.globals) fail(`${where}: ${name}: globals ${st.globals}; reference ${refState.globals}`);
    };
    PROFILES.forEach((p, i) => check(`${p} sliced`, sliced[i], outs.sliced[i]));
    PROFILES.forEach((p, i) => check(`${p} ample`, ample[i], outs.ample[i]));
    // Pause traces and fuel used.
    const t0 = sliced[0].trace.join(' ');
    PROFILES.forEach((p, i) => {
      if (i > 0 && sliced[i].trace.join(' ') !== t0) {
        fail(`${where}: pauses differ: fast [${sliced[0].trace.slice(0, 30).join(' ')}${sliced[0].trace.length > 30 ? ' ...' : ''}] (${sliced[0].trace.length}), ${p} [${sliced[i].trace.slice(0, 30).join(' ')}${sliced[i].trace.length > 30 ? ' ...' : ''}] (${sliced[i].trace.length})`);
      }
    });
    const used = [...sliced, ...ample].map((r) => r.used);
    if (used.some((u) => u !== used[0])) {
      fail(`${where}: fuel used differs: sliced ${PROFILES.map((p, i) => `${p} ${sliced[i].used}`).join(', ')}; ample ${PROFILES.map((p, i) => `${p} ${ample[i].used}`).join(', ')}`);
    }
    stats.pausesCompared += sliced[0].trace.length;
    stats.maxPauses = Math.max(stats.maxPauses, sliced[0].trace.length);
    stats.fuelUsed += used[0] ?? 0;
    if (sliced.some((r) => r.capped)) stats.capped++;
    // The disturbed runs, with each other.
    const d0 = disturbed[0];
    const dState = (r) => (withState && r.side.startOutcome === null ? stateOf(r.side, info) : { memory: new Uint8Array(0), globals: '' });
    const dText = (r, out) => [outcomeText(out), r.trace.join(' '), r.used, r.events.join('; '), r.side.log.join('\n'), dState(r).globals].join('\n');
    const d0Text = dText(d0, outs.disturbed[0]);
    const d0Memory = dState(d0).memory;
    PROFILES.forEach((p, i) => {
      if (i === 0) return;
      if (dText(disturbed[i], outs.disturbed[i]) !== d0Text) {
        fail(`${where}: disturbed runs differ: fast ${outcomeText(outs.disturbed[0])}, ${d0.trace.length} pauses, events [${d0.events.join('; ')}]; ${p} ${outcomeText(outs.disturbed[i])}, ${disturbed[i].trace.length} pauses, events [${disturbed[i].events.join('; ')}]`);
      } else if (!sameBytes(dState(disturbed[i]).memory, d0Memory)) {
        fail(`${where}: disturbed runs: memory differs between fast and ${p}`);
      }
    });
    stats.disturbedPauses += d0.trace.length;
    for (const ev of d0.events) {
      if (ev.startsWith('trap at pause')) stats.trappedAtPause++;
      else stats.interleaved++;
    }
    // Nothing may stay suspended: every store is used again by the next call.
    for (const r of [reference, ...[...sliced, ...ample, ...disturbed].map((x) => x.side)]) {
      if (r.store.lastCall() !== undefined || r.store.lastPause() !== undefined) fail(`${where}: an invocation stayed suspended`);
    }
    return true;
  };

  const startOutcome = (side) => side.startOutcome ?? started;
  const goOn = compare(
    'instantiation',
    startOutcome(reference),
    { sliced: sliced.map((r) => startOutcome(r.side)), ample: ample.map((r) => startOutcome(r.side)), disturbed: disturbed.map((r) => startOutcome(r.side)) },
  );
  if (!goOn || mismatches.length > 0) return { status: 'compared', mismatches, stats };
  if (reference.startOutcome !== null) {
    bump(stats.skips, 'instantiation trapped (compared; no exports to call)');
    return { status: 'compared', mismatches, stats };
  }
  stats.modules = 1;
  for (const e of info.exports) {
    if (e.kind !== 'func') continue;
    const where = `export #${e.index} ${e.name} ${typeText(e.type)}`;
    const args = makeArgs(api.Val, seed, e.index, e.type.params);
    const ref = reference.call(e, args);
    const outs = {
      sliced: sliced.map((r) => r.call(e, args)),
      ample: ample.map((r) => r.call(e, args)),
      disturbed: disturbed.map((r) => r.call(e, args)),
    };
    if (!compare(where, ref, outs) || mismatches.length > 0) break;
  }
  return { status: 'compared', mismatches, stats };
}

function addFuelStats(into, s) {
  for (const [k, v] of Object.entries(s)) {
    if (k === 'maxPauses') into[k] = Math.max(into[k], v);
    else if (typeof v === 'number') into[k] += v;
    else for (const [kk, vv] of Object.entries(v)) bump(into[k], kk, vv);
  }
}

/** Generates and runs seeds [start, start+count); returns { stats, failures, generated, ms }. */
export async function runFuelSeeds(api, start, count) {
  const t0 = performance.now();
  const stats = emptyFuelStats();
  const failures = [];
  let generated = 0;
  for (let seed = start; seed < start + count; seed++) {
    try {
      const bytes = await generate(seed);
      generated++;
      const r = fuelDiffModule(api, bytes, seed);
      addFuelStats(stats, r.stats);
      if (r.mismatches.length > 0) failures.push({ seed, mismatches: r.mismatches });
    } catch (e) {
      // The harness itself, or an exception escaping the engine: never lost.
      failures.push({ seed, mismatches: [`harness error: ${e?.stack ?? e}`] });
    }
  }
  return { stats, failures, generated, ms: performance.now() - t0 };
}

export function fuelSummaryText({ stats, failures, generated, ms }, start, count) {
  const fmt = (m) => {
    const e = Object.entries(m).sort((a, b) => b[1] - a[1]);
    return e.length === 0 ? 'none' : e.map(([k, v]) => `${k}: ${v}`).join('; ');
  };
  return [
    `fuel differential (unmetered fast vs metered ${PROFILES.join(', ')}): seeds ${start}..${start + count - 1}, ${generated} modules generated, ${(ms / 1000).toFixed(1)} s`,
    `  modules compared: ${stats.modules}; calls compared: ${stats.calls} (${fmt(stats.outcomes)})`,
    `  pauses compared: ${stats.pausesCompared} (at most ${stats.maxPauses} in one call); fuel used: ${stats.fuelUsed}; calls that reached the pause cap (${PAUSE_CAP}): ${stats.capped}`,
    `  disturbed runs: ${stats.disturbedPauses} pauses, ${stats.interleaved} exports run while another was paused, ${stats.trappedAtPause} pauses ended with trap`,
    `  skips: ${fmt(stats.skips)}`,
    `  seeds with mismatches: ${failures.length}${failures.length ? ` (${failures.map((f) => f.seed).join(', ')})` : ''}`,
  ].join('\n');
}
