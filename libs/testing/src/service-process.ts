import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** A service (apps/<name>) running as its own process from its TypeScript sources, as tests start it. */
export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The port of its HTTP endpoints, read from its "started" log line. */
  readonly port: number;
  /** Every log line so far (JSON lines from pino, plus anything else it printed). */
  readonly lines: string[];
  /** SIGTERM, then the exit code (null when it had to be killed after the grace period). */
  stop(graceMs?: number): Promise<number | null>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/**
 * Starts `apps/<name>` with the given environment (HTTP_PORT defaults to 0, a free port) and waits for its
 * "<name> started" log line.
 */
export async function startServiceProcess(name: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import', new URL('../../../scripts/swc-register.mjs', import.meta.url).href,
      '--conditions=@karmada-ts/source',
      '--enable-source-maps',
      join(root, 'apps', name, 'src', 'main.ts'),
    ],
    {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.json'), HTTP_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${lines.join('\n')}`)), timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        lines.push(line);
        if (!line.includes(`"${name} started"`)) return;
        const parsed = JSON.parse(line) as { port: number };
        clearTimeout(timer);
        resolvePort(parsed.port);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it started:\n${lines.join('\n')}`));
    });
  });
  return {
    name,
    child,
    port,
    lines,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
