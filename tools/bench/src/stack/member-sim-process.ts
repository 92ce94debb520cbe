import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { nodeArgsFor, packageDir } from '../../../../scripts/run-tool.mjs';

/** member-sim running in a child process, so that the simulated members' CPU and memory are not the bench's. */
export interface MemberSimProcess {
  readonly child: ChildProcess;
  /** `https://127.0.0.1:<port>`; cluster servers are `<url>/clusters/<name>`. */
  readonly url: string;
  stop(): Promise<void>;
}

/** Starts the `member-sim` CLI with `args` (e.g. `--config FILE --kubeconfig-dir DIR`) and waits until it listens. */
export async function startMemberSimProcess(args: readonly string[]): Promise<MemberSimProcess> {
  const dir = packageDir('member-sim');
  const child = spawn(process.execPath, [...nodeArgsFor(dir), ...args, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { SWC_NODE_PROJECT: join(dir, '..', '..', 'tsconfig.json'), ...process.env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Its stderr only says where the kubeconfigs went, until something goes wrong: kept for the error message.
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    errors.push(line);
    if (errors.length > 50) errors.shift();
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`member-sim exited with code ${code}:\n${errors.join('\n')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^member-sim listening on (\S+)/.exec(line);
      if (match) resolve(match[1]!);
    });
  });
  return {
    child,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}
