import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '@karmada-ts/kube';

/** Who made a request: throws the 401 Status of an unknown caller. */
export type Authenticate = (req: IncomingMessage) => RequestContext;

/**
 * One of the product's own APIs, served on the gateway's port beside the Kubernetes API (audit, explain, preview,
 * API documentation). Each answers its requests completely, errors included, as Kubernetes Status objects.
 */
export interface GatewayRoute {
  /** Whether a request URL (query included or not) is this route's. */
  serves(url: string): boolean;
  serve(req: IncomingMessage, res: ServerResponse, authenticate: Authenticate): Promise<void> | void;
}

/** The path of a request URL, without its query. */
export function pathOf(url: string): string {
  return url.split('?')[0]!;
}

/** Whether a path is `prefix` itself or below it. */
export function isUnder(url: string, prefix: string): boolean {
  const path = pathOf(url);
  return path === prefix || path.startsWith(`${prefix}/`);
}
