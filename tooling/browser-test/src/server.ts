/**
 * A local HTTP server (127.0.0.1, no outside network) for the browser test and the example
 * page: page scripts bundled by esbuild for the browser, the test module, and pages with and
 * without a strict Content-Security-Policy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The policy of the strict pages: scripts from this origin only, no eval of any kind. */
export const STRICT_CSP = "script-src 'self'";

/** One page: its scripts, and how it states its policy. */
export interface PageSpec {
  scripts: string[];
  /** Sent as a Content-Security-Policy header. */
  header?: string;
  /** Written as a `<meta http-equiv>` element (scripts can read it). */
  meta?: string;
  /** HTML before the scripts. */
  body?: string;
}

/** The pages of the browser test, by path. */
export const TEST_PAGES: Record<string, PageSpec> = {
  '/plain.html': { scripts: ['/run-profiles.js', '/run-webassembly.js'] },
  '/strict.html': { scripts: ['/run-profiles.js', '/run-webassembly.js'], header: STRICT_CSP, meta: STRICT_CSP },
  '/strict-header-only.html': { scripts: ['/run-profiles.js'], header: STRICT_CSP },
  '/default-src.html': { scripts: ['/run-profiles.js'], header: "default-src 'self'", meta: "default-src 'self'" },
  '/unsafe-eval.html': { scripts: ['/run-profiles.js'], meta: "script-src 'self' 'unsafe-eval'" },
};

/** The browser test's page scripts, by path: their entry files. */
export const TEST_SCRIPTS: Record<string, string> = {
  '/run-profiles.js': fileURLToPath(new URL('../src/pages/run-profiles.ts', import.meta.url)),
  '/run-webassembly.js': fileURLToPath(new URL('../src/pages/run-webassembly.ts', import.meta.url)),
};

function html({ scripts, meta, body = '' }: PageSpec): string {
  const policy = meta === undefined ? '' : `<meta http-equiv="Content-Security-Policy" content="${meta}">`;
  const tags = scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8">${policy}<title>wasm-ts</title></head>\n<body>\n${body}\n${tags}\n</body></html>\n`;
}

/** Bundles one page script for the browser, as a user's bundler would. */
async function bundle(entry: string): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents;
}

/** A running server: its base URL and how to stop it. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** What a server serves: pages, page scripts (bundled from their entry files), other files. */
export interface Site {
  pages: Record<string, PageSpec>;
  scripts: Record<string, string>;
  files?: Record<string, { type: string; body: string | Uint8Array }>;
}

/**
 * Starts a server for `site` on 127.0.0.1 (`port` 0: a free one); scripts are bundled before
 * it listens. Throws when a script does not bundle or the port is taken.
 */
export async function startServer({ pages, scripts, files = {} }: Site, port = 0): Promise<TestServer> {
  const responses = new Map<string, { type: string; body: string | Uint8Array; csp?: string }>();
  for (const [path, entry] of Object.entries(scripts)) responses.set(path, { type: 'text/javascript', body: await bundle(entry) });
  for (const [path, page] of Object.entries(pages)) responses.set(path, { type: 'text/html', body: html(page), csp: page.header });
  for (const [path, file] of Object.entries(files)) responses.set(path, file);
  responses.set('/favicon.ico', { type: 'image/x-icon', body: new Uint8Array(0) });
  const server: Server = createServer((req, res) => {
    const found = responses.get(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!found) {
      res.writeHead(404).end();
      return;
    }
    const headers: Record<string, string> = { 'content-type': found.type, 'cache-control': 'no-store' };
    if (found.csp) headers['content-security-policy'] = found.csp;
    res.writeHead(200, headers).end(found.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
