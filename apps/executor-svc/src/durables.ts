import { durableName } from '@karmada-ts/contracts';

/** executor-svc's durable consumers, one per aggregate it reads (shared by its replicas). */
export const executorDurables = {
  works: durableName('executor-svc', 'works'),
  clusters: durableName('executor-svc', 'clusters'),
  clusterStatuses: durableName('executor-svc', 'cluster-statuses'),
  clusterSecrets: durableName('executor-svc', 'cluster-secrets'),
  workReports: durableName('executor-svc', 'work-reports'),
} as const;

/** Who the executor's events say wrote them. */
export const executorActor = 'system:executor-svc';
