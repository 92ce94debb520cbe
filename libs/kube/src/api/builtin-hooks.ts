import { isJsonObject } from '../util/json.js';
import { validateJob, validatePod, validateService, validateWorkload } from '../validation/workload-validation.js';
import type { ResourceHooks } from './hooks.js';
import type { KubeObject } from './object.js';
import type { ResourceService } from './resource-service.js';

/** Defaulting and validation of the built-in kinds (the parts clients observe). */
function withSpecDefaults(object: KubeObject, defaults: Record<string, unknown>): KubeObject {
  const spec = isJsonObject(object['spec']) ? object['spec'] : {};
  const missing = Object.entries(defaults).filter(([k]) => spec[k] === undefined);
  if (missing.length === 0) return object;
  return { ...object, spec: { ...spec, ...Object.fromEntries(missing) } };
}

function withStatusDefaults(object: KubeObject, defaults: Record<string, unknown>): KubeObject {
  const status = isJsonObject(object['status']) ? object['status'] : {};
  const missing = Object.entries(defaults).filter(([k]) => status[k] === undefined);
  if (missing.length === 0) return object;
  return { ...object, status: { ...status, ...Object.fromEntries(missing) } };
}

function withTopLevelDefault(object: KubeObject, field: string, value: unknown): KubeObject {
  return object[field] === undefined ? { ...object, [field]: value } : object;
}

/** Secret `stringData` is write-only: its entries are base64-encoded into `data` (winning over equal keys). */
function mergeStringData(object: KubeObject): KubeObject {
  const stringData = object['stringData'];
  if (stringData === undefined) return object;
  const { stringData: _written, ...rest } = object;
  const data: Record<string, unknown> = isJsonObject(object['data']) ? { ...object['data'] } : {};
  if (isJsonObject(stringData)) {
    for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  return { ...rest, data } as KubeObject;
}

const replicated: ResourceHooks = {
  default: (o) => withSpecDefaults(o, { replicas: 1 }),
  validate: (o, old) => validateWorkload(o, old, { replicas: true }),
};

export const builtinHooks: readonly [{ group: string; resource: string }, ResourceHooks][] = [
  [{ group: '', resource: 'namespaces' }, { default: (o) => withStatusDefaults(o, { phase: 'Active' }) }],
  [
    { group: '', resource: 'pods' },
    {
      default: (o, old) => (old ? o : withStatusDefaults(withSpecDefaults(o, { restartPolicy: 'Always' }), { phase: 'Pending' })),
      validate: (o) => validatePod(o),
    },
  ],
  [{ group: '', resource: 'secrets' }, { default: (o) => withTopLevelDefault(mergeStringData(o), 'type', 'Opaque') }],
  [{ group: '', resource: 'services' }, { default: (o) => withSpecDefaults(o, { type: 'ClusterIP' }), validate: (o) => validateService(o) }],
  [{ group: 'apps', resource: 'deployments' }, replicated],
  [{ group: 'apps', resource: 'replicasets' }, replicated],
  [{ group: 'apps', resource: 'statefulsets' }, replicated],
  [{ group: 'apps', resource: 'daemonsets' }, { validate: (o, old) => validateWorkload(o, old, { replicas: false }) }],
  [
    { group: 'batch', resource: 'jobs' },
    {
      default: (o) => {
        const spec = isJsonObject(o['spec']) ? o['spec'] : {};
        return spec['parallelism'] === undefined && spec['completions'] === undefined ? withSpecDefaults(o, { parallelism: 1, completions: 1, backoffLimit: 6 }) : o;
      },
      validate: (o, old) => validateJob(o, old),
    },
  ],
];

/** Installs the built-in kinds' defaulting and validation on a service. */
export function installBuiltinHooks(service: ResourceService): void {
  for (const [resource, hooks] of builtinHooks) service.addHooks(resource, hooks);
}
