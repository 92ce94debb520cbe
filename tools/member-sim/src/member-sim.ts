import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { generateServerTls, notFound, sendStatus, toStatusError, unauthorized, unknownPath } from '@karmada-ts/kube';
import { serveAdmin } from './admin-api.js';
import { defaultPodReadySeconds, quickConfig, type ClusterConfig, type NodeGroupConfig } from './config.js';
import { injectedError, parseFaults, type Faults } from './faults.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { SimulatedCluster, type HealthState, type SharedRuntime } from './simulated-cluster.js';
import { TimerQueue } from './sim/timer-queue.js';
import { createBuiltinRegistry } from '@karmada-ts/kube';

export interface MemberSimOptions {
  /** Cluster configs, or a count for the quick form member1…memberN. */
  clusters: readonly ClusterConfig[] | number;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Where to write `<name>.kubeconfig` files (none written when absent). */
  kubeconfigDir?: string;
  /** Upper bound of a watch before the server closes it (default 1800 s); tests use a few seconds. */
  maxWatchSeconds?: number;
  /** Changes kept per cluster for watch replay (default 1000). */
  historyLimit?: number;
  clock?: () => Date;
  /** Dice for error injection (default Math.random). */
  random?: () => number;
}

export interface ClusterInfo {
  name: string;
  server: string;
  kubernetesVersion: string;
  podReadySeconds: number;
  health: HealthState;
  faults: Faults;
  /** API requests the cluster has served since it was added. */
  requests: number;
  nodes: NodeGroupConfig[];
  kubeconfigPath?: string;
}

export interface MemberSim {
  /** `https://host:port` (cluster servers are `<url>/clusters/<name>`). */
  readonly url: string;
  readonly port: number;
  /** The CA that signed the server certificate. */
  readonly caPem: string;
  clusters(): ClusterInfo[];
  cluster(name: string): SimulatedCluster | undefined;
  kubeconfig(name: string): string;
  kubeconfigPath(name: string): string | undefined;
  token(name: string): string;
  setHealth(name: string, state: HealthState): void;
  setNodes(name: string, nodes: NodeGroupConfig[]): Promise<void>;
  setFaults(name: string, faults: unknown): void;
  addCluster(config: ClusterConfig): Promise<ClusterInfo>;
  removeCluster(name: string): Promise<void>;
  stop(): Promise<void>;
}

const publicPaths = new Set(['version', 'healthz', 'readyz', 'livez']);
const clusterPrefix = '/clusters/';

/** Where the path segment starting at `from` ends: at the next `/` or `?`, or at the end. */
function segmentEnd(target: string, from: number): number {
  for (let i = from; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c === 47 || c === 63) return i;
  }
  return target.length;
}

/** The first non-empty segment of a path (`version` of `/version?x`), without splitting the whole path. */
function firstSegment(path: string): string {
  let start = 0;
  while (path.charCodeAt(start) === 47) start++;
  return path.slice(start, segmentEnd(path, start));
}

/** Starts the simulator: one HTTPS port, every cluster under /clusters/<name>, the admin API under /_sim. */
export async function startMemberSim(options: MemberSimOptions): Promise<MemberSim> {
  const host = options.host ?? '127.0.0.1';
  const clientHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const tls = generateServerTls([clientHost, '127.0.0.1', 'localhost', '::1']);
  const random = options.random ?? Math.random;
  const timers = new TimerQueue();
  const runtime: SharedRuntime = {
    builtins: createBuiltinRegistry(),
    timers,
    historyLimit: options.historyLimit ?? 1000,
    maxWatchSeconds: options.maxWatchSeconds ?? 1800,
    clock: options.clock ?? (() => new Date()),
  };
  const clusters = new Map<string, SimulatedCluster>();
  const sockets = new Set<Socket>();
  let url = '';
  let port = 0;

  const clusterUrl = (name: string): string => `${url}/clusters/${name}`;
  const kubeconfigPath = (name: string): string | undefined => (options.kubeconfigDir ? join(options.kubeconfigDir, `${name}.kubeconfig`) : undefined);
  const require = (name: string): SimulatedCluster => {
    const cluster = clusters.get(name);
    if (!cluster) throw new Error(`cluster ${name} not found`);
    return cluster;
  };
  const info = (c: SimulatedCluster): ClusterInfo => {
    const out: ClusterInfo = {
      name: c.name,
      server: clusterUrl(c.name),
      kubernetesVersion: c.kubernetesVersion,
      podReadySeconds: c.config.podReadySeconds ?? defaultPodReadySeconds,
      health: c.health,
      faults: c.faults,
      requests: c.requestsServed,
      nodes: c.nodes,
    };
    const path = kubeconfigPath(c.name);
    if (path) out.kubeconfigPath = path;
    return out;
  };
  const writeKubeconfig = async (c: SimulatedCluster): Promise<void> => {
    const path = kubeconfigPath(c.name);
    if (path) await writeFile(path, kubeconfigYaml(c.name, clusterUrl(c.name), tls.caPem, c.token), { mode: 0o600 });
  };

  const sim: MemberSim = {
    get url() {
      return url;
    },
    get port() {
      return port;
    },
    caPem: tls.caPem,
    clusters: () => [...clusters.values()].map(info),
    cluster: (name) => clusters.get(name),
    kubeconfig: (name) => kubeconfigYaml(name, clusterUrl(name), tls.caPem, require(name).token),
    kubeconfigPath,
    token: (name) => require(name).token,
    setHealth: (name, state) => {
      const cluster = require(name);
      cluster.health = state;
      if (state === 'unreachable') for (const socket of sockets) if ((socket as Socket & { cluster?: string }).cluster === name) socket.destroy();
    },
    setNodes: (name, nodes) => require(name).setNodes(nodes),
    setFaults: (name, faults) => {
      const cluster = require(name);
      cluster.faults = parseFaults(faults, cluster.faults);
    },
    addCluster: async (config) => {
      if (clusters.has(config.name)) throw new Error(`cluster ${config.name} already exists`);
      const cluster = await SimulatedCluster.create(config, runtime);
      clusters.set(config.name, cluster);
      await writeKubeconfig(cluster);
      return info(cluster);
    },
    removeCluster: async (name) => {
      const cluster = require(name);
      clusters.delete(name);
      cluster.stop();
      for (const socket of sockets) if ((socket as Socket & { cluster?: string }).cluster === name) socket.destroy();
      const path = kubeconfigPath(name);
      if (path) await rm(path, { force: true });
    },
    stop: async () => {
      timers.stop();
      for (const c of clusters.values()) c.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = req.url ?? '/';
    if (target.startsWith(clusterPrefix)) {
      const end = segmentEnd(target, clusterPrefix.length);
      const name = target.slice(clusterPrefix.length, end);
      const path = end === target.length ? '/' : target[end] === '?' ? `/${target.slice(end)}` : target.slice(end);
      const cluster = clusters.get(name);
      if (!cluster) return sendStatus(res, notFound({ group: 'member-sim', resource: 'clusters' }, name));
      // Tag the connection while this request runs, so that making the cluster unreachable cuts open watches.
      const socket = req.socket as Socket & { cluster?: string };
      socket.cluster = name;
      res.once('close', () => {
        if (socket.cluster === name) delete socket.cluster;
      });
      if (cluster.health === 'unreachable') {
        req.socket.destroy();
        return;
      }
      if (req.headers.authorization !== cluster.authorization && !publicPaths.has(firstSegment(path))) return sendStatus(res, unauthorized());
      const { latencyMs } = cluster.faults;
      if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
      const injected = injectedError(cluster.faults, random());
      if (injected) return sendStatus(res, injected);
      return cluster.serve(req, res, path);
    }
    if (target.startsWith('/_sim/')) return serveAdmin(sim, req, res, target);
    sendStatus(res, unknownPath());
  }

  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    onRequest(req, res).catch((error) => {
      console.error('member-sim:', error);
      sendStatus(res, toStatusError(error));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  url = `https://${clientHost.includes(':') ? `[${clientHost}]` : clientHost}:${port}`;
  if (options.kubeconfigDir) await mkdir(options.kubeconfigDir, { recursive: true });
  const configs = typeof options.clusters === 'number' ? quickConfig(options.clusters).clusters : options.clusters;
  for (const config of configs) await sim.addCluster(config);
  return sim;
}
