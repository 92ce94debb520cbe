import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { isDns1123Label, parseQuantity } from '@karmada-ts/kube';

/** The simulator's configuration file (see README) and its validation. */
export interface NodeGroupConfig {
  count: number;
  allocatable: Record<string, string>;
  labels?: Record<string, string>;
  /** Explicit node names (as many as count); default `<cluster>-node-<n>`. */
  names?: string[];
  taints?: { key: string; value?: string; effect: string }[];
  /** false makes these nodes NotReady. */
  ready?: boolean;
}

export interface ClusterConfig {
  name: string;
  kubernetesVersion?: string;
  podReadySeconds?: number;
  nodes?: NodeGroupConfig[];
}

export interface SimulatorConfig {
  clusters: ClusterConfig[];
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export const defaultKubernetesVersion = 'v1.32.4';
export const defaultPodReadySeconds = 1;
export const defaultNodes: readonly NodeGroupConfig[] = [{ count: 3, allocatable: { cpu: '8', memory: '32Gi', pods: '110' } }];

/** N identical clusters member1…memberN (the `--clusters N` quick form). */
export function quickConfig(count: number): SimulatorConfig {
  return { clusters: Array.from({ length: count }, (_, i) => ({ name: `member${i + 1}` })) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function validateNodeGroups(value: unknown, where: string): NodeGroupConfig[] {
  if (!Array.isArray(value)) throw new ConfigError(`${where}: nodes must be a list`);
  return value.map((group, i) => {
    const at = `${where}.nodes[${i}]`;
    if (!isRecord(group)) throw new ConfigError(`${at}: must be a mapping`);
    const count = group['count'] ?? 1;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw new ConfigError(`${at}.count: must be a non-negative integer`);
    if (!isRecord(group['allocatable'])) throw new ConfigError(`${at}.allocatable: required mapping of resource quantities`);
    const allocatable: Record<string, string> = {};
    for (const [resource, quantity] of Object.entries(group['allocatable'])) {
      try {
        parseQuantity(String(quantity));
      } catch (error) {
        throw new ConfigError(`${at}.allocatable.${resource}: ${(error as Error).message}`);
      }
      allocatable[resource] = String(quantity);
    }
    const out: NodeGroupConfig = { count, allocatable };
    if (group['labels'] !== undefined) {
      if (!isRecord(group['labels'])) throw new ConfigError(`${at}.labels: must be a mapping`);
      out.labels = Object.fromEntries(Object.entries(group['labels']).map(([k, v]) => [k, String(v)]));
    }
    if (group['names'] !== undefined) {
      if (!Array.isArray(group['names']) || group['names'].length !== count) throw new ConfigError(`${at}.names: must list exactly count names`);
      out.names = group['names'].map(String);
    }
    if (group['taints'] !== undefined) {
      if (!Array.isArray(group['taints'])) throw new ConfigError(`${at}.taints: must be a list`);
      out.taints = group['taints'] as NodeGroupConfig['taints'];
    }
    if (group['ready'] !== undefined) out.ready = group['ready'] === true;
    return out;
  });
}

export function validateClusterConfig(value: unknown, where = 'cluster'): ClusterConfig {
  if (!isRecord(value)) throw new ConfigError(`${where}: must be a mapping`);
  const name = value['name'];
  if (typeof name !== 'string' || isDns1123Label(name).length > 0) throw new ConfigError(`${where}.name: must be a DNS-1123 label (got ${JSON.stringify(name)})`);
  const out: ClusterConfig = { name };
  const version = value['kubernetesVersion'];
  if (version !== undefined) {
    if (typeof version !== 'string' || !/^v\d+\.\d+\.\d+/.test(version)) throw new ConfigError(`${where}.kubernetesVersion: must look like v1.31.2`);
    out.kubernetesVersion = version;
  }
  const ready = value['podReadySeconds'];
  if (ready !== undefined) {
    if (typeof ready !== 'number' || ready < 0) throw new ConfigError(`${where}.podReadySeconds: must be a number ≥ 0`);
    out.podReadySeconds = ready;
  }
  if (value['nodes'] !== undefined) out.nodes = validateNodeGroups(value['nodes'], where);
  return out;
}

export function validateConfig(value: unknown): SimulatorConfig {
  if (!isRecord(value) || !Array.isArray(value['clusters'])) throw new ConfigError('config: expected a mapping with a clusters list');
  const clusters = value['clusters'].map((c, i) => validateClusterConfig(c, `clusters[${i}]`));
  const seen = new Set<string>();
  for (const c of clusters) {
    if (seen.has(c.name)) throw new ConfigError(`clusters: duplicate name ${c.name}`);
    seen.add(c.name);
  }
  return { clusters };
}

export async function loadConfigFile(path: string): Promise<SimulatorConfig> {
  return validateConfig(parseYaml(await readFile(path, 'utf8')));
}
