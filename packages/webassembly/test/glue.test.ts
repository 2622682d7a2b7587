/**
 * Real generated glue code, unchanged, on our WebAssembly beside V8's:
 * - sql.js (SQLite compiled with Emscripten): its `sql-wasm.js` loader runs with `WebAssembly`
 *   bound to ours (the glue's free name `WebAssembly`, given as a parameter).
 * - pqc-kyber (Rust, wasm-bindgen's bundler target): its `pqc_kyber_bg.js` glue is linked to the
 *   `.wasm` the way a bundler does it (the glue module is the import object).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ours, v8 } from './helpers.js';
import type { WebAssemblyNamespace } from '../src/index.js';

const require = createRequire(import.meta.url);

interface SqlJs {
  Database: new () => {
    run(sql: string, params?: unknown[]): void;
    exec(sql: string): { columns: string[]; values: unknown[][] }[];
    export(): Uint8Array;
    close(): void;
  };
}

/** Loads sql.js's Emscripten glue with `W` as its WebAssembly. */
async function loadSqlJs(W: WebAssemblyNamespace): Promise<SqlJs> {
  const glue = require.resolve('sql.js/dist/sql-wasm.js');
  const source = readFileSync(glue, 'utf8');
  const module = { exports: {} as unknown };
  const init = new Function('WebAssembly', 'module', 'exports', 'require', '__dirname', '__filename', source);
  init(W, module, module.exports, require, dirname(glue), glue);
  const initSqlJs = module.exports as (config: object) => Promise<SqlJs>;
  return initSqlJs({ locateFile: (f: string) => join(dirname(glue), f) });
}

/** A workload of SQL: tables, an index, joins, aggregates, strings, floats, blobs, an error. */
function workload(SQL: SqlJs): unknown[] {
  const db = new SQL.Database();
  const out: unknown[] = [];
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)');
  db.run('CREATE INDEX t_name ON t(name)');
  for (let i = 0; i < 300; i++) db.run('INSERT INTO t (name, score, data) VALUES (?, ?, ?)', [`n${i % 17}`, i * 1.25 - 40, new Uint8Array([i & 255, 7])]);
  out.push(db.exec('SELECT name, count(*), sum(score), avg(score), max(id) FROM t GROUP BY name ORDER BY name'));
  out.push(db.exec("SELECT upper(name) || '-' || printf('%.3f', score), hex(data) FROM t WHERE id % 50 = 0"));
  out.push(db.exec('WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000) SELECT sum(x * x), total(1.0 / x) FROM c'));
  out.push(db.exec('SELECT a.id, b.id FROM t a JOIN t b ON a.score = b.score + 1.25 ORDER BY a.id LIMIT 5'));
  try {
    db.exec('SELECT * FROM missing');
  } catch (e) {
    out.push(String(e));
  }
  out.push(db.export().length);
  db.close();
  return out;
}

describe('Emscripten glue: sql.js', () => {
  it('runs SQLite on our WebAssembly with the results V8 gives', async () => {
    const [mine, theirs] = await Promise.all([loadSqlJs(ours()), loadSqlJs(v8)]);
    expect(workload(mine)).toEqual(workload(theirs));
  });
});

interface Kyber {
  __wbg_set_wasm(exports: unknown): void;
  keypair(): { pubkey: Uint8Array; secret: Uint8Array };
  encapsulate(pk: Uint8Array): { ciphertext: Uint8Array; sharedSecret: Uint8Array };
  decapsulate(ct: Uint8Array, sk: Uint8Array): Uint8Array;
}

/** A fresh copy of pqc-kyber's wasm-bindgen glue, its `.wasm` instantiated by `W` with the glue as imports. */
async function loadKyber(W: WebAssemblyNamespace, copy: string): Promise<Kyber> {
  const dir = dirname(require.resolve('pqc-kyber/package.json'));
  const glue = (await import(`${pathToFileURL(join(dir, 'pqc_kyber_bg.js')).href}?${copy}`)) as Kyber;
  const bytes = readFileSync(join(dir, 'pqc_kyber_bg.wasm'));
  const { instance } = (await W.instantiate(bytes, { './pqc_kyber_bg.js': glue })) as { instance: { exports: unknown } };
  glue.__wbg_set_wasm(instance.exports);
  return glue;
}

describe('wasm-bindgen glue: pqc-kyber', () => {
  it('agrees with V8 on a key exchange across the two engines', async () => {
    const mine = await loadKyber(ours(), 'ours');
    const theirs = await loadKyber(v8, 'v8');
    // Our keys, V8's encapsulation, our decapsulation: the shared secrets must agree.
    const keys = mine.keypair();
    const { ciphertext, sharedSecret } = theirs.encapsulate(keys.pubkey);
    expect(Array.from(mine.decapsulate(ciphertext, keys.secret))).toEqual(Array.from(sharedSecret));
    // And the other way round.
    const theirKeys = theirs.keypair();
    const enc = mine.encapsulate(theirKeys.pubkey);
    expect(Array.from(theirs.decapsulate(enc.ciphertext, theirKeys.secret))).toEqual(Array.from(enc.sharedSecret));
    // A wrong key length reaches JavaScript as what the glue throws, from our engine as from V8.
    const err = (k: Kyber) => {
      try {
        k.encapsulate(new Uint8Array(3));
        return 'no error';
      } catch (e) {
        return String(e);
      }
    };
    expect(err(theirs)).not.toBe('no error');
    expect(err(mine)).toBe(err(theirs));
  });
});
