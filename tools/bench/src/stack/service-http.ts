import type { ServiceProcess } from './service-process.js';

/** The port of a service's own HTTP endpoints, from its "<name> started" log line (HTTP_PORT=0 picks a free one). */
export function httpPortOf(service: ServiceProcess): number {
  const line = service.lines.findLast((l) => l.includes(`"${service.name} started"`));
  const port = line === undefined ? undefined : (JSON.parse(line) as { port?: unknown }).port;
  if (typeof port !== 'number') throw new Error(`${service.name} logged no port in its "started" line`);
  return port;
}

/** Whether the service's /readyz answers 200 (every readiness check passed); no answer within 2 s is a no. */
export async function answersReady(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}
