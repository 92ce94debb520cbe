// How the control plane reaches member clusters: clients from join credentials, health probes, status collection,
// server-side apply under per-member and global limits, and informers on the objects it applied.
export * from './member-kubeconfig.js';
export * from './member-error.js';
export * from './member-client.js';
export * from './resource-resolver.js';
export * from './limiter.js';
export * from './health-probe.js';
export * from './api-discovery.js';
export * from './list-watch.js';
export * from './cluster-status-collector.js';
export * from './member-objects.js';
export * from './managed-object-informers.js';
