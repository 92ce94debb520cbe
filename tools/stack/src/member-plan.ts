import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** One simulated member and how `karmadactl join` describes it. */
export interface MemberPlan {
  /** The member-sim cluster config (tools/member-sim/README.md). */
  readonly cluster: Record<string, unknown> & { readonly name: string };
  readonly join: { readonly provider?: string; readonly region?: string; readonly zones?: readonly string[] };
}

export class MemberPlanError extends Error {}

/** N identical members over two providers and regions, as Karmada's samples spread member1…memberN. */
export function quickMemberPlan(count: number): MemberPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const aws = i % 2 === 0;
    const zone = aws ? `eu-west-1${'abc'[Math.floor(i / 2) % 3]}` : `europe-west4-${'abc'[Math.floor(i / 2) % 3]}`;
    return {
      cluster: {
        name: `member${i + 1}`,
        nodes: [{ count: 3, allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, labels: { 'topology.kubernetes.io/zone': zone } }],
      },
      join: { provider: aws ? 'aws' : 'gcp', region: aws ? 'eu-west-1' : 'europe-west4', zones: [zone] },
    };
  });
}

/** The members of `npm start -- --members FILE|N|0` (default: the repository's config/members.yaml). */
export function memberPlan(option: string, readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): MemberPlan[] {
  if (/^\d+$/.test(option)) {
    const count = Number(option);
    if (count > 1000) throw new MemberPlanError(`--members ${option}: at most 1000 simulated members`);
    return quickMemberPlan(count);
  }
  let document: unknown;
  try {
    document = parse(readFile(option));
  } catch (error) {
    throw new MemberPlanError(`--members ${option}: ${(error as Error).message}`);
  }
  const clusters = (document as { clusters?: unknown } | null)?.clusters;
  if (!Array.isArray(clusters) || clusters.length === 0) {
    throw new MemberPlanError(`--members ${option}: expected a "clusters:" list (see config/members.yaml)`);
  }
  return clusters.map((entry, index) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { name?: unknown }).name !== 'string') {
      throw new MemberPlanError(`--members ${option}: clusters[${index}] needs a name`);
    }
    const { join = {}, ...cluster } = entry as Record<string, unknown> & { name: string; join?: unknown };
    if (typeof join !== 'object' || join === null) throw new MemberPlanError(`--members ${option}: clusters[${index}].join must be a map`);
    const { provider, region, zones, ...unknown } = join as Record<string, unknown>;
    const extra = Object.keys(unknown);
    if (extra.length > 0) throw new MemberPlanError(`--members ${option}: clusters[${index}].join has unknown field(s) ${extra.join(', ')}`);
    if (provider !== undefined && typeof provider !== 'string') throw new MemberPlanError(`--members ${option}: clusters[${index}].join.provider must be a string`);
    if (region !== undefined && typeof region !== 'string') throw new MemberPlanError(`--members ${option}: clusters[${index}].join.region must be a string`);
    if (zones !== undefined && !(Array.isArray(zones) && zones.every((z) => typeof z === 'string'))) {
      throw new MemberPlanError(`--members ${option}: clusters[${index}].join.zones must be a list of strings`);
    }
    return {
      cluster: cluster as MemberPlan['cluster'],
      join: {
        ...(provider ? { provider: provider as string } : {}),
        ...(region ? { region: region as string } : {}),
        ...(zones ? { zones: zones as string[] } : {}),
      },
    };
  });
}
