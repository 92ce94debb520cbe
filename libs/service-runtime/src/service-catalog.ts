/**
 * The six services of the control plane, with the port each one serves its HTTP endpoints on by default
 * (`/healthz`, `/readyz`, `/metrics`; the gateway also serves the Kubernetes API on GATEWAY_PORT). The stack launcher,
 * docker-compose and its test read this one list.
 */
export interface ServiceDescriptor {
  /** Workspace folder under apps/ and the service's name in logs, metrics and durable consumer names. */
  readonly name: ServiceName;
  /** Default port of the service's own HTTP endpoints; replica i of a local stack uses port + i. */
  readonly port: number;
  readonly summary: string;
}

export const serviceNames = [
  'api-gateway',
  'cluster-svc',
  'policy-svc',
  'scheduler-svc',
  'binding-svc',
  'executor-svc',
] as const;

export type ServiceName = (typeof serviceNames)[number];

export const serviceCatalog: readonly ServiceDescriptor[] = [
  { name: 'api-gateway', port: 8100, summary: 'Kubernetes-style REST API for kubectl: writes become events, reads come from projections' },
  { name: 'cluster-svc', port: 8110, summary: 'member cluster lifecycle: health, capacity, API enablements, controller taints' },
  { name: 'policy-svc', port: 8120, summary: 'resource detector: matches templates to propagation policies and produces bindings' },
  { name: 'scheduler-svc', port: 8130, summary: 'placement: filters, scores and divides replicas; publishes placement decisions' },
  { name: 'binding-svc', port: 8140, summary: 'renders one Work per target cluster with overrides; aggregates status' },
  { name: 'executor-svc', port: 8150, summary: 'applies Works in member clusters, reflects their status, repairs drift' },
];

export function serviceDescriptor(name: ServiceName): ServiceDescriptor {
  const found = serviceCatalog.find((s) => s.name === name);
  if (!found) throw new Error(`unknown service ${name}`);
  return found;
}
