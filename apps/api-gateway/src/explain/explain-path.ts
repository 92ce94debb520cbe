import { unknownPath } from '@karmada-ts/kube';

/** The binding an explain request names. */
export interface ExplainTarget {
  readonly kind: 'ResourceBinding' | 'ClusterResourceBinding';
  /** Undefined for ClusterResourceBindings. */
  readonly namespace?: string;
  readonly name: string;
}

export const explainPath = '/explain';

/**
 * `/explain/namespaces/{namespace}/resourcebindings/{name}` or `/explain/clusterresourcebindings/{name}`, segments
 * percent-decoded; any other path is the apiserver's 404 for an unknown path.
 */
export function parseExplainPath(url: string): ExplainTarget {
  const segments = url.split('?')[0]!.split('/').slice(2).map(decodeSegment);
  if (segments.some((segment) => segment === undefined || segment === '')) throw unknownPath();
  const [first, second, third, fourth, ...rest] = segments as string[];
  if (rest.length > 0) throw unknownPath();
  if (first === 'clusterresourcebindings' && second !== undefined && third === undefined) return { kind: 'ClusterResourceBinding', name: second };
  if (first === 'namespaces' && second !== undefined && third === 'resourcebindings' && fourth !== undefined) {
    return { kind: 'ResourceBinding', namespace: second, name: fourth };
  }
  throw unknownPath();
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
