import { assemble, loadWabt, V8Wasm } from '@proj/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from '../src/browser.js';
import { TEST_WAT } from '../src/module.js';
import { exampleSite } from '../src/example.js';
import { startServer, TEST_PAGES, TEST_SCRIPTS, type TestServer } from '../src/server.js';

let bytes: Uint8Array;
let server: TestServer;
let browser: Browser;

/** What the pages must find: the exports' results on V8 for the same bytes. */
function expected() {
  const logged: number[] = [];
  const inst = new V8Wasm.Instance(new V8Wasm.Module(bytes), { env: { log: (x: number) => logged.push(x) } });
  const { primes, fib } = inst.exports as { primes(n: number): number; fib(n: bigint): bigint };
  return { primes: primes(10_000), logged, fib: String(fib(20n)) };
}

/** What a visit finds: the page's outcomes, the CSP violation events, console and errors. */
interface Visit {
  profiles?: Record<string, Record<string, unknown>>;
  standard?: unknown;
  violations: string[];
  console: string[];
  errors: string[];
}

const visits = new Map<string, Promise<Visit>>();

/** Opens `path` once (later calls share the first visit) and waits for the properties `want`. */
function visit(path: string, want: string[]): Promise<Visit> {
  const key = `${path} ${want.join(' ')}`;
  if (!visits.has(key)) visits.set(key, open(path, want));
  return visits.get(key)!;
}

/** Opens `path` and waits for the window properties `want` that its scripts set. */
async function open(path: string, want: string[]): Promise<Visit> {
  const page: Page = await browser.newPage();
  const console: string[] = [];
  const errors: string[] = [];
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(e.message));
  // Playwright's init scripts run before the page's own and are not subject to its policy.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { violations: string[] }).violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url + path);
  for (const name of want) await page.waitForFunction((n) => n in window || 'pageError' in window, name, { timeout: 20_000 });
  // Violation events are queued as tasks: let them arrive before reading.
  await page.waitForTimeout(200);
  const found = await page.evaluate((names) => {
    const w = window as unknown as Record<string, unknown>;
    return { violations: w.violations as string[], ...Object.fromEntries(names.map((n) => [n, w[n]])) };
  }, want);
  await page.close();
  return { ...(found as Omit<Visit, 'console' | 'errors'>), console, errors };
}

beforeAll(async () => {
  bytes = assemble(await loadWabt(), TEST_WAT);
  server = await startServer({ pages: TEST_PAGES, scripts: TEST_SCRIPTS, files: { '/module.wasm': { type: 'application/wasm', body: bytes } } });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('in headless Chromium', () => {
  it('the bundled @proj/interpreter runs a module in every profile, compiled as compiled', async () => {
    const page = await visit('/plain.html', ['profiles', 'standard']);
    expect(page.errors).toEqual([]);
    const want = expected();
    const profiles = page.profiles!;
    for (const profile of ['fast', 'compact', 'compiled']) {
      expect(profiles[profile]).toEqual({ ...want, form: profile });
    }
    expect(page.violations).toEqual([]);
  });

  it('@proj/webassembly runs the same module through the standard JavaScript API', async () => {
    const page = await visit('/plain.html', ['profiles', 'standard']);
    expect(page.errors).toEqual([]);
    expect(page.standard).toEqual(expected());
  });

  it('under a strict CSP (no unsafe-eval), compiled falls back to fast with no violation reported', async () => {
    const page = await visit('/strict.html', ['profiles', 'standard']);
    expect(page.errors).toEqual([]);
    const want = expected();
    const profiles = page.profiles!;
    expect(profiles.fast).toEqual({ ...want, form: 'fast' });
    expect(profiles.compact).toEqual({ ...want, form: 'compact' });
    expect(profiles.compiled).toEqual({ ...want, form: 'fast' });
    expect(page.standard).toEqual(want);
    expect(page.violations).toEqual([]);
    expect(page.console.filter((m) => /Content Security Policy|unsafe-eval/i.test(m))).toEqual([]);
  });

  it('a policy sent only as a header is invisible to scripts: the one refused attempt is reported once, then fast', async () => {
    const page = await visit('/strict-header-only.html', ['profiles']);
    expect(page.errors).toEqual([]);
    const profiles = page.profiles!;
    expect(profiles.compiled).toEqual({ ...expected(), form: 'fast' });
    expect(page.violations).toEqual(['script-src eval']);
  });

  it("a meta policy's default-src counts where it has no script-src", async () => {
    const page = await visit('/default-src.html', ['profiles']);
    expect(page.errors).toEqual([]);
    expect(page.profiles!.compiled).toEqual({ ...expected(), form: 'fast' });
    expect(page.violations).toEqual([]);
  });

  it("a meta policy that allows 'unsafe-eval' keeps compiled code", async () => {
    const page = await visit('/unsafe-eval.html', ['profiles']);
    expect(page.errors).toEqual([]);
    expect(page.profiles!.compiled).toEqual({ ...expected(), form: 'compiled' });
    expect(page.violations).toEqual([]);
  });

  it('the example page prints hello from every profile and through @proj/webassembly', async () => {
    const example = await startServer(exampleSite());
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${example.url}/`);
      await page.waitForFunction(() => 'exampleOutput' in window, undefined, { timeout: 20_000 });
      expect(errors).toEqual([]);
      expect(await page.textContent('#output')).toBe(
        ['fast (runs as fast)', 'compact (runs as compact)', 'compiled (runs as fast)', '@proj/webassembly']
          .map((who) => `${who}: hello`)
          .join('\n'),
      );
      await page.close();
    } finally {
      await example.close();
    }
  });
});
