// No hand-written function over 400 lines, no hand-written file over 800 (sizes.ts says what
// counts as generated): first on fixtures that sit just over, at and around the limits, then on
// every tracked source file of packages/*/src and tooling/*/src (tests and .d.ts left out).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatProblems, isGeneratedFile, MAX_FILE_LINES, MAX_FUNCTION_LINES, measureSource } from './sizes.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const fixtures = join(here, '../fixtures/sizes');
const fixture = (name: string): string => readFileSync(join(fixtures, name), 'utf8');
const withoutRegionMarkers = (text: string): string =>
  text
    .split('\n')
    .filter((line) => !/#(end)?region gen-isa/.test(line))
    .join('\n');

describe('the size check on fixtures', () => {
  it('reports a function of 401 lines, with its name, place and count', () => {
    expect(formatProblems(measureSource('function-401.ts', fixture('function-401.ts')))).toEqual([
      `function-401.ts:2 function tooLong has 401 hand-written lines (limit ${MAX_FUNCTION_LINES})`,
    ]);
  });

  it('accepts a method of exactly 400 lines', () => {
    expect(measureSource('function-400.ts', fixture('function-400.ts'))).toEqual([]);
  });

  it('reports a file of 801 lines', () => {
    expect(formatProblems(measureSource('file-801.ts', fixture('file-801.ts')))).toEqual([
      `file-801.ts:1 file has 801 hand-written lines (limit ${MAX_FILE_LINES})`,
    ]);
  });

  it('does not count the lines of a gen-isa region, and would report them without the markers', () => {
    const text = fixture('gen-region.ts');
    expect(measureSource('gen-region.ts', text)).toEqual([]);
    const unmarked = measureSource('gen-region.ts', withoutRegionMarkers(text));
    expect(unmarked.map((p) => [p.what, p.lines])).toEqual([
      ['file', 848],
      ['function mostlyGenerated', 448],
    ]);
  });

  it('skips a file whose first line says it is generated, and only then', () => {
    const text = fixture('generated.ts');
    expect(isGeneratedFile(text)).toBe(true);
    expect(measureSource('generated.ts', text)).toEqual([]);
    const claimedLater = `// An ordinary file.\n${text}`;
    expect(isGeneratedFile(claimedLater)).toBe(false);
    expect(measureSource('generated.ts', claimedLater).map((p) => p.what)).toEqual(['file', 'function generated']);
  });

  it('measures every kind of function with a body', () => {
    const long = (open: string, close = '}'): string => `${open}\n${'  x++;\n'.repeat(MAX_FUNCTION_LINES - 1)}${close}`;
    const text = [
      long('function declared() {'),
      long('const arrow = () => {', '};'),
      long('const expression = function () {', '};'),
      `class Box {\n${long('constructor() {')}\n${long('method() {')}\n${long('get value() {')}\n}`,
      `const object = {\n${long('shorthand() {', '},')}\n};`,
      'declare function bodiless(): void;',
    ].join('\n');
    expect(measureSource('kinds.ts', text).map((p) => p.what)).toEqual([
      'file',
      'function declared',
      'function arrow',
      'function expression',
      'function Box.constructor',
      'function Box.method',
      'function Box.value',
      'function shorthand',
    ]);
  });

  it('reports a gen-isa region that is not closed, or closed under another name', () => {
    const open = '// #region gen-isa a\nconst x = 1;\n';
    expect(formatProblems(measureSource('open.ts', open))).toEqual(['open.ts:1 gen-isa region a is never closed']);
    expect(formatProblems(measureSource('mismatch.ts', `${open}// #endregion gen-isa b\n`))).toEqual([
      'mismatch.ts:3 gen-isa region b ends without having started',
    ]);
  });
});

describe('the repository', () => {
  it(`has no hand-written function over ${MAX_FUNCTION_LINES} lines and no file over ${MAX_FILE_LINES}`, () => {
    const files = execFileSync('git', ['ls-files', '-z', '--', ':(glob)packages/*/src/**/*.ts', ':(glob)tooling/*/src/**/*.ts'], {
      cwd: root,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((file) => file !== '' && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'));
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) => measureSource(file, readFileSync(join(root, file), 'utf8')));
    expect(formatProblems(problems)).toEqual([]);
  });
});
