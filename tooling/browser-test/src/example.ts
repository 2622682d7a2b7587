/**
 * The browser example (examples/browser): its page, under a strict Content-Security-Policy,
 * and its script, bundled like a user's.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Site, STRICT_CSP } from './server.js';

const examples = new URL('../../../examples/', import.meta.url);

/** The example's site: `/` is the page. */
export function exampleSite(): Site {
  return {
    pages: {
      '/': {
        scripts: ['/main.js'],
        header: STRICT_CSP,
        meta: STRICT_CSP,
        body: '<h1>hello.wasm on a WebAssembly engine in TypeScript</h1>\n<pre id="output">running…</pre>',
      },
    },
    scripts: { '/main.js': fileURLToPath(new URL('browser/main.ts', examples)) },
    files: { '/hello.wasm': { type: 'application/wasm', body: new Uint8Array(readFileSync(new URL('hello.wasm', examples))) } },
  };
}
