import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ProcessSpec {
  /** Log prefix, e.g. `policy-svc-1`. */
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

const colors = [36, 33, 35, 32, 34, 31, 96, 93, 95, 92];

/**
 * Child processes started together, their output prefixed line by line with their label, stopped together.
 * When one exits unexpectedly the group reports it through `onUnexpectedExit`, so the launcher can stop the rest.
 */
export class ProcessGroup {
  private readonly children = new Map<string, ChildProcess>();
  private stopping = false;
  private readonly width: number;

  constructor(
    labels: readonly string[],
    private readonly onUnexpectedExit: (label: string, code: number | null) => void,
  ) {
    this.width = Math.max(0, ...labels.map((l) => l.length));
  }

  start(spec: ProcessSpec): ChildProcess {
    const child = spawn(spec.command, [...spec.args], { cwd: spec.cwd, env: spec.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const color = colors[this.children.size % colors.length];
    const prefix = process.stdout.isTTY
      ? `\u001b[${color}m${spec.label.padEnd(this.width)} |\u001b[0m `
      : `${spec.label.padEnd(this.width)} | `;
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
    }
    child.on('exit', (code) => {
      this.children.delete(spec.label);
      if (!this.stopping) this.onUnexpectedExit(spec.label, code);
    });
    this.children.set(spec.label, child);
    return child;
  }

  /** SIGTERM to every child, then SIGKILL to those still running after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    const running = [...this.children.values()];
    await Promise.all(
      running.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
