import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeBody, readBody, sendJson } from '@karmada-ts/kube';
import { ConfigError, validateClusterConfig, validateNodeGroups } from './config.js';
import { FaultsError } from './faults.js';
import type { HealthState } from './simulated-cluster.js';
import type { ClusterInfo, MemberSim } from './member-sim.js';

/**
 * The admin API under /_sim (outside the cluster prefixes, no authentication; see README):
 *   GET    /_sim/clusters                      list clusters
 *   POST   /_sim/clusters                      add a cluster (body: a cluster config entry)
 *   GET    /_sim/clusters/<name>               one cluster
 *   DELETE /_sim/clusters/<name>               remove a cluster
 *   PUT    /_sim/clusters/<name>/health        {"state":"healthy"|"unhealthy"|"unreachable"}
 *   PUT    /_sim/clusters/<name>/nodes         {"nodes":[node groups]}
 *   PUT    /_sim/clusters/<name>/faults        {"latencyMs":…, "errorRate":…, "errorCode":…}
 */
const healthStates: readonly HealthState[] = ['healthy', 'unhealthy', 'unreachable'];

function error(res: ServerResponse, code: number, message: string): void {
  sendJson(res, code, { error: message });
}

export async function serveAdmin(sim: MemberSim, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const parts = path.split('?')[0]!.split('/').filter((p) => p !== '').slice(1);
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'DELETE' ? undefined : decodeBody(await readBody(req, 1024 * 1024), true);
  try {
    if (parts[0] !== 'clusters') return error(res, 404, `unknown admin path ${path}`);
    if (parts.length === 1) {
      if (method === 'GET') return sendJson(res, 200, { clusters: sim.clusters() });
      if (method === 'POST') return sendJson(res, 201, await sim.addCluster(validateClusterConfig(body)));
      return error(res, 405, `${method} not allowed`);
    }
    const name = decodeURIComponent(parts[1]!);
    const info: ClusterInfo | undefined = sim.clusters().find((c) => c.name === name);
    if (!info) return error(res, 404, `cluster ${name} not found`);
    if (parts.length === 2) {
      if (method === 'GET') return sendJson(res, 200, info);
      if (method === 'DELETE') {
        await sim.removeCluster(name);
        return sendJson(res, 200, { removed: name });
      }
      return error(res, 405, `${method} not allowed`);
    }
    if (method !== 'PUT' || parts.length !== 3) return error(res, 405, `${method} not allowed`);
    const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    switch (parts[2]) {
      case 'health': {
        const state = b['state'];
        if (!healthStates.includes(state as HealthState)) return error(res, 400, `state: must be one of ${healthStates.join(', ')}`);
        sim.setHealth(name, state as HealthState);
        break;
      }
      case 'nodes':
        await sim.setNodes(name, validateNodeGroups(b['nodes'], name));
        break;
      case 'faults':
        sim.setFaults(name, b);
        break;
      default:
        return error(res, 404, `unknown admin path ${path}`);
    }
    return sendJson(res, 200, sim.clusters().find((c) => c.name === name));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof FaultsError) return error(res, 400, e.message);
    if (e instanceof Error && e.message.startsWith('cluster ')) return error(res, 409, e.message);
    throw e;
  }
}
