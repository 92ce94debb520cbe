import { clusterAffinitySchema, kindSchema, resourceSelectorSchema } from './common-schemas.js';
import { anyValueSchema, arraySchema, objectSchema, stringMapSchema, stringSchema, type OpenApiSchema } from './openapi-schema.js';

/**
 * The OpenAPI schema of OverridePolicy and ClusterOverridePolicy (same spec), as Karmada's CRDs
 * (charts/karmada/_crds/bases/policy/policy.karmada.io_{,cluster}overridepolicies.yaml) declare it. No defaults.
 */
const addRemoveReplace = stringSchema({ enum: ['add', 'remove', 'replace'] });

const commandArgs = arraySchema(
  objectSchema(
    { containerName: stringSchema(), operator: stringSchema({ enum: ['add', 'remove'] }), value: arraySchema(stringSchema()) },
    { required: ['containerName', 'operator'] },
  ),
);

const labelsAnnotations = arraySchema(objectSchema({ operator: addRemoveReplace, value: stringMapSchema() }, { required: ['operator', 'value'] }));

const patchOperations = arraySchema(
  objectSchema({ operator: addRemoveReplace, subPath: stringSchema(), value: anyValueSchema() }, { required: ['operator', 'subPath'] }),
);

const overriders = objectSchema({
  annotationsOverrider: labelsAnnotations,
  argsOverrider: commandArgs,
  commandOverrider: commandArgs,
  fieldOverrider: arraySchema(objectSchema({ fieldPath: stringSchema(), json: patchOperations, yaml: patchOperations }, { required: ['fieldPath'] })),
  imageOverrider: arraySchema(
    objectSchema(
      {
        component: stringSchema({ enum: ['Registry', 'Repository', 'Tag'] }),
        operator: addRemoveReplace,
        predicate: objectSchema({ path: stringSchema() }, { required: ['path'] }),
        value: stringSchema(),
      },
      { required: ['component', 'operator'] },
    ),
  ),
  labelsOverrider: labelsAnnotations,
  plaintext: arraySchema(objectSchema({ operator: addRemoveReplace, path: stringSchema(), value: anyValueSchema() }, { required: ['operator', 'path'] })),
});

export const overrideSpecSchema: OpenApiSchema = objectSchema({
  overrideRules: arraySchema(objectSchema({ overriders, targetCluster: clusterAffinitySchema }, { required: ['overriders'] })),
  overriders,
  resourceSelectors: arraySchema(resourceSelectorSchema),
  targetCluster: clusterAffinitySchema,
});

export const overridePolicySchema: OpenApiSchema = kindSchema({ spec: overrideSpecSchema }, ['spec']);
export const clusterOverridePolicySchema: OpenApiSchema = kindSchema({ spec: overrideSpecSchema }, ['spec']);
