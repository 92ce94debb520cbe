import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeArgsFor } from '../../../scripts/run-tool.mjs';

describe('nodeArgsFor (built JavaScript when fresh, sources otherwise)', () => {
  let dir: string;
  /** Writes a file of the package with this modification time (seconds since the epoch). */
  const file = (path: string, seconds: number) => {
    const full = join(dir, path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, seconds, seconds);
  };
  const entry = (args: string[]) => args[args.length - 1];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'node-args-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: { name: string; files: [string, number][]; runs: 'dist' | 'src' }[] = [
    { name: 'a build newer than every source', files: [['src/main.ts', 100], ['src/x/y.ts', 150], ['dist/main.js', 200]], runs: 'dist' },
    { name: 'a source changed since the build', files: [['src/main.ts', 100], ['src/x/y.ts', 300], ['dist/main.js', 200]], runs: 'src' },
    {
      name: 'an incremental build that rewrote another file than the entry',
      files: [['src/main.ts', 100], ['src/x/y.ts', 250], ['dist/main.js', 200], ['dist/x/y.js', 260]],
      runs: 'dist',
    },
    { name: 'a test written since the build (builds never emit tests)', files: [['src/main.ts', 100], ['src/x/y.spec.ts', 300], ['dist/main.js', 200]], runs: 'dist' },
    { name: 'no build', files: [['src/main.ts', 100]], runs: 'src' },
  ];
  for (const c of cases) {
    it(`runs ${c.runs} for ${c.name}`, () => {
      for (const [path, seconds] of c.files) file(path, seconds);
      expect(entry(nodeArgsFor(dir))).to.equal(join(dir, c.runs, c.runs === 'dist' ? 'main.js' : 'main.ts'));
    });
  }

  it('maps stack traces to the sources only when it runs them (built code runs as docker-compose.yml runs it)', () => {
    file('src/main.ts', 100);
    expect(nodeArgsFor(dir)).to.include('--enable-source-maps');
    file('dist/main.js', 200);
    expect(nodeArgsFor(dir)).to.not.include('--enable-source-maps');
  });
});
