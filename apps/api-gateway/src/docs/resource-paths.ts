/**
 * The paths and schemas of one served resource version, following its definition: the collection (list, watch,
 * create, delete collection), all namespaces (list, watch), one object (read, replace, patch, delete) and its status
 * and scale subresources, each operation only when the resource allows its verb.
 */
import { apiVersionOf, type ResourceDefinition } from '@karmada-ts/kube';
import { karmadaSchemas } from './karmada-schemas.js';
import { componentRef, operationWord, type OpenApiObject } from './openapi-types.js';

export interface ResourceDocOptions {
  /** Whether users may write the status subresource (controllers own the status of templates and Clusters). */
  readonly statusWritable: boolean;
}

/** The OpenAPI tag of a group version: `core/v1`, `apps/v1`, `policy.karmada.io/v1alpha1`. */
export function groupVersionTag(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return `${def.group || 'core'}/${def.version}`;
}

/** The schema name of a kind: `core.v1.ConfigMap`, `policy.karmada.io.v1alpha1.PropagationPolicy`. */
export function kindSchemaName(def: Pick<ResourceDefinition, 'group' | 'version'>, kind: string): string {
  return `${def.group || 'core'}.${def.version}.${kind}`;
}

/** The path prefix of a group version: `/api/v1`, `/apis/apps/v1`. */
export function groupVersionPath(def: Pick<ResourceDefinition, 'group' | 'version'>): string {
  return def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
}


const query = (name: string): OpenApiObject => componentRef('parameters', name);
const response = (description: string, schema: OpenApiObject): OpenApiObject => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: readonly string[]): Record<string, OpenApiObject> =>
  Object.fromEntries([...codes.map((code) => [code, componentRef('responses', code)]), ['default', componentRef('responses', 'Error')]]);
const objectBody = (schema: OpenApiObject): OpenApiObject => ({
  required: true,
  content: { 'application/json': { schema }, 'application/yaml': { schema } },
});

/** The request body of a PATCH: the content types this resource accepts (strategic merge only for built-in kinds). */
function patchBody(def: ResourceDefinition, applied: OpenApiObject): OpenApiObject {
  return {
    required: true,
    description:
      'The patch, by its Content-Type: JSON patch (RFC 6902), JSON merge patch (RFC 7386), server-side apply (the whole intended object; fieldManager is required)' +
      (def.strategicMerge ? ', or strategic merge patch (lists merged by their keys).' : '. Strategic merge patch is not accepted for this kind (415).'),
    content: {
      'application/json-patch+json': { schema: componentRef('schemas', 'JsonPatch') },
      'application/merge-patch+json': { schema: componentRef('schemas', 'MergePatch') },
      ...(def.strategicMerge ? { 'application/strategic-merge-patch+json': { schema: componentRef('schemas', 'MergePatch') } } : {}),
      'application/apply-patch+yaml': { schema: applied },
    },
  };
}

/** The schema of the kind: its CRD schema when it has one, Karmada's main fields for Karmada's kinds, else generic. */
export function kindSchema(def: ResourceDefinition): OpenApiObject {
  const identity = {
    apiVersion: { type: 'string', enum: [apiVersionOf(def)] },
    kind: { type: 'string', enum: [def.kind] },
    metadata: componentRef('schemas', 'ObjectMeta'),
  };
  const crdSchema = typeof def.schema === 'object' && def.schema !== null ? (def.schema as OpenApiObject) : undefined;
  if (crdSchema) {
    return { ...crdSchema, type: 'object', properties: { ...((crdSchema['properties'] as OpenApiObject | undefined) ?? {}), ...identity } };
  }
  const karmada = karmadaSchemas[`${def.group}/${def.kind}`];
  const description = `${def.kind} (${apiVersionOf(def)}).`;
  if (karmada) {
    return {
      type: 'object',
      description,
      properties: { ...identity, spec: karmada.spec, ...(karmada.status ? { status: karmada.status } : {}) },
      ...(karmada.required ? { required: [...karmada.required] } : {}),
    };
  }
  return {
    type: 'object',
    description: `${description} Any fields of the kind besides these are accepted and stored.`,
    properties: {
      ...identity,
      spec: { type: 'object', additionalProperties: true, description: 'The desired state (kinds without spec, such as ConfigMap, carry their fields at the top level).' },
      status: { type: 'object', additionalProperties: true, description: 'The observed state.' },
    },
  };
}

function listSchema(def: ResourceDefinition, item: OpenApiObject): OpenApiObject {
  return {
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [apiVersionOf(def)] },
      kind: { type: 'string', enum: [def.listKind] },
      metadata: componentRef('schemas', 'ListMeta'),
      items: { type: 'array', items: item },
    },
  };
}

/** The schemas of one resource version: the kind and its list. */
export function resourceSchemas(def: ResourceDefinition): Record<string, OpenApiObject> {
  return {
    [kindSchemaName(def, def.kind)]: kindSchema(def),
    [kindSchemaName(def, def.listKind)]: listSchema(def, componentRef('schemas', kindSchemaName(def, def.kind))),
  };
}

/** The path items of one resource version, keyed by path. */
export function resourcePaths(def: ResourceDefinition, options: ResourceDocOptions): Record<string, OpenApiObject> {
  const can = (verb: string) => def.verbs.includes(verb as never);
  const tags = [groupVersionTag(def)];
  const id = operationWord(def.group || 'core') + operationWord(def.version);
  const scope = def.namespaced ? 'Namespaced' : '';
  const object = componentRef('schemas', kindSchemaName(def, def.kind));
  const list = componentRef('schemas', kindSchemaName(def, def.listKind));
  const collection = def.namespaced ? `${groupVersionPath(def)}/namespaces/{namespace}/${def.plural}` : `${groupVersionPath(def)}/${def.plural}`;
  const item = `${collection}/{name}`;
  const pathParameters = (named: boolean) => [...(def.namespaced ? [query('namespace')] : []), ...(named ? [query('name')] : [])];
  const writeParameters = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
  const where = def.namespaced ? 'in a namespace' : '';
  const paths: Record<string, OpenApiObject> = {};

  const listOperation = (operationId: string, summary: string): OpenApiObject => ({
    tags,
    operationId,
    summary,
    description:
      'The current objects, or with `watch=1` a stream of changes (newline-delimited WatchEvent JSON) from `resourceVersion` on (without one: ADDED for every current object first). Accept `application/json;as=Table;v=v1;g=meta.k8s.io` gives the columns of `kubectl get`.',
    parameters: [query('labelSelector'), query('fieldSelector'), ...(can('watch') ? [query('watch'), query('resourceVersion'), query('timeoutSeconds'), query('allowWatchBookmarks')] : [])],
    responses: {
      '200': {
        description: 'The list, a Table, or (watch) the change stream.',
        content: {
          'application/json': { schema: list },
          ...(can('watch') ? { 'application/json;stream=watch': { schema: componentRef('schemas', 'WatchEvent') } } : {}),
        },
      },
      ...errors('401', '403'),
    },
  });

  const collectionItem: OpenApiObject = {
    parameters: pathParameters(false),
    ...(can('list') ? { get: listOperation(`list${id}${scope}${def.kind}`, `List or watch ${def.kind} objects${where ? ` ${where}` : ''}`) } : {}),
    ...(can('create')
      ? {
          post: {
            tags,
            operationId: `create${id}${scope}${def.kind}`,
            summary: `Create a ${def.kind}`,
            parameters: writeParameters,
            requestBody: objectBody(object),
            responses: { '201': response('Created.', object), ...errors('400', '401', '403', '409', '422') },
          },
        }
      : {}),
    ...(can('deletecollection')
      ? {
          delete: {
            tags,
            operationId: `delete${id}Collection${scope}${def.kind}`,
            summary: `Delete every ${def.kind} that matches the selectors`,
            parameters: [query('labelSelector'), query('fieldSelector'), query('propagationPolicy'), query('orphanDependents')],
            requestBody: { required: false, content: { 'application/json': { schema: componentRef('schemas', 'DeleteOptions') } } },
            responses: { '200': response('The deleted objects (those still finalizing carry a deletionTimestamp).', list), ...errors('401', '403') },
          },
        }
      : {}),
  };
  if (Object.keys(collectionItem).length > 1) paths[collection] = collectionItem;

  if (def.namespaced && can('list')) {
    paths[`${groupVersionPath(def)}/${def.plural}`] = { get: listOperation(`list${id}${def.kind}ForAllNamespaces`, `List or watch ${def.kind} objects across all namespaces`) };
  }

  const objectItem: OpenApiObject = {
    parameters: pathParameters(true),
    ...(can('get') ? { get: { tags, operationId: `read${id}${scope}${def.kind}`, summary: `Read a ${def.kind}`, responses: { '200': response('The object.', object), ...errors('401', '403', '404') } } } : {}),
    ...(can('update')
      ? {
          put: {
            tags,
            operationId: `replace${id}${scope}${def.kind}`,
            summary: `Replace a ${def.kind}`,
            description: 'A stale metadata.resourceVersion is 409 Conflict.',
            parameters: writeParameters,
            requestBody: objectBody(object),
            responses: { '200': response('Replaced.', object), ...errors('400', '401', '403', '404', '409', '422') },
          },
        }
      : {}),
    ...(can('patch')
      ? {
          patch: {
            tags,
            operationId: `patch${id}${scope}${def.kind}`,
            summary: `Patch a ${def.kind}`,
            parameters: [...writeParameters, query('force')],
            requestBody: patchBody(def, object),
            responses: { '200': response('Patched.', object), '201': response('Created (server-side apply of a new object).', object), ...errors('400', '401', '403', '404', '409', '415', '422') },
          },
        }
      : {}),
    ...(can('delete')
      ? {
          delete: {
            tags,
            operationId: `delete${id}${scope}${def.kind}`,
            summary: `Delete a ${def.kind}`,
            description: 'A Status when the object is gone, or the object with its deletionTimestamp while finalizers hold it.',
            parameters: [query('propagationPolicy'), query('orphanDependents')],
            requestBody: { required: false, content: { 'application/json': { schema: componentRef('schemas', 'DeleteOptions') } } },
            responses: { '200': response('Deleted, or finalizing.', { oneOf: [componentRef('schemas', 'Status'), object] }), ...errors('401', '403', '404', '409') },
          },
        }
      : {}),
  };
  if (Object.keys(objectItem).length > 1) paths[item] = objectItem;

  if (def.subresources.status && can('get')) {
    const writable = options.statusWritable;
    paths[`${item}/status`] = {
      parameters: pathParameters(true),
      get: { tags, operationId: `read${id}${scope}${def.kind}Status`, summary: `Read the status of a ${def.kind}`, responses: { '200': response('The object.', object), ...errors('401', '403', '404') } },
      ...(writable && can('update')
        ? {
            put: {
              tags,
              operationId: `replace${id}${scope}${def.kind}Status`,
              summary: `Replace the status of a ${def.kind}`,
              parameters: writeParameters,
              requestBody: objectBody(object),
              responses: { '200': response('Replaced.', object), ...errors('400', '401', '403', '404', '409', '422') },
            },
          }
        : {}),
      ...(writable && can('patch')
        ? {
            patch: {
              tags,
              operationId: `patch${id}${scope}${def.kind}Status`,
              summary: `Patch the status of a ${def.kind}`,
              parameters: [...writeParameters, query('force')],
              requestBody: patchBody(def, object),
              responses: { '200': response('Patched.', object), ...errors('400', '401', '403', '404', '409', '415', '422') },
            },
          }
        : {}),
    };
  }

  if (def.subresources.scale && can('get')) {
    const scale = componentRef('schemas', 'Scale');
    paths[`${item}/scale`] = {
      parameters: pathParameters(true),
      get: { tags, operationId: `read${id}${scope}${def.kind}Scale`, summary: `Read the scale of a ${def.kind}`, responses: { '200': response('The Scale.', scale), ...errors('401', '403', '404') } },
      ...(can('update')
        ? {
            put: {
              tags,
              operationId: `replace${id}${scope}${def.kind}Scale`,
              summary: `Set the replicas of a ${def.kind}`,
              parameters: writeParameters,
              requestBody: objectBody(scale),
              responses: { '200': response('The Scale.', scale), ...errors('400', '401', '403', '404', '409', '422') },
            },
          }
        : {}),
      ...(can('patch')
        ? {
            patch: {
              tags,
              operationId: `patch${id}${scope}${def.kind}Scale`,
              summary: `Patch the replicas of a ${def.kind}`,
              parameters: writeParameters,
              requestBody: { required: true, content: { 'application/merge-patch+json': { schema: componentRef('schemas', 'MergePatch') }, 'application/json-patch+json': { schema: componentRef('schemas', 'JsonPatch') } } },
              responses: { '200': response('The Scale.', scale), ...errors('400', '401', '403', '404', '409', '422') },
            },
          }
        : {}),
    };
  }
  return paths;
}
