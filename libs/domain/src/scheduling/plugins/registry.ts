import type { SchedulerPlugin } from '../framework.js';
import { apiEnablementPlugin } from './api-enablement.js';
import { clusterAffinityPlugin } from './cluster-affinity.js';
import { clusterEvictionPlugin } from './cluster-eviction.js';
import { clusterLocalityPlugin } from './cluster-locality.js';
import { spreadConstraintPlugin } from './spread-constraint.js';
import { taintTolerationPlugin } from './taint-toleration.js';

/**
 * Karmada's in-tree plugins. Filters run in this order and the first failure is the cluster's reason. Karmada's order
 * comes from a Go map and so varies between runs; this one is fixed, affinity first, so a cluster the placement never
 * targets is reported as "did not match the placement cluster affinity constraint" whatever its taints.
 */
export const defaultSchedulerPlugins: readonly SchedulerPlugin[] = [
  clusterAffinityPlugin,
  taintTolerationPlugin,
  apiEnablementPlugin,
  spreadConstraintPlugin,
  clusterEvictionPlugin,
  clusterLocalityPlugin,
];
