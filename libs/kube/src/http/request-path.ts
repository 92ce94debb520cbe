/** What an API URL path addresses (pure parsing, no registry lookups). */
export type ApiRoute =
  | { kind: 'version' }
  | { kind: 'health'; check: 'healthz' | 'readyz' | 'livez' }
  | { kind: 'openapi'; version: 'v2' | 'v3' }
  | { kind: 'core-versions' }
  | { kind: 'groups' }
  | { kind: 'group'; group: string }
  | { kind: 'resource-list'; group: string; version: string }
  | { kind: 'resource'; group: string; version: string; namespace: string | undefined; plural: string; name: string | undefined; subresource: string | undefined }
  | { kind: 'unknown' };

const namespaceSubresources = new Set(['status', 'finalize']);

function segmentsOf(path: string): string[] | undefined {
  try {
    return path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** Parses the path part of a URL (no query) relative to the API root. */
export function parseApiPath(path: string): ApiRoute {
  const segments = segmentsOf(path);
  if (!segments) return { kind: 'unknown' };
  const [first, ...rest] = segments;
  switch (first) {
    case 'version':
      return rest.length === 0 ? { kind: 'version' } : { kind: 'unknown' };
    case 'healthz':
    case 'readyz':
    case 'livez':
      return { kind: 'health', check: first };
    case 'openapi':
      return rest[0] === 'v2' && rest.length === 1 ? { kind: 'openapi', version: 'v2' } : rest[0] === 'v3' ? { kind: 'openapi', version: 'v3' } : { kind: 'unknown' };
    case 'api':
      if (rest.length === 0) return { kind: 'core-versions' };
      if (rest.length === 1) return { kind: 'resource-list', group: '', version: rest[0]! };
      return resourceRoute('', rest[0]!, rest.slice(1));
    case 'apis':
      if (rest.length === 0) return { kind: 'groups' };
      if (rest.length === 1) return { kind: 'group', group: rest[0]! };
      if (rest.length === 2) return { kind: 'resource-list', group: rest[0]!, version: rest[1]! };
      return resourceRoute(rest[0]!, rest[1]!, rest.slice(2));
    default:
      return { kind: 'unknown' };
  }
}

function resourceRoute(group: string, version: string, parts: string[]): ApiRoute {
  const namespaced = parts[0] === 'namespaces' && parts.length >= 3 && !(group === '' && parts.length === 3 && namespaceSubresources.has(parts[2]!));
  const [namespace, rest] = namespaced ? [parts[1]!, parts.slice(2)] : [undefined, parts];
  if (rest.length === 0 || rest.length > 3) return { kind: 'unknown' };
  return { kind: 'resource', group, version, namespace, plural: rest[0]!, name: rest[1], subresource: rest[2] };
}
