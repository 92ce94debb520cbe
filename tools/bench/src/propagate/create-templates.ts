import type { KubeObjectJson } from '@karmada-ts/contracts';
import type { ApiResponse, GatewayClient } from '../stack/gateway-client.js';
import { benchNamespace } from './workload.js';

export const deploymentsPath = `/apis/apps/v1/namespaces/${benchNamespace}/deployments`;
export const policiesPath = `/apis/policy.karmada.io/v1alpha1/namespaces/${benchNamespace}/propagationpolicies`;

/** Fails with the gateway's message unless `response` is a 201 Created. */
export function expectCreated(response: ApiResponse, what: string): void {
  if (response.status !== 201) {
    const message = (response.body as { message?: string } | undefined)?.message ?? JSON.stringify(response.body);
    throw new Error(`creating ${what} answered ${response.status}: ${message}`);
  }
}

/** Creates template 0…count-1 (`templateOf(i)`) with `concurrency` requests on the wire; the first refusal fails. */
export async function createTemplates(
  gateway: GatewayClient,
  count: number,
  concurrency: number,
  templateOf: (i: number) => KubeObjectJson,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const template = templateOf(i);
      expectCreated(await gateway.post(deploymentsPath, template), `Deployment ${template.metadata.name}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
