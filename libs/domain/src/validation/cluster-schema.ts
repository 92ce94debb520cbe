import { conditionSchema, kindSchema, taintSchema } from './common-schemas.js';
import { arraySchema, booleanSchema, integerSchema, objectSchema, quantitySchema, stringMapSchema, stringSchema, type OpenApiSchema } from './openapi-schema.js';

/**
 * The shape of cluster.karmada.io/v1alpha1 Cluster (pkg/apis/cluster/v1alpha1/types.go). Cluster is served by
 * Karmada's aggregated API server, not a CRD: it has no schema defaults or enums; its rules live in
 * cluster-validation.ts. This tree gives the member types (decoding errors) and the known members (strict decoding).
 */
const secretReference = objectSchema({ namespace: stringSchema(), name: stringSchema() });
const resourceList: OpenApiSchema = { type: 'object', additionalProperties: quantitySchema() };

const clusterSpecSchema = objectSchema({
  id: stringSchema(),
  syncMode: stringSchema(),
  apiEndpoint: stringSchema(),
  secretRef: secretReference,
  impersonatorSecretRef: secretReference,
  insecureSkipTLSVerification: booleanSchema(),
  proxyURL: stringSchema(),
  proxyHeader: stringMapSchema(),
  provider: stringSchema(),
  region: stringSchema(),
  zone: stringSchema(),
  zones: arraySchema(stringSchema()),
  taints: arraySchema(taintSchema),
  resourceModels: arraySchema(
    objectSchema({
      grade: integerSchema({ minimum: 0 }),
      ranges: arraySchema(objectSchema({ name: stringSchema(), min: quantitySchema(), max: quantitySchema() })),
    }),
  ),
});

const clusterStatusSchema = objectSchema({
  kubernetesVersion: stringSchema(),
  apiEnablements: arraySchema(objectSchema({ groupVersion: stringSchema(), resources: arraySchema(objectSchema({ name: stringSchema(), kind: stringSchema() })) })),
  conditions: arraySchema(conditionSchema),
  nodeSummary: objectSchema({ totalNum: integerSchema({ format: 'int32' }), readyNum: integerSchema({ format: 'int32' }) }),
  resourceSummary: objectSchema({
    allocatable: resourceList,
    allocating: resourceList,
    allocated: resourceList,
    allocatableModelings: arraySchema(objectSchema({ grade: integerSchema({ minimum: 0 }), count: integerSchema() })),
  }),
  remedyActions: arraySchema(stringSchema()),
});

export const clusterSchema: OpenApiSchema = kindSchema({ spec: clusterSpecSchema, status: clusterStatusSchema });
