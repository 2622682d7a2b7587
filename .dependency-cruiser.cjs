// The import rules of the repository, checked by dependency-cruiser: `pnpm deps` prints the
// result, and `pnpm test` fails on any violation. Workspace packages resolve to their TypeScript
// sources (tsconfig.depcruise.json), so edges between packages are seen like any other.
const { readFileSync } = require('node:fs');
const { builtinModules } = require('node:module');
const { join } = require('node:path');

/** The packages in layer order: each may import only the ones listed for it (all below it). */
const layers = {
  decoder: [],
  validator: ['decoder'],
  'interp-core': ['decoder', 'validator'],
  store: ['decoder', 'interp-core'],
  interpreter: ['decoder', 'validator', 'interp-core', 'store'],
  // Above the umbrella only @proj/interpreter (its public entry points), and cli uses wasi.
  wasi: ['interpreter'],
  webassembly: ['interpreter'],
  cli: ['interpreter', 'wasi'],
};

/** Test code: `*.test.ts` files and anything in a `test/` folder. Tests may use tooling. */
const testCode = ['\\.test\\.ts$', '(^|/)test/'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The source file of each entry point in a package's `exports` (`./dist/x.js` is `src/x.ts`). */
function entryPoints(pkg) {
  const manifest = JSON.parse(readFileSync(join(__dirname, 'packages', pkg, 'package.json'), 'utf8'));
  return Object.values(manifest.exports)
    .map((target) => (typeof target === 'string' ? target : target.default))
    .filter((target) => /^\.\/dist\/.*\.js$/.test(target))
    .map((target) => `^packages/${escape(pkg)}/${escape(target.slice(2).replace(/^dist\//, 'src/').replace(/\.js$/, '.ts'))}$`);
}

const layerRules = Object.entries(layers).map(([pkg, below]) => ({
  name: 'layers',
  comment: `packages/${pkg}/src may import only ${below.length ? below.join(', ') : 'no other package'}`,
  severity: 'error',
  from: { path: `^packages/${escape(pkg)}/src/`, pathNot: testCode },
  to: { path: `^packages/(?!(${[pkg, ...below].map(escape).join('|')})/)` },
}));

const entryPointRules = Object.keys(layers).map((pkg) => ({
  name: 'entry-points-only',
  comment: `outside packages/${pkg}, import it only through the entry points its package.json exports`,
  severity: 'error',
  from: { pathNot: `^packages/${escape(pkg)}/` },
  to: { path: `^packages/${escape(pkg)}/`, pathNot: entryPoints(pkg) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'no import cycle anywhere, type-only imports included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    ...entryPointRules,
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves (but built output, which exists only after a build): an edge not seen is a rule not checked',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '(^|/)dist/' },
    },
    {
      name: 'src-not-to-tests',
      comment: "a package's code never imports test code",
      severity: 'error',
      from: { path: '^(packages|tooling)/[^/]+/src/', pathNot: testCode },
      to: { path: testCode },
    },
    {
      name: 'src-not-to-tooling',
      comment: "a published package's code never imports tooling/ (its tests may)",
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: testCode },
      to: { path: '^tooling/' },
    },
    {
      name: 'src-not-to-dev-dependencies',
      comment: "a published package's code imports only its dependencies, never a devDependency",
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: testCode },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'src-not-to-unlisted',
      comment: "a published package's code imports only npm packages its package.json lists",
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: testCode },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'wasi-browser-entry-without-node',
      comment: "@proj/wasi runs in browsers: only @proj/wasi/node may reach Node's own modules",
      severity: 'error',
      from: { path: '^packages/wasi/src/index\\.ts$' },
      to: { path: `^(node:)?(${builtinModules.map(escape).join('|')})$`, reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: ['^(packages/[^/]+|tooling/[^/]+|examples)/(dist|dist-workspace)/', '^tooling/deps/fixtures/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    // npm packages that have only an `exports` field resolve too (dependency-cruiser reads none by default).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
