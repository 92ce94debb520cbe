import type { KubeObject } from '../api/meta.js';
import { retainMemberFields } from '../interpret/retain.js';
import { isRecord } from '../interpret/unstructured.js';
import { formatPointer } from '../override/json-pointer.js';
import { tryParseQuantity } from '../quantity/quantity.js';

/** One field of a member object that no longer holds what was applied: a JSON pointer, the applied and the observed value. */
export interface DriftedField {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * The fields of the member object that differ from what was applied. Only fields the manifest sets are compared (what
 * server-side apply owns for us); the member's defaults, server-set metadata and status are not drift, nor is what the
 * member owns (retainMemberFields: finalizers, owner references, labels and annotations it added, per-kind fields
 * such as a Service's clusterIP or a retained Deployment replica count). Quantities compare by value ("0.5" equals
 * "500m"), an empty object or list equals an absent one, and a null in the manifest asks for nothing.
 */
export function detectDrift(applied: KubeObject, observed: KubeObject): DriftedField[] {
  const desired = retainMemberFields(applied, observed);
  const drift: DriftedField[] = [];
  for (const key in desired) {
    if (key === 'apiVersion' || key === 'kind' || key === 'status') continue;
    if (key === 'metadata') {
      for (const field of ['labels', 'annotations'] as const) walk(desired.metadata[field], observed.metadata[field], ['metadata', field], drift);
      continue;
    }
    walk(desired[key], observed[key], [key], drift);
  }
  return drift;
}

/**
 * Compares `want` with `got` below `path`, which it extends and restores as it descends: the executor looks for drift
 * on every status change of every member object, and copying the path at each step made half of what it allocated.
 */
function walk(want: unknown, got: unknown, path: string[], drift: DriftedField[]): void {
  if (want === null || want === undefined) return;
  if (isEmpty(want) && (got === undefined || got === null || isEmpty(got))) return;
  if (isRecord(want) && isRecord(got)) {
    for (const key in want) {
      path.push(key);
      walk(want[key], got[key], path, drift);
      path.pop();
    }
    return;
  }
  if (Array.isArray(want) && Array.isArray(got) && want.length === got.length) {
    for (let index = 0; index < want.length; index++) {
      path.push(String(index));
      walk(want[index], got[index], path, drift);
      path.pop();
    }
    return;
  }
  if (want === got || sameQuantity(want, got, path)) return;
  drift.push({ path: formatPointer(path), from: want, to: got });
}

function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (!isRecord(value)) return false;
  for (const _ in value) return false;
  return true;
}

/** Resource maps whose values the API server may rewrite in canonical form. */
const quantityMaps = new Set(['requests', 'limits', 'overhead', 'hard', 'capacity']);

function sameQuantity(want: unknown, got: unknown, path: readonly string[]): boolean {
  if ((typeof want !== 'string' && typeof want !== 'number') || typeof got !== 'string' || !quantityMaps.has(path[path.length - 2] ?? '')) return false;
  const a = tryParseQuantity(String(want));
  return a !== undefined && a === tryParseQuantity(got);
}
