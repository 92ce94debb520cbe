import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeArgsFor, packageDir } from '../../../../scripts/run-tool.mjs';

/** Log lines kept per service, for the error message when it fails. */
const keptLines = 200;

/** A service (apps/<name>) in its own process, as `npm start` runs it: built JavaScript when fresh, else sources. */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last log lines (pino JSON and anything else it printed). */
  readonly lines: readonly string[];
  /** Whether it exited on its own (a crash) rather than by `stop()`. */
  crashed(): boolean;
  /** SIGTERM, then SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts `apps/<name>` with `env` (added to this process's environment) and waits for its "<name> started" line. */
export async function startServiceProcess(name: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ServiceProcess> {
  const dir = packageDir(name);
  const child = spawn(process.execPath, nodeArgsFor(dir), {
    cwd: join(dir, '..', '..'),
    env: { ...process.env, SWC_NODE_PROJECT: join(dir, '..', '..', 'tsconfig.json'), HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (lines.length > keptLines) lines.shift();
        if (line.includes(`"${name} started"`)) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${child.exitCode} before it started:\n${lines.join('\n')}`));
    });
  });
  return {
    name,
    child,
    lines,
    crashed: () => !stopping && (child.exitCode !== null || child.signalCode !== null),
    async stop(graceMs = 15_000) {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
