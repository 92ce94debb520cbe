import { durableName } from '@karmada-ts/contracts';
import type { ServiceName } from '@karmada-ts/service-runtime';

/** The service's name: the actor of its events. */
export const schedulerSvcName = 'scheduler-svc' as const satisfies ServiceName;

/** scheduler-svc's durable consumers, one per input aggregate (NATS 2.9: one subject filter each). */
export const schedulerDurables = {
  /** Cluster specs from the gateway (`template` subjects of clusters.cluster.karmada.io). */
  clusters: durableName(schedulerSvcName, 'clusters'),
  /** Cluster status and controller taints from cluster-svc. */
  clusterStatuses: durableName(schedulerSvcName, 'cluster-statuses'),
  /** Bindings from policy-svc. */
  bindings: durableName(schedulerSvcName, 'bindings'),
  /** Its own placements: where bindings are, for cluster changes. */
  placements: durableName(schedulerSvcName, 'placements'),
  /** Aggregated binding status from binding-svc: the health that ends graceful evictions. */
  bindingStatuses: durableName(schedulerSvcName, 'binding-statuses'),
} as const;
