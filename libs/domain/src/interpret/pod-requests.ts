import type { ResourceList } from '../api/meta.js';
import { quantityMilliValue, quantityValue, tryParseQuantity } from '../quantity/quantity.js';
import { formatBinarySI, formatDecimalSI, formatMilliDecimal } from './quantity-format.js';
import { recordAt, recordsAt, stringMapAt, type JsonObject } from './unstructured.js';

/**
 * The resources one replica of a pod spec requests, as Kubernetes and Karmada compute it: per container, requests
 * default to limits; app containers are summed; each init container can only raise the total (the effective request is
 * the higher of the sum and the largest init container); pod overhead is added on top. Undefined when nothing is
 * requested. cpu is counted in millicores, other resources in whole units, as Karmada's util.Resource does.
 */
export function podRequests(podSpec: JsonObject | undefined): ResourceList | undefined {
  const total = new Map<string, bigint>();
  for (const container of recordsAt(podSpec, 'containers')) addTo(total, effectiveRequests(container));
  for (const container of recordsAt(podSpec, 'initContainers')) maxInto(total, effectiveRequests(container));
  addTo(total, stringMapAt(podSpec, 'overhead') ?? {});
  const entries = [...total.entries()].filter(([, amount]) => amount > 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (entries.length === 0) return undefined;
  return Object.fromEntries(entries.map(([name, amount]) => [name, format(name, amount)]));
}

function effectiveRequests(container: JsonObject): Record<string, string> {
  const resources = recordAt(container, 'resources');
  return { ...(stringMapAt(resources, 'limits') ?? {}), ...(stringMapAt(resources, 'requests') ?? {}) };
}

function addTo(total: Map<string, bigint>, requests: Record<string, string>): void {
  for (const [name, quantity] of Object.entries(requests)) {
    const amount = amountOf(name, quantity);
    if (amount !== undefined) total.set(name, (total.get(name) ?? 0n) + amount);
  }
}

function maxInto(total: Map<string, bigint>, requests: Record<string, string>): void {
  for (const [name, quantity] of Object.entries(requests)) {
    const amount = amountOf(name, quantity);
    if (amount !== undefined && amount > (total.get(name) ?? 0n)) total.set(name, amount);
  }
}

/** The counted amount of one resource; undefined for names Karmada ignores or unparsable quantities. */
function amountOf(name: string, quantity: string): bigint | undefined {
  const nanos = tryParseQuantity(quantity);
  if (nanos === undefined) return undefined;
  if (name === 'cpu') return quantityMilliValue(nanos);
  if (name === 'memory' || name === 'ephemeral-storage' || name === 'pods' || isScalarResourceName(name)) return quantityValue(nanos);
  return undefined;
}

function format(name: string, amount: bigint): string {
  if (name === 'cpu') return formatMilliDecimal(amount);
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) return formatBinarySI(amount);
  return formatDecimalSI(amount);
}

/**
 * Extended (domain-prefixed, e.g. nvidia.com/gpu), prefixed native (kubernetes.io/…), hugepages-* and
 * attachable-volumes-* resources: the ones the scheduler counts besides cpu, memory, ephemeral-storage and pods.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}
