import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { firstEndpoint, tcpReachable } from './tcp-probe.js';

const candidateBinaries = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];

export type NatsAvailability =
  | { readonly kind: 'reachable' }
  | { readonly kind: 'started'; readonly process: ChildProcess }
  | { readonly kind: 'missing'; readonly message: string };

/**
 * Makes sure NATS with JetStream answers on NATS_URL: uses a running server, or starts the installed nats-server
 * with its data under the state directory. A stack started this way stops its NATS with it.
 */
export async function ensureNats(natsUrl: string, stateDir: string): Promise<NatsAvailability> {
  const { host, port } = firstEndpoint(natsUrl, 4222);
  if (await tcpReachable(host, port)) return { kind: 'reachable' };
  const binary = candidateBinaries.find((path) => existsSync(path));
  if (!binary) {
    return {
      kind: 'missing',
      message:
        `NATS is not reachable at ${host}:${port} and nats-server is not installed.\n` +
        `Fix: install it (Debian: apt-get install nats-server) or point NATS_URL at a running NATS server with JetStream.`,
    };
  }
  const dataDir = resolve(join(stateDir, 'nats'));
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(binary, ['-a', host, '-p', String(port), '-js', '-sd', dataDir], { stdio: 'ignore' });
  for (let attempt = 0; attempt < 50; attempt++) {
    if (await tcpReachable(host, port, 200)) return { kind: 'started', process: child };
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  return { kind: 'missing', message: `started ${binary} but it did not accept connections on ${host}:${port}` };
}
