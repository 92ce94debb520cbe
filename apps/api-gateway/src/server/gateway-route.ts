import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '@karmada-ts/kube';

/** Who made a request: throws the 401 Status of an unknown caller. */
export type Authenticate = (req: IncomingMessage) => RequestContext;

/**
 * One of the product's own APIs, served on the gateway's port beside the Kubernetes API (audit, explain, preview,
 * API documentation). What `serve` throws before it has answered becomes a Kubernetes Status (a KubeStatusError as it
 * is, anything else a logged 500); after the answer started, the connection is cut.
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
