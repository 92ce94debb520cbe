import { connect } from 'node:net';

/** True when something accepts TCP connections on host:port within the timeout. */
export function tcpReachable(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Host and port of the first server in a comma-separated URL list such as NATS_URL or DATABASE_URL. */
export function firstEndpoint(urls: string, defaultPort: number): { host: string; port: number } {
  const first = urls.split(',')[0]!.trim();
  const url = new URL(first.includes('://') ? first : `tcp://${first}`);
  return { host: url.hostname || '127.0.0.1', port: url.port ? Number(url.port) : defaultPort };
}
