import { createHash } from 'node:crypto';
import { forbidden, unauthorized, type RequestContext, type ResourceAttributes } from '@karmada-ts/kube';
import type { Role, TokenEntry } from './token-file.js';

/** Roles travel as groups of the authenticated user, as Kubernetes authorizers expect. */
export const roleGroupPrefix = 'karmada-ts:';

const readVerbs = new Set(['get', 'list', 'watch']);

/**
 * What a role may do: `admin` everything; `view` get, list and watch, except Secrets (as Kubernetes' view role: their
 * values would give a viewer the credentials of others).
 */
export function roleAllows(role: Role, verb: string, group: string, resource: string): boolean {
  if (role === 'admin') return true;
  return readVerbs.has(verb) && !(group === '' && resource === 'secrets');
}

function rolesOf(context: RequestContext): Role[] {
  return (context.groups ?? []).filter((g) => g.startsWith(roleGroupPrefix)).map((g) => g.slice(roleGroupPrefix.length) as Role);
}

/** Throws a 403 Forbidden Status unless one of the caller's roles allows the verb. */
export function authorize(context: RequestContext, attributes: ResourceAttributes): void {
  if (rolesOf(context).some((role) => roleAllows(role, attributes.verb, attributes.group, attributes.resource))) return;
  const scope = attributes.namespace ? ` in the namespace "${attributes.namespace}"` : '';
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  throw forbidden(
    { group: attributes.group, resource: attributes.resource },
    attributes.name ?? '',
    `User "${context.user}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.group}"${scope}`,
  );
}

function digestOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Bearer tokens → users. Tokens are looked up by digest, so no comparison leaks their characters by timing. */
export class TokenAuthenticator {
  private readonly byDigest: Map<string, TokenEntry>;

  constructor(entries: readonly TokenEntry[]) {
    this.byDigest = new Map(entries.map((e) => [digestOf(e.token), e]));
  }

  /** The caller of a request with this Authorization header; throws a 401 Unauthorized Status otherwise. */
  authenticate(authorization: string | undefined, requestId: string): RequestContext {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const entry = match ? this.byDigest.get(digestOf(match[1]!)) : undefined;
    if (!entry) throw unauthorized();
    return { user: entry.user, groups: [`${roleGroupPrefix}${entry.role}`, 'system:authenticated'], requestId };
  }
}
