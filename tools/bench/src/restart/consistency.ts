/**
 * What is in place after the restarts, read where users would read it: the Works and the templates' status through
 * the gateway, the Deployments in each member through member-sim's API, and the dead letters in the stream.
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import { executionSpaceName } from '@karmada-ts/domain';
import { deploymentsPath } from '../propagate/create-templates.js';
import { deadLetters } from '../propagate/dead-letters.js';
import { partOf } from '../propagate/workload.js';
import type { BenchStack } from '../stack/bench-stack.js';
import { GatewayClient } from '../stack/gateway-client.js';

export interface Consistency {
  /** Works in the members' execution namespaces, and how many of them say Applied=True. */
  readonly works: number;
  readonly worksApplied: number;
  /** Bench templates, and how many of them report every replica ready. */
  readonly templates: number;
  readonly templatesReady: number;
  /** Bench Deployments each member holds. */
  readonly inMembers: Readonly<Record<string, number>>;
  /** Dead letters by subject. */
  readonly deadLetters: Readonly<Record<string, number>>;
}

interface ObjectList {
  items: { metadata: { labels?: Record<string, string> }; spec?: { replicas?: number }; status?: { readyReplicas?: number; conditions?: { type: string; status: string }[] } }[];
}

const benchSelector = `labelSelector=${encodeURIComponent(Object.entries(partOf).map(([k, v]) => `${k}=${v}`).join(','))}`;

export async function readConsistency(stack: BenchStack, jsm: JetStreamManager, members: readonly string[]): Promise<Consistency> {
  let works = 0;
  let worksApplied = 0;
  for (const member of members) {
    const list = await listed(stack.gateway, `/apis/work.karmada.io/v1alpha1/namespaces/${executionSpaceName(member)}/works`);
    works += list.items.length;
    worksApplied += list.items.filter((w) => w.status?.conditions?.some((c) => c.type === 'Applied' && c.status === 'True')).length;
  }
  const templates = await listed(stack.gateway, `${deploymentsPath}?${benchSelector}`);
  const inMembers: Record<string, number> = {};
  for (const member of members) {
    const client = new GatewayClient(stack.memberKubeconfig(member), 1);
    try {
      inMembers[member] = (await listed(client, `${deploymentsPath}?${benchSelector}`)).items.length;
    } finally {
      client.close();
    }
  }
  return {
    works,
    worksApplied,
    templates: templates.items.length,
    templatesReady: templates.items.filter((t) => t.status?.readyReplicas === t.spec?.replicas).length,
    inMembers,
    deadLetters: await deadLetters(jsm, stack.subjects),
  };
}

async function listed(client: GatewayClient, path: string): Promise<ObjectList> {
  const { status, body } = await client.get(path);
  if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body as ObjectList;
}
