import { serviceNames, type ServiceName } from '@karmada-ts/service-runtime';

/** Processes per service: one number for every service, or some services' own (the others run one). */
export type ServiceReplicas = number | Readonly<Partial<Record<ServiceName, number>>>;

export function replicasOf(replicas: ServiceReplicas | undefined, service: ServiceName): number {
  if (replicas === undefined) return 1;
  return typeof replicas === 'number' ? replicas : (replicas[service] ?? 1);
}

/**
 * `--replicas 2` (every service) or `--replicas executor-svc=2,binding-svc=2` (those services, the others one each).
 * @throws Error saying what is expected
 */
export function parseServiceReplicas(raw: string): ServiceReplicas {
  const expected = `--replicas ${raw}: expected a number from 1 to 8, or name=N pairs separated by commas (names: ${serviceNames.join(', ')})`;
  const count = (text: string) => {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 1 || value > 8) throw new Error(expected);
    return value;
  };
  if (!raw.includes('=')) return count(raw);
  const pairs = raw.split(',').map((pair) => pair.split('='));
  const replicas: Partial<Record<ServiceName, number>> = {};
  for (const [name = '', value = '', ...rest] of pairs) {
    const service = name.trim();
    if (rest.length > 0 || !(serviceNames as readonly string[]).includes(service) || service in replicas) throw new Error(expected);
    replicas[service as ServiceName] = count(value);
  }
  return replicas;
}
