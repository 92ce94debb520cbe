import type { NodeSummary, ResourceSummary } from '../api/cluster.js';
import type { ResourceList } from '../api/meta.js';
import { isScalarResourceName } from '../interpret/pod-requests.js';
import { formatBinarySI, formatDecimalSI, formatMilliDecimal } from '../interpret/quantity-format.js';
import { recordsAt, stringAt, stringMapAt } from '../interpret/unstructured.js';
import { quantityMilliValue, quantityValue, tryParseQuantity } from '../quantity/quantity.js';

/**
 * Cluster.status.nodeSummary and .resourceSummary as Karmada's cluster-status controller computes them
 * (getNodeSummary, getClusterAllocatable, getAllocatedResource, getAllocatingResource).
 *
 * Nodes and pods are first reduced to the few facts the summaries read (`nodeCapacity`, `podDemand`), so a watch
 * cache can keep those instead of whole objects and re-summarise without parsing a quantity again.
 */

/** How a quantity was written, which decides how a sum of it is printed (resource.Format). */
export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface CountedQuantity {
  readonly name: string;
  /** Nano-units, the precision Kubernetes keeps. */
  readonly nanos: bigint;
  readonly format: QuantityFormat;
}

/** What the summaries need from a Node. */
export interface NodeCapacity {
  readonly ready: boolean;
  readonly allocatable: readonly CountedQuantity[];
}

/**
 * What the summaries need from a Pod: where it stands (bound to a node and running, waiting for a node, or finished)
 * and its effective requests in Karmada's units (millicores for cpu, whole units otherwise).
 */
export interface PodDemand {
  readonly placement: 'bound' | 'pending' | 'finished';
  readonly requests: ReadonlyMap<string, bigint>;
}

/** A node is ready when its Ready condition is True (helper.NodeReady). */
export function nodeCapacity(node: object): NodeCapacity {
  const ready = recordsAt(node, 'status', 'conditions').find((c) => c['type'] === 'Ready')?.['status'] === 'True';
  const allocatable: CountedQuantity[] = [];
  for (const [name, text] of Object.entries(stringMapAt(node, 'status', 'allocatable') ?? {})) {
    const nanos = tryParseQuantity(text);
    if (nanos !== undefined) allocatable.push({ name, nanos, format: quantityFormatOf(text) });
  }
  return { ready, allocatable };
}

/**
 * The pod's effective requests, as Karmada's Resource.AddPodRequest reads a Pod: app container requests summed, each
 * init container able to raise a resource to its own request, overhead added. Requests only: the API server has
 * already defaulted them from limits.
 *
 * One deliberate difference: Karmada folds init containers into the running total of all pods summarised so far, so
 * its result depends on list order and init containers after the first pod rarely count. Here each pod's maximum
 * is taken on its own (what the kube-scheduler charges a node), which equals Karmada's result for the first pod and
 * lets a cache keep one demand per pod.
 */
export function podDemand(pod: object): PodDemand {
  const requests = new Map<string, bigint>();
  for (const container of recordsAt(pod, 'spec', 'containers')) addInto(requests, stringMapAt(container, 'resources', 'requests'));
  for (const container of recordsAt(pod, 'spec', 'initContainers')) maxInto(requests, stringMapAt(container, 'resources', 'requests'));
  addInto(requests, stringMapAt(pod, 'spec', 'overhead'));
  return { placement: placementOf(pod), requests };
}

function placementOf(pod: object): PodDemand['placement'] {
  if (!stringAt(pod, 'spec', 'nodeName')) return 'pending';
  const phase = stringAt(pod, 'status', 'phase');
  // The kube-scheduler no longer charges a node for a pod that has finished.
  return phase === 'Succeeded' || phase === 'Failed' ? 'finished' : 'bound';
}

/** nodeSummary; zero counts are left out, as Karmada's omitempty fields are. */
export function summarizeNodes(nodes: readonly NodeCapacity[]): NodeSummary {
  const totalNum = nodes.length;
  const readyNum = nodes.filter((n) => n.ready).length;
  return { ...(totalNum > 0 ? { totalNum } : {}), ...(readyNum > 0 ? { readyNum } : {}) };
}

/**
 * resourceSummary without allocatableModelings: allocatable = every node's allocatable summed (zero sums kept, each
 * sum printed in the format of the first non-zero quantity, as Quantity.Add does); allocated = requests of bound,
 * unfinished pods plus their count as `pods`; allocating = requests of pods without a node plus their count. Empty
 * lists are left out.
 */
export function summarizeResources(nodes: readonly NodeCapacity[], pods: readonly PodDemand[]): ResourceSummary {
  const allocatable = sumAllocatable(nodes);
  const allocated = sumDemands(pods.filter((p) => p.placement === 'bound'));
  const allocating = sumDemands(pods.filter((p) => p.placement === 'pending'));
  return { ...(allocatable ? { allocatable } : {}), ...(allocating ? { allocating } : {}), ...(allocated ? { allocated } : {}) };
}

export function nodeSummary(nodes: readonly object[]): NodeSummary {
  return summarizeNodes(nodes.map(nodeCapacity));
}

export function resourceSummary(nodes: readonly object[], pods: readonly object[]): ResourceSummary {
  return summarizeResources(nodes.map(nodeCapacity), pods.map(podDemand));
}

function sumAllocatable(nodes: readonly NodeCapacity[]): ResourceList | undefined {
  const sums = new Map<string, { nanos: bigint; format: QuantityFormat }>();
  for (const node of nodes) {
    for (const q of node.allocatable) {
      const sum = sums.get(q.name);
      if (!sum) sums.set(q.name, { nanos: q.nanos, format: q.format });
      else sums.set(q.name, { nanos: sum.nanos + q.nanos, format: sum.nanos === 0n ? q.format : sum.format });
    }
  }
  if (sums.size === 0) return undefined;
  return sortedList([...sums].map(([name, sum]) => [name, formatNanos(sum.nanos, sum.format)]));
}

function sumDemands(pods: readonly PodDemand[]): ResourceList | undefined {
  const total = new Map<string, bigint>();
  for (const pod of pods) for (const [name, amount] of pod.requests) total.set(name, (total.get(name) ?? 0n) + amount);
  total.set('pods', (total.get('pods') ?? 0n) + BigInt(pods.length));
  const entries = [...total].filter(([, amount]) => amount > 0n);
  if (entries.length === 0) return undefined;
  return sortedList(entries.map(([name, amount]) => [name, formatAmount(name, amount)]));
}

function addInto(total: Map<string, bigint>, requests: Record<string, string> | undefined): void {
  for (const [name, text] of Object.entries(requests ?? {})) {
    const amount = countedAmount(name, text);
    if (amount !== undefined) total.set(name, (total.get(name) ?? 0n) + amount);
  }
}

function maxInto(total: Map<string, bigint>, requests: Record<string, string> | undefined): void {
  for (const [name, text] of Object.entries(requests ?? {})) {
    const amount = countedAmount(name, text);
    if (amount !== undefined && amount > (total.get(name) ?? 0n)) total.set(name, amount);
  }
}

/** util.Resource's units: millicores for cpu, Value() for memory, ephemeral-storage, pods and scalar resources. */
function countedAmount(name: string, text: string): bigint | undefined {
  const nanos = tryParseQuantity(text);
  if (nanos === undefined) return undefined;
  if (name === 'cpu') return quantityMilliValue(nanos);
  if (name === 'memory' || name === 'ephemeral-storage' || name === 'pods' || isScalarResourceName(name)) return quantityValue(nanos);
  return undefined;
}

/** Resource.ResourceList(): cpu as millicores, memory, ephemeral-storage and hugepages binary, the rest decimal. */
function formatAmount(name: string, amount: bigint): string {
  if (name === 'cpu') return formatMilliDecimal(amount);
  if (name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-')) return formatBinarySI(amount);
  return formatDecimalSI(amount);
}

function quantityFormatOf(text: string): QuantityFormat {
  if (/[KMGTPE]i$/.test(text)) return 'BinarySI';
  if (/[eE][-+]?\d+$/.test(text)) return 'DecimalExponent';
  return 'DecimalSI';
}

const NANOS_PER_UNIT = 1_000_000_000n;
const decimalSuffixes: Readonly<Record<number, string>> = { [-9]: 'n', [-6]: 'u', [-3]: 'm' };

/** Quantity.String() of a sum held in nano-units; binary form only for whole units, as Kubernetes prints it. */
function formatNanos(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  if (nanos % NANOS_PER_UNIT === 0n) {
    const units = nanos / NANOS_PER_UNIT;
    if (format === 'BinarySI') return formatBinarySI(units);
    if (format === 'DecimalSI') return formatDecimalSI(units);
  }
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 1000n === 0n && (exponent < 0 || format === 'DecimalExponent')) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  return `${mantissa}${decimalSuffixes[exponent] ?? ''}`;
}

function sortedList(entries: [string, string][]): ResourceList {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
