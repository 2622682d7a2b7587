/**
 * The `wasm-ts` command's logic, apart from the process so that tests can call it: `main`
 * returns the exit status instead of exiting.
 */
import { readFileSync, statSync } from 'node:fs';
import { InvalidError, Module, type Profile, Store, Trap, UnsupportedError, WasmError, validate } from '@proj/interpreter';
import { type FileSystem, NodeFs, WASI_MODULES, Wasi } from '@proj/wasi/node';

/** The exit status of a program that trapped (as for SIGABRT). */
export const TRAP_STATUS = 134;
/** The exit status for a bad command line. */
export const USAGE_STATUS = 2;

const USAGE = `usage:
  wasm-ts run [--profile fast|compact|compiled] [--fuel N] [--dir HOST[::GUEST]]... [--env KEY=VALUE]... FILE.wasm [ARGS...]
  wasm-ts validate FILE.wasm...`;

const PROFILES: readonly Profile[] = ['fast', 'compact', 'compiled'];

/** The process's streams, or stand-ins for them. */
export interface Stdio {
  readonly stdin: AsyncIterable<Uint8Array | string>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** A command-line mistake: printed with the usage, exit status 2. */
class UsageError extends Error {}

/** The options of `run`, parsed. */
export interface RunArgs {
  profile: Profile;
  /** The program's fuel budget, for the whole run; unmetered without it. */
  fuel?: number;
  dirs: { host: string; guest: string }[];
  env: Record<string, string>;
  file: string;
  args: string[];
}

/**
 * Parses `run`'s arguments: options up to the file, the program's arguments after it.
 * @throws UsageError for an unknown or malformed option, or a missing file
 */
export function parseRun(argv: readonly string[]): RunArgs {
  const out: RunArgs = { profile: 'fast', dirs: [], env: {}, file: '', args: [] };
  let i = 0;
  const value = (flag: string, inline: string | undefined): string => {
    if (inline !== undefined) return inline;
    if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
    return argv[++i];
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    switch (flag) {
      case '--profile': {
        const p = value(flag, inline);
        if (!PROFILES.includes(p as Profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, not ${p}`);
        out.profile = p as Profile;
        break;
      }
      case '--fuel': {
        const n = value(flag, inline);
        if (!/^\d+$/.test(n) || !Number.isSafeInteger(Number(n))) {
          throw new UsageError(`--fuel must be an integer from 0 to ${Number.MAX_SAFE_INTEGER}, not ${n}`);
        }
        out.fuel = Number(n);
        break;
      }
      case '--dir': {
        const d = value(flag, inline);
        const sep = d.indexOf('::');
        const host = sep < 0 ? d : d.slice(0, sep);
        const guest = sep < 0 ? d : d.slice(sep + 2);
        if (host === '' || guest === '') throw new UsageError(`--dir ${d}: expected HOST or HOST::GUEST`);
        out.dirs.push({ host, guest });
        break;
      }
      case '--env': {
        const e = value(flag, inline);
        const k = e.indexOf('=');
        if (k <= 0) throw new UsageError(`--env ${e}: expected KEY=VALUE`);
        out.env[e.slice(0, k)] = e.slice(k + 1);
        break;
      }
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (i >= argv.length) throw new UsageError('run: missing FILE.wasm');
  out.file = argv[i];
  out.args = argv.slice(i + 1);
  return out;
}

function readModuleFile(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

/** A failure to report as `wasm-ts: MESSAGE` with exit status 1. */
class CliError extends Error {}

const print = (stream: NodeJS.WritableStream, text: string): Promise<void> =>
  new Promise((resolve) => stream.write(text, () => resolve()));

/** The WASI functions this CLI provides, to name an import it cannot provide before linking. */
function checkImports(module: Module): void {
  for (const imp of module.imports) {
    if (imp.kind !== 'func' || !(WASI_MODULES as readonly string[]).includes(imp.module)) {
      throw new CliError(`cannot provide import ${imp.module}.${imp.name} (${imp.kind}): wasm-ts run provides only WASI preview1 functions`);
    }
  }
}

async function run(argv: readonly string[], stdio: Stdio): Promise<number> {
  const opts = parseRun(argv);
  const bytes = readModuleFile(opts.file);
  const module = new Module(bytes, { profile: opts.profile });
  checkImports(module);
  const preopens: Record<string, FileSystem> = {};
  for (const { host, guest } of opts.dirs) {
    let isDir = false;
    try {
      isDir = statSync(host).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new CliError(`--dir ${host}: not a directory`);
    preopens[guest] = new NodeFs(host);
  }
  const wasi = new Wasi({
    args: [opts.file, ...opts.args],
    env: opts.env,
    stdin: stdio.stdin,
    stdout: stdio.stdout as never,
    stderr: stdio.stderr as never,
    preopens,
  });
  // Metered, running out of fuel ends the program as a trap (`trap: out of fuel`).
  const store = new Store(opts.fuel === undefined ? {} : { fuel: opts.fuel });
  wasi.link(store);
  const inst = await wasi.instantiate(store, module);
  return wasi.start(store, inst);
}

async function validateFiles(files: readonly string[], stdio: Stdio): Promise<number> {
  if (files.length === 0) throw new UsageError('validate: missing FILE.wasm');
  let status = 0;
  for (const file of files) {
    try {
      validate(readModuleFile(file));
      await print(stdio.stdout, `${file}: valid\n`);
    } catch (e) {
      status = 1;
      if (e instanceof CliError) await print(stdio.stderr, `wasm-ts: ${e.message}\n`);
      else if (e instanceof WasmError) await print(stdio.stdout, `${file}: ${describe(e)}\n`);
      else throw e;
    }
  }
  return status;
}

function describe(e: WasmError): string {
  if (e instanceof InvalidError) return `invalid: ${e.message}`;
  if (e instanceof UnsupportedError) return `unsupported: ${e.message}`;
  return e.message;
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit status:
 * the program's, 134 after a trap, 1 for an invalid module or another failure, 2 for usage.
 */
export async function main(argv: readonly string[], stdio: Stdio): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'run') return await run(rest, stdio);
    if (command === 'validate') return await validateFiles(rest, stdio);
    if (command === '--help' || command === '-h' || command === 'help') {
      await print(stdio.stdout, `${USAGE}\n`);
      return 0;
    }
    throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
  } catch (e) {
    if (e instanceof UsageError) {
      await print(stdio.stderr, `wasm-ts: ${e.message}\n${USAGE}\n`);
      return USAGE_STATUS;
    }
    if (e instanceof Trap) {
      await print(stdio.stderr, `trap: ${e.reason}\n`);
      return TRAP_STATUS;
    }
    if (e instanceof CliError) {
      await print(stdio.stderr, `wasm-ts: ${e.message}\n`);
      return 1;
    }
    if (e instanceof WasmError) {
      await print(stdio.stderr, `wasm-ts: ${describe(e)}\n`);
      return 1;
    }
    await print(stdio.stderr, `wasm-ts: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return 70;
  }
}
