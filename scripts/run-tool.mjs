#!/usr/bin/env node
// Runs a workspace tool or service: `node scripts/run-tool.mjs <tool> [args…]`.
// It runs the built dist/main.js when that is at least as new as every source file, and otherwise the TypeScript
// sources through swc-node, so a fresh clone works without a build and a built tree starts fast.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where a name lives: tools/<name> or apps/<name>. */
export function packageDir(name) {
  for (const parent of ['tools', 'apps']) {
    const dir = join(root, parent, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no tool or app named "${name}" under tools/ or apps/`);
}

/** The newest modification time under `dir`, leaving out tests: a build never emits them, so they never make it stale. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (!entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** How much V8 lets a heap grow past what survived its last full collection, unless KARMADA_HEAP_GROWING_PERCENT says. */
export const defaultHeapGrowingPercent = 100;

/**
 * The services whose heaps are sized apart from the rest: a smaller young generation (each of V8's two semi-spaces,
 * in MiB; a busy process fills the default 16 MiB ones, 32 MiB of RSS) or less growth than defaultHeapGrowingPercent.
 * - api-gateway keeps about 35 MiB alive; its requests, projections and watch fan-out are short-lived garbage that a
 *   smaller nursery collects as well: 204 → 179 MiB peak RSS at 10,000 × 10, its CPU unchanged.
 * - cluster-svc keeps about 70 MiB alive at 100,000 pods, 27 MiB of it client-node's code and sources, which growth by
 *   100 % doubled for nothing: 230-239 → 188 MiB peak RSS at 10,000 × 10, and its full collections stay cheap next to
 *   its watches (its CPU did not rise).
 * - executor-svc keeps every applied object in its informers (about 650 bytes each, some 75 MiB at 100,000): growth by
 *   50 % instead of 100 % took 341-356 → 309-316 MiB at 2,000 × 10 for 3-6 % more of its CPU; 30 % saved a little
 *   more for 10 % more CPU.
 * - binding-svc keeps little alive between batches; what fills its heap is the batch in hand (events, snapshots, rendered
 *   Works): growth by 50 % took 250-257 → 219-225 MiB at 2,000 × 10 for about 8 % more of its CPU. Since it reconciles
 *   chunks of 200 bindings, the smaller nursery costs it about 10 % more CPU (30 % in session 14) and took
 *   261-269 → 232-238 MiB at 10,000 × 10.
 * executor-svc decodes and applies batches of a thousand events: a smaller nursery promotes a batch's data and it pays
 * for it in full collections (10 % more CPU at 10,000 × 10, and no lower peak), so it keeps V8's default young
 * generation (docs/performance.md).
 */
export const serviceHeaps = Object.freeze({
  'api-gateway': Object.freeze({ semiSpaceMiB: 8 }),
  'cluster-svc': Object.freeze({ semiSpaceMiB: 8, growingPercent: 25 }),
  'binding-svc': Object.freeze({ semiSpaceMiB: 8, growingPercent: 50 }),
  'executor-svc': Object.freeze({ growingPercent: 50 }),
});

/**
 * V8's heap flags for a process launched here (`name` is its package: tools/<name> or apps/<name>). By default V8 lets
 * a busy process keep several times its live data as garbage before a full collection (peak RSS 2-3× the live heap);
 * growing by 100 % holds the services near 200 MiB for 5-10 % more CPU (docs/performance.md). KARMADA_HEAP_GROWING_PERCENT
 * sets the growth of every process (0 keeps V8's own heuristics); unset, a service of serviceHeaps grows by its own
 * percentage. Node refuses --heap-growing-percent in NODE_OPTIONS, so the flags go on the command line
 * (docker-compose.yml sets them in each service's command).
 */
export function heapFlags(env = process.env, name = '') {
  const sized = Object.hasOwn(serviceHeaps, name) ? serviceHeaps[name] : {};
  const value = env.KARMADA_HEAP_GROWING_PERCENT ?? String(sized.growingPercent ?? defaultHeapGrowingPercent);
  if (!/^\d+$/.test(value)) throw new Error(`KARMADA_HEAP_GROWING_PERCENT must be a whole number of percent (0 keeps V8's default), not "${value}"`);
  const growing = value === '0' ? [] : [`--heap-growing-percent=${value}`];
  const semiSpace = sized.semiSpaceMiB ? [`--max-semi-space-size=${sized.semiSpaceMiB}`] : [];
  return [...growing, ...semiSpace];
}

/**
 * The node arguments that run a package's entry point: built JavaScript when fresh, sources otherwise. Built code runs
 * as docker-compose.yml runs it, without source maps: Node reads every module's map when it loads the module, our own
 * and client-node's, 15-20 MiB of live heap per service (and its start time); stack traces then name the built files,
 * whose functions keep their names. NODE_OPTIONS=--enable-source-maps brings them back.
 */
export function nodeArgsFor(dir, entry = 'main') {
  const built = join(dir, 'dist', `${entry}.js`);
  // The newest file of dist, not the entry's: an incremental build rewrites only the files whose sources changed.
  if (existsSync(built) && newestMtime(join(dir, 'dist')) >= newestMtime(join(dir, 'src'))) return [...heapFlags(process.env, basename(dir)), built];
  return [
    ...heapFlags(process.env, basename(dir)),
    '--import', new URL('./swc-register.mjs', import.meta.url).href,
    '--conditions=@karmada-ts/source',
    '--enable-source-maps',
    join(dir, 'src', `${entry}.ts`),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name, ...args] = process.argv.slice(2);
  if (!name) {
    console.error('usage: node scripts/run-tool.mjs <tool> [args…]');
    process.exit(2);
  }
  const child = spawn(process.execPath, [...nodeArgsFor(packageDir(name)), ...args], {
    stdio: 'inherit',
    cwd: process.cwd(),
    env: { SWC_NODE_PROJECT: join(root, 'tsconfig.json'), ...process.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
