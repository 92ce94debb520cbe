import { age, ageColumn, column, isJsonObject, nameColumn, type KubeObject, type TablePrinter } from '@karmada-ts/kube';

/**
 * Cluster rows as Karmada's aggregated API server prints them (pkg/printers/internalversion): NAME VERSION MODE
 * READY AGE, and with -o wide ZONES REGION PROVIDER API-ENDPOINT PROXY-URL.
 */
export const clusterPrinter: TablePrinter = {
  columns: [
    nameColumn,
    column('Version', 'string', 'KubernetesVersion represents version of the member cluster.'),
    column('Mode', 'string', 'SyncMode describes how a cluster sync resources from karmada control plane.'),
    column('Ready', 'string', 'The aggregate readiness state of this cluster for accepting workloads.'),
    ageColumn,
    column(
      'Zones',
      'string',
      'Zones represents the failure zones(also called availability zones) of the member cluster. The zones are presented as a slice to support the case that cluster runs across multiple failure zones.',
      1,
    ),
    column('Region', 'string', 'Region represents the region of the member cluster locate in.', 1),
    column('Provider', 'string', 'Provider represents the cloud provider name of the member cluster.', 1),
    column('API-Endpoint', 'string', 'The API endpoint of the member cluster.', 1),
    column('Proxy-URL', 'string', 'ProxyURL is the proxy URL for the cluster.', 1),
  ],
  cells: (cluster, now) => {
    const spec = member(cluster, 'spec');
    const status = member(cluster, 'status');
    const zones = Array.isArray(spec['zones']) ? spec['zones'].map(String) : [];
    return [
      cluster.metadata.name ?? '',
      text(status['kubernetesVersion']),
      text(spec['syncMode']),
      readyStatus(status),
      age(cluster, now),
      zones.length > 0 ? zones.join(',') : '<none>',
      text(spec['region']) || '<none>',
      text(spec['provider']) || '<none>',
      text(spec['apiEndpoint']),
      text(spec['proxyURL']) || '<none>',
    ];
  },
};

function member(object: KubeObject, name: string): Record<string, unknown> {
  const value = object[name];
  return isJsonObject(value) ? value : {};
}

/** Go's zero value for an absent string field. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The Ready condition's status, `Unknown` without one. */
function readyStatus(status: Record<string, unknown>): string {
  const conditions = Array.isArray(status['conditions']) ? status['conditions'].filter(isJsonObject) : [];
  const ready = conditions.find((c) => c['type'] === 'Ready');
  return ready ? text(ready['status']) : 'Unknown';
}
