import { arraySchema, anyValueSchema, booleanSchema, integerSchema, objectSchema, stringMapSchema, stringSchema, type OpenApiSchema } from './openapi-schema.js';

/** Schemas of the Kubernetes types Karmada's kinds embed (metav1, corev1), as Karmada's CRDs spell them. */
const stringList = arraySchema(stringSchema());

/** metav1.ObjectMeta: only used to find unknown members (CRD schemas declare metadata as a bare object). */
export const objectMetaSchema: OpenApiSchema = objectSchema({
  name: stringSchema(),
  generateName: stringSchema(),
  namespace: stringSchema(),
  selfLink: stringSchema(),
  uid: stringSchema(),
  resourceVersion: stringSchema(),
  generation: integerSchema({ format: 'int64' }),
  creationTimestamp: stringSchema(),
  deletionTimestamp: stringSchema(),
  deletionGracePeriodSeconds: integerSchema({ format: 'int64' }),
  labels: stringMapSchema(),
  annotations: stringMapSchema(),
  ownerReferences: arraySchema(
    objectSchema({
      apiVersion: stringSchema(),
      kind: stringSchema(),
      name: stringSchema(),
      uid: stringSchema(),
      controller: booleanSchema(),
      blockOwnerDeletion: booleanSchema(),
    }),
  ),
  finalizers: stringList,
  managedFields: arraySchema(
    objectSchema({
      manager: stringSchema(),
      operation: stringSchema(),
      apiVersion: stringSchema(),
      time: stringSchema(),
      fieldsType: stringSchema(),
      fieldsV1: anyValueSchema(),
      subresource: stringSchema(),
    }),
  ),
});

const selectorRequirement = objectSchema({ key: stringSchema(), operator: stringSchema(), values: stringList }, { required: ['key', 'operator'] });

/** metav1.LabelSelector. */
export const labelSelectorSchema: OpenApiSchema = objectSchema({ matchExpressions: arraySchema(selectorRequirement), matchLabels: stringMapSchema() });

/** Karmada's FieldSelector (corev1.NodeSelectorRequirement items). */
export const fieldSelectorSchema: OpenApiSchema = objectSchema({ matchExpressions: arraySchema(selectorRequirement) });

/** The members of ClusterAffinity; ClusterAffinityTerm and OverflowClusterAffinity inline them. */
export const clusterAffinityProperties: Readonly<Record<string, OpenApiSchema>> = {
  clusterNames: stringList,
  exclude: stringList,
  fieldSelector: fieldSelectorSchema,
  labelSelector: labelSelectorSchema,
};

export const clusterAffinitySchema: OpenApiSchema = objectSchema({ ...clusterAffinityProperties });

export const resourceSelectorSchema: OpenApiSchema = objectSchema(
  { apiVersion: stringSchema(), kind: stringSchema(), labelSelector: labelSelectorSchema, name: stringSchema(), namespace: stringSchema() },
  { required: ['apiVersion', 'kind'] },
);

/** corev1.Toleration (no enums: Karmada's CRD leaves operator and effect free-form). */
export const tolerationSchema: OpenApiSchema = objectSchema({
  effect: stringSchema(),
  key: stringSchema(),
  operator: stringSchema(),
  tolerationSeconds: integerSchema({ format: 'int64' }),
  value: stringSchema(),
});

/** corev1.Taint. */
export const taintSchema: OpenApiSchema = objectSchema({ key: stringSchema(), value: stringSchema(), effect: stringSchema(), timeAdded: stringSchema() });

/** metav1.Condition. */
export const conditionSchema: OpenApiSchema = objectSchema({
  type: stringSchema(),
  status: stringSchema(),
  observedGeneration: integerSchema({ format: 'int64' }),
  lastTransitionTime: stringSchema(),
  reason: stringSchema(),
  message: stringSchema(),
});

/** A whole object of a kind: apiVersion, kind, metadata and the kind's own members. */
export function kindSchema(members: Record<string, OpenApiSchema>, required: readonly string[] = []): OpenApiSchema {
  return objectSchema({ apiVersion: stringSchema(), kind: stringSchema(), metadata: objectMetaSchema, ...members }, required.length > 0 ? { required } : {});
}
