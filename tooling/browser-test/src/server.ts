/**
 * A local HTTP server (127.0.0.1, no outside network) for the browser test and the example
 * page: page scripts bundled by esbuild for the browser, the test module, and pages with and
 * without a strict Content-Security-Policy.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** The policy of the strict pages: scripts from this origin only, no eval of any kind. */
export const STRICT_CSP = "script-src 'self'";

/** One page: its scripts, and how it states its policy. */
interface PageSpec {
  scripts: string[];
  /** Sent as a Content-Security-Policy header. */
  header?: string;
  /** Written as a `<meta http-equiv>` element (scripts can read it). */
  meta?: string;
}

/** The pages, by path. */
export const PAGES: Record<string, PageSpec> = {
  '/plain.html': { scripts: ['/run-profiles.js', '/run-webassembly.js'] },
  '/strict.html': { scripts: ['/run-profiles.js', '/run-webassembly.js'], header: STRICT_CSP, meta: STRICT_CSP },
  '/strict-header-only.html': { scripts: ['/run-profiles.js'], header: STRICT_CSP },
};

function html({ scripts, meta }: PageSpec): string {
  const policy = meta === undefined ? '' : `<meta http-equiv="Content-Security-Policy" content="${meta}">`;
  const tags = scripts.map((s) => `<script type="module" src="${s}"></script>`).join('\n');
  return `<!doctype html>\n<html><head><meta charset="utf-8">${policy}<title>wasm-ts</title></head>\n<body>\n${tags}\n</body></html>\n`;
}

/** Bundles one page script (src/pages/NAME.ts) for the browser. */
async function bundle(name: string): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [new URL(`../src/pages/${name}.ts`, import.meta.url).pathname],
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

/**
 * Starts the server on a free port of 127.0.0.1. `files` adds responses by path (the test
 * module, an example's page); page scripts are bundled once, before it listens.
 */
export async function startServer(files: Record<string, { type: string; body: string | Uint8Array }> = {}): Promise<TestServer> {
  const responses = new Map<string, { type: string; body: string | Uint8Array; csp?: string }>();
  for (const name of ['run-profiles', 'run-webassembly']) {
    responses.set(`/${name}.js`, { type: 'text/javascript', body: await bundle(name) });
  }
  for (const [path, page] of Object.entries(PAGES)) responses.set(path, { type: 'text/html', body: html(page), csp: page.header });
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
