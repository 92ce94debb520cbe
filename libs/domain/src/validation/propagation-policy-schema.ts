import { clusterAffinityProperties, clusterAffinitySchema, kindSchema, resourceSelectorSchema, tolerationSchema } from './common-schemas.js';
import { arraySchema, booleanSchema, integerSchema, objectSchema, stringSchema, type OpenApiSchema } from './openapi-schema.js';

/**
 * The OpenAPI schema of PropagationPolicy and ClusterPropagationPolicy (same spec), as Karmada's CRDs
 * (charts/karmada/_crds/bases/policy/policy.karmada.io_{,cluster}propagationpolicies.yaml) declare it:
 * required members, enums, minimum and length limits, and the defaults the API server applies.
 */
const statePreservation = objectSchema(
  { rules: arraySchema(objectSchema({ aliasLabelName: stringSchema(), jsonPath: stringSchema() }, { required: ['aliasLabelName', 'jsonPath'] })) },
  { required: ['rules'] },
);

const failover = objectSchema({
  application: objectSchema(
    {
      decisionConditions: objectSchema({ tolerationSeconds: integerSchema({ format: 'int32', default: 300 }) }),
      gracePeriodSeconds: integerSchema({ format: 'int32' }),
      purgeMode: stringSchema({ enum: ['Directly', 'Gracefully', 'Never'], default: 'Gracefully' }),
      statePreservation,
    },
    { required: ['decisionConditions'] },
  ),
  cluster: objectSchema({
    purgeMode: stringSchema({ enum: ['Directly', 'Gracefully'], default: 'Gracefully' }),
    statePreservation,
  }),
});

const affinityName = stringSchema({ minLength: 1, maxLength: 32 });

const placement = objectSchema({
  clusterAffinities: arraySchema(
    objectSchema(
      {
        affinityName,
        ...clusterAffinityProperties,
        overflowAffinities: arraySchema(objectSchema({ affinityName, ...clusterAffinityProperties }, { required: ['affinityName'] })),
      },
      { required: ['affinityName'] },
    ),
  ),
  clusterAffinity: clusterAffinitySchema,
  clusterTolerations: arraySchema(tolerationSchema),
  replicaScheduling: objectSchema({
    replicaDivisionPreference: stringSchema({ enum: ['Aggregated', 'Weighted'] }),
    replicaSchedulingType: stringSchema({ enum: ['Duplicated', 'Divided'], default: 'Divided' }),
    weightPreference: objectSchema({
      dynamicWeight: stringSchema({ enum: ['AvailableReplicas'] }),
      staticWeightList: arraySchema(
        objectSchema({ targetCluster: clusterAffinitySchema, weight: integerSchema({ format: 'int64', minimum: 1 }) }, { required: ['targetCluster', 'weight'] }),
      ),
    }),
  }),
  spreadConstraints: arraySchema(
    objectSchema({
      maxGroups: integerSchema(),
      minGroups: integerSchema(),
      spreadByField: stringSchema({ enum: ['cluster', 'region', 'zone', 'provider'] }),
      spreadByLabel: stringSchema(),
    }),
  ),
  workloadAffinity: objectSchema({
    affinity: objectSchema({ groupByLabelKey: stringSchema() }, { required: ['groupByLabelKey'] }),
    antiAffinity: objectSchema({ groupByLabelKey: stringSchema() }, { required: ['groupByLabelKey'] }),
  }),
});

export const propagationSpecSchema: OpenApiSchema = objectSchema(
  {
    activationPreference: stringSchema({ enum: ['Lazy'] }),
    association: booleanSchema(),
    conflictResolution: stringSchema({ enum: ['Abort', 'Overwrite'], default: 'Abort' }),
    dependentOverrides: arraySchema(stringSchema()),
    // Not in Karmada: this project's opt-in failback (libs/domain api/policy.ts FailbackBehavior).
    failback: objectSchema({ enabled: booleanSchema() }),
    failover,
    placement,
    preemption: stringSchema({ enum: ['Always', 'Never'], default: 'Never' }),
    preserveResourcesOnDeletion: booleanSchema(),
    priority: integerSchema({ format: 'int32', default: 0 }),
    propagateDeps: booleanSchema(),
    resourceSelectors: arraySchema(resourceSelectorSchema, { minItems: 1 }),
    schedulePriority: objectSchema(
      { priorityClassName: stringSchema(), priorityClassSource: stringSchema({ enum: ['KubePriorityClass'] }) },
      { required: ['priorityClassName', 'priorityClassSource'] },
    ),
    schedulerName: stringSchema({ default: 'default-scheduler' }),
    suspension: objectSchema({ dispatching: booleanSchema(), dispatchingOnClusters: objectSchema({ clusterNames: arraySchema(stringSchema()) }) }),
  },
  { required: ['resourceSelectors'] },
);

export const propagationPolicySchema: OpenApiSchema = kindSchema({ spec: propagationSpecSchema }, ['spec']);
export const clusterPropagationPolicySchema: OpenApiSchema = kindSchema({ spec: propagationSpecSchema }, ['spec']);
