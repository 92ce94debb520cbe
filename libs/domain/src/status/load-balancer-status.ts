import type { KubeObject } from '../api/meta.js';
import type { AggregatedStatusItem } from '../api/work.js';
import { deepCopy, recordsAt, stringAt, type JsonObject } from '../interpret/unstructured.js';
import { itemStatus } from './member-conditions.js';

/**
 * The template status of a LoadBalancer Service: every member's load-balancer ingress points, deduplicated (same
 * hostname, IP and ipMode merge their ports) and sorted (hostnames first, by hostname, then IP, then ipMode).
 * Undefined for other Service types, which Karmada leaves alone.
 */
export function aggregateServiceStatus(template: KubeObject, items: readonly AggregatedStatusItem[]): JsonObject | undefined {
  if (stringAt(template, 'spec', 'type') !== 'LoadBalancer') return undefined;
  return loadBalancerStatus(items, true);
}

/** The template status of an Ingress: every member's load-balancer ingress points, deduplicated and sorted. */
export function aggregateIngressStatus(_template: KubeObject, items: readonly AggregatedStatusItem[]): JsonObject {
  return loadBalancerStatus(items, false);
}

function loadBalancerStatus(items: readonly AggregatedStatusItem[], withIpMode: boolean): JsonObject {
  const merged = new Map<string, { ingress: JsonObject; ports: JsonObject[] }>();
  for (const item of items) {
    for (const ingress of recordsAt(itemStatus(item), 'loadBalancer', 'ingress')) {
      const key = JSON.stringify([ingress['hostname'] ?? '', ingress['ip'] ?? '', withIpMode ? (ingress['ipMode'] ?? null) : null]);
      const entry = merged.get(key) ?? { ingress: deepCopy(ingress), ports: [] };
      for (const port of recordsAt(ingress, 'ports')) {
        if (!entry.ports.some((p) => JSON.stringify(p) === JSON.stringify(port))) entry.ports.push(deepCopy(port));
      }
      merged.set(key, entry);
    }
  }
  const ingress = [...merged.values()]
    .map(({ ingress: point, ports }) => {
      const { ports: _dropped, ...rest } = point;
      return ports.length > 0 ? { ...rest, ports: ports.sort(comparePorts) } : rest;
    })
    .sort(compareIngress);
  return { loadBalancer: ingress.length > 0 ? { ingress } : {} };
}

function compareIngress(a: JsonObject, b: JsonObject): number {
  const [ha, hb] = [String(a['hostname'] ?? ''), String(b['hostname'] ?? '')];
  if (ha !== hb) return ha === '' ? 1 : hb === '' ? -1 : ha < hb ? -1 : 1;
  const [ia, ib] = [String(a['ip'] ?? ''), String(b['ip'] ?? '')];
  if (ia !== ib) return ia < ib ? -1 : 1;
  const [ma, mb] = [a['ipMode'], b['ipMode']];
  if (ma === mb) return 0;
  if (mb === undefined) return -1;
  if (ma === undefined) return 1;
  return String(ma) < String(mb) ? -1 : 1;
}

function comparePorts(a: JsonObject, b: JsonObject): number {
  const [pa, pb] = [Number(a['port'] ?? 0), Number(b['port'] ?? 0)];
  if (pa !== pb) return pa - pb;
  const [ra, rb] = [String(a['protocol'] ?? ''), String(b['protocol'] ?? '')];
  if (ra !== rb) return ra < rb ? -1 : 1;
  const [ea, eb] = [a['error'], b['error']];
  if (ea === undefined) return eb === undefined ? 0 : -1;
  if (eb === undefined) return 1;
  return String(ea) < String(eb) ? -1 : String(ea) > String(eb) ? 1 : 0;
}
