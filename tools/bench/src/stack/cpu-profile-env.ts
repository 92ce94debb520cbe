import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from '../../../../scripts/run-tool.mjs';

/** Preloaded into a service to profile it (node refuses --cpu-prof in NODE_OPTIONS); a source file, built or not. */
const cpuProfiler = pathToFileURL(join(packageDir('bench'), 'src', 'stack', 'cpu-profiler.mjs')).href;

/**
 * The environment that makes a service process write its CPU profile (`<app>-<pid>.cpuprofile`, for Chrome DevTools or
 * speedscope) into `dir` when it exits; none when `dir` is undefined.
 */
export function cpuProfileEnv(dir: string | undefined): NodeJS.ProcessEnv {
  return dir ? { NODE_OPTIONS: `--import=${cpuProfiler}`, BENCH_CPU_PROFILE_DIR: dir } : {};
}
