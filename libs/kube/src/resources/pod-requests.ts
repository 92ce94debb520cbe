import { isJsonObject } from '../util/json.js';
import { addResources, maxResources, parseResourceList, type ResourceAmounts } from './quantity.js';

function containerRequests(container: unknown): ResourceAmounts {
  if (!isJsonObject(container) || !isJsonObject(container['resources'])) return {};
  const resources = container['resources'];
  // A limit without a request defaults the request to the limit (core/v1 defaulting).
  const limits = isJsonObject(resources['limits']) ? parseResourceList(resources['limits']) : {};
  const requests = isJsonObject(resources['requests']) ? parseResourceList(resources['requests']) : {};
  return { ...limits, ...requests };
}

function containers(spec: Record<string, unknown>, field: string): unknown[] {
  return Array.isArray(spec[field]) ? (spec[field] as unknown[]) : [];
}

/**
 * The resource requests of a pod as the scheduler and Karmada's resource summary count them: the sum over
 * containers, at least the largest init container (sidecar init containers with restartPolicy Always add up),
 * plus spec.overhead. Amounts in milli-units; `pods` is not included.
 */
export function podRequests(pod: unknown): ResourceAmounts {
  const spec = isJsonObject(pod) && isJsonObject(pod['spec']) ? pod['spec'] : {};
  let sum: ResourceAmounts = {};
  for (const c of containers(spec, 'containers')) sum = addResources(sum, containerRequests(c));
  let sidecars: ResourceAmounts = {};
  let initMax: ResourceAmounts = {};
  for (const c of containers(spec, 'initContainers')) {
    const requests = containerRequests(c);
    if (isJsonObject(c) && c['restartPolicy'] === 'Always') {
      sidecars = addResources(sidecars, requests);
      initMax = maxResources(initMax, sidecars);
    } else {
      initMax = maxResources(initMax, addResources(sidecars, requests));
    }
  }
  sum = maxResources(addResources(sum, sidecars), initMax);
  if (isJsonObject(spec['overhead'])) sum = addResources(sum, parseResourceList(spec['overhead']));
  return sum;
}
