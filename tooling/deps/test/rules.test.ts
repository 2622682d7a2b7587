// The import rules of the root .dependency-cruiser.cjs must catch what they forbid: on a fixture
// that breaks each rule once (fixtures/README.md), each is reported, and only there; on the
// repository, imports between packages resolve to their sources, so the rules see those edges.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const config = join(root, '.dependency-cruiser.cjs');
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  type: string;
  from: string;
  to: string;
  unresolvedTo?: string;
  rule: { name: string; severity: string };
}
interface Cruise {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  violations: Violation[];
}

/** The graph and violations dependency-cruiser finds, with the root config, in `cwd` on `paths`. */
function cruise(cwd: string, paths: string[]): Cruise {
  const run = spawnSync(process.execPath, [depcruise, ...paths, '--config', config, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  const result = JSON.parse(run.stdout) as { modules: Cruise['modules']; summary: { violations: Violation[] } };
  return { modules: result.modules, violations: result.summary.violations };
}

describe('the rules on a fixture that breaks each of them', () => {
  const fixtures = join(here, '../fixtures');
  const fixture = cruise(fixtures, ['packages', 'tooling']);
  const found = fixture.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.unresolvedTo ?? v.to}`).sort();

  it('fail the command as `pnpm deps` runs it, one error per broken import', () => {
    expect(fixture.violations.every((v) => v.rule.severity === 'error')).toBe(true);
    const run = spawnSync(process.execPath, [depcruise, 'packages', 'tooling', '--config', config, '--output-type', 'err-long'], {
      cwd: fixtures,
      encoding: 'utf8',
    });
    expect(run.status).toBe(fixture.violations.length);
    expect(run.stdout).toContain(`${fixture.violations.length} dependency violations (${fixture.violations.length} errors`);
  });

  it('report each broken import, and nothing the fixture allows', () => {
    expect(found).toEqual([
      'entry-points-only: packages/interpreter/src/index.ts -> ../../interp-core/src/internal.js',
      'layers: packages/validator/src/index.ts -> @proj/store',
      'no-circular: packages/decoder/src/left.ts -> ./right.js',
      'not-to-unresolvable: packages/cli/src/main.ts -> ./missing.js',
      'src-not-to-dev-dependencies: packages/cli/src/main.ts -> vitest',
      'src-not-to-tests: packages/store/src/index.ts -> ../test/helper.js',
      'src-not-to-tooling: packages/store/src/index.ts -> @proj/testkit',
      'src-not-to-unlisted: packages/cli/src/main.ts -> typescript',
      'wasi-browser-entry-without-node: packages/wasi/src/index.ts -> fs',
    ]);
  });

  it('catch a cycle made only of type imports', () => {
    const cycle = fixture.violations.find((v) => v.type === 'cycle');
    expect(cycle?.rule.name).toBe('no-circular');
    const cyclic = fixture.modules
      .filter((m) => /^packages\/decoder\/src\/(left|right)\.ts$/.test(m.source))
      .flatMap((m) => m.dependencies);
    expect(cyclic).toHaveLength(2);
    for (const d of cyclic) expect(d.dependencyTypes).toContain('type-only');
  });

  it('leave no rule of the config without a case here', () => {
    const rules = (createRequire(import.meta.url)(config) as { forbidden: { name: string }[] }).forbidden;
    expect(new Set(fixture.violations.map((v) => v.rule.name))).toEqual(new Set(rules.map((r) => r.name)));
  });
});

describe('the repository as the rules see it', () => {
  const repo = cruise(root, ['packages/cli/src/main.ts']);
  const pkg = (path: string): string => path.split('/').slice(0, 2).join('/');
  /** Imports from one package into another, as `packages/a -> the file they resolve to`. */
  const crossing = new Set(
    repo.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.resolved.startsWith('packages/') && pkg(d.resolved) !== pkg(m.source)).map((d) => `${pkg(m.source)} -> ${d.resolved}`),
    ),
  );

  it('resolves imports between packages to their sources, subpath entry points included', () => {
    expect([...crossing].filter((edge) => !/ -> packages\/[^/]+\/src\//.test(edge))).toEqual([]);
    for (const edge of [
      'packages/cli -> packages/wasi/src/node.ts',
      'packages/cli -> packages/interpreter/src/index.ts',
      'packages/wasi -> packages/interpreter/src/index.ts',
      'packages/interpreter -> packages/store/src/index.ts',
      'packages/store -> packages/interp-core/src/index.ts',
      'packages/interp-core -> packages/validator/src/index.ts',
      'packages/validator -> packages/decoder/src/index.ts',
    ]) {
      expect(crossing).toContain(edge);
    }
  });

  it('maps every entry point a package exports to its source (tsconfig.depcruise.json)', () => {
    const text = readFileSync(join(root, 'tsconfig.depcruise.json'), 'utf8').replace(/^\/\/.*$/gm, '');
    const paths = (JSON.parse(text) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;
    let entries = 0;
    for (const dir of readdirSync(join(root, 'packages'))) {
      const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as {
        name: string;
        exports: Record<string, string | { default: string }>;
      };
      for (const [key, target] of Object.entries(manifest.exports)) {
        const built = typeof target === 'string' ? target : target.default;
        if (!built.startsWith('./dist/')) continue;
        const specifier = manifest.name + key.slice(1);
        const mapped = paths[specifier]?.[0] ?? paths['@proj/*'][0].replace('*', manifest.name.slice('@proj/'.length));
        const source = `packages/${dir}/${built.slice(2).replace(/^dist\//, 'src/').replace(/\.js$/, '.ts')}`;
        expect(mapped, specifier).toBe(source);
        expect(existsSync(join(root, source)), source).toBe(true);
        entries++;
      }
    }
    expect(entries).toBeGreaterThan(8);
  });
});
