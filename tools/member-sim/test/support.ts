import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMemberSim, type MemberSim, type MemberSimOptions } from '../src/index.js';

/** A simulator for one test file: its own port, kubeconfig dir and HOME (so kubectl's caches are fresh). */
export interface TestSim {
  sim: MemberSim;
  dir: string;
  kubectl(cluster: string, args: readonly string[], input?: string): Promise<KubectlResult>;
  /** Starts a long-running kubectl (e.g. `get -w`) and collects its output. */
  spawnKubectl(cluster: string, args: readonly string[]): { child: ChildProcess; output: () => string };
  writeManifest(name: string, yaml: string): Promise<string>;
  stop(): Promise<void>;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

function kubectlArgs(t: { sim: MemberSim; dir: string }, cluster: string, args: readonly string[]): string[] {
  return ['--kubeconfig', t.sim.kubeconfigPath(cluster)!, '--cache-dir', join(t.dir, 'kube-cache'), ...args];
}

export async function startTestSim(options: Omit<MemberSimOptions, 'kubeconfigDir'>): Promise<TestSim> {
  const dir = await mkdtemp(join(tmpdir(), 'member-sim-test-'));
  const sim = await startMemberSim({ ...options, kubeconfigDir: join(dir, 'kubeconfigs') });
  const env = { ...process.env, HOME: dir, KUBECONFIG: '' };
  const t = { sim, dir };
  return {
    sim,
    dir,
    kubectl: (cluster, args, input) =>
      new Promise((resolve) => {
        const child = execFile('kubectl', kubectlArgs(t, cluster, args), { env, timeout: 60_000 }, (error, stdout, stderr) => {
          const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
          resolve({ code, stdout, stderr });
        });
        if (input !== undefined) child.stdin?.end(input);
      }),
    spawnKubectl: (cluster, args) => {
      const child = spawn('kubectl', kubectlArgs(t, cluster, args), { env });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return { child, output: () => output };
    },
    writeManifest: async (name, yaml) => {
      const path = join(dir, name);
      await writeFile(path, yaml);
      return path;
    },
    stop: async () => {
      await sim.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
