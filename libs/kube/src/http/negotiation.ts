import type { PatchType } from '../api/request-options.js';
import { protobufContentType } from '../protobuf/kube-protobuf.js';

/** Media types: what the client accepts and what a body is. */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaType(text: string): MediaType {
  const [type = '', ...params] = text.split(';');
  const out: Record<string, string> = {};
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0) out[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { type: type.trim().toLowerCase(), params: out };
}

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header.split(',').map(parseMediaType);
}

/** How a response should be shaped: the plain object, a Table, or metadata only. */
export type ResponseShape = { kind: 'object' } | { kind: 'table'; apiVersion: string } | { kind: 'metadata'; apiVersion: string };

export function responseShape(accept: MediaType[]): ResponseShape {
  for (const m of accept) {
    if (m.type !== 'application/json' || m.params['g'] !== 'meta.k8s.io') continue;
    const version = m.params['v'] === 'v1beta1' ? 'v1beta1' : m.params['v'] === 'v1' ? 'v1' : undefined;
    if (!version) continue;
    if (m.params['as'] === 'Table') return { kind: 'table', apiVersion: `meta.k8s.io/${version}` };
    if (m.params['as'] === 'PartialObjectMetadata' || m.params['as'] === 'PartialObjectMetadataList') return { kind: 'metadata', apiVersion: `meta.k8s.io/${version}` };
  }
  return { kind: 'object' };
}

/** Whether the client asked for aggregated discovery v2 (kube-api-notes §1.1). */
export function wantsAggregatedDiscovery(accept: MediaType[]): boolean {
  return accept.some((m) => m.type === 'application/json' && m.params['g'] === 'apidiscovery.k8s.io' && m.params['v'] === 'v2' && m.params['as'] === 'APIGroupDiscoveryList');
}

/** Whether JSON is acceptable at all (protobuf-only clients get 406). */
export function acceptsJson(accept: MediaType[]): boolean {
  return accept.length === 0 || accept.some((m) => m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*' || m.type === 'application/yaml');
}

export const patchContentTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** Media types of create and update bodies; protobuf is decoded for the kinds kubectl create sends (kube-protobuf.ts). */
export const bodyContentTypes = ['application/json', 'application/yaml', protobufContentType];
