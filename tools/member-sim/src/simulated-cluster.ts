import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  createKubeApiHandler,
  installBuiltinHooks,
  installCustomResourceDefinitions,
  MemoryResourceStore,
  ResourceRegistry,
  ResourceService,
  versionInfo,
  type KubeApiHandler,
} from '@karmada-ts/kube';
import { defaultKubernetesVersion, defaultNodes, defaultPodReadySeconds, type ClusterConfig, type NodeGroupConfig } from './config.js';
import { noFaults, type Faults } from './faults.js';
import { resources } from './sim/sim-context.js';
import { Simulation } from './sim/simulation.js';
import type { TimerQueue } from './sim/timer-queue.js';

export type HealthState = 'healthy' | 'unhealthy' | 'unreachable';

export interface SharedRuntime {
  /** The registry of built-in kinds every cluster layers its CRDs on. */
  builtins: ResourceRegistry;
  timers: TimerQueue;
  historyLimit: number;
  maxWatchSeconds: number;
  clock: () => Date;
}

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** One simulated member cluster: its own store, registry layer, API service, handler and controllers. */
export class SimulatedCluster {
  readonly token = randomBytes(24).toString('hex');
  /** The Authorization header a request must carry. */
  readonly authorization = `Bearer ${this.token}`;
  readonly store: MemoryResourceStore;
  readonly service: ResourceService;
  readonly handler: KubeApiHandler;
  readonly simulation: Simulation;
  health: HealthState = 'healthy';
  faults: Faults = noFaults;
  /** API requests this cluster has served (not those refused by its health or faults). */
  requestsServed = 0;
  nodes: NodeGroupConfig[];

  private constructor(
    readonly config: ClusterConfig,
    runtime: SharedRuntime,
  ) {
    const kubernetesVersion = config.kubernetesVersion ?? defaultKubernetesVersion;
    this.nodes = config.nodes ?? [...defaultNodes];
    this.store = new MemoryResourceStore({ historyLimit: runtime.historyLimit });
    this.service = new ResourceService({ registry: new ResourceRegistry(runtime.builtins), store: this.store, clock: runtime.clock, garbageCollector: true });
    installBuiltinHooks(this.service);
    installCustomResourceDefinitions(this.service);
    this.simulation = new Simulation({
      cluster: config.name,
      service: this.service,
      store: this.store,
      timers: runtime.timers,
      podReadySeconds: config.podReadySeconds ?? defaultPodReadySeconds,
      kubernetesVersion,
    });
    this.handler = createKubeApiHandler({
      service: this.service,
      version: versionInfo(kubernetesVersion),
      health: (check) => check === 'livez' || this.health === 'healthy',
      watch: { maxTimeoutSeconds: runtime.maxWatchSeconds },
    });
  }

  get name(): string {
    return this.config.name;
  }

  get kubernetesVersion(): string {
    return this.config.kubernetesVersion ?? defaultKubernetesVersion;
  }

  static async create(config: ClusterConfig, runtime: SharedRuntime): Promise<SimulatedCluster> {
    const cluster = new SimulatedCluster(config, runtime);
    await cluster.bootstrap();
    return cluster;
  }

  /** What a fresh cluster has: system namespaces, the `kubernetes` service, its nodes. */
  private async bootstrap(): Promise<void> {
    this.simulation.start();
    const namespaces = this.service.registry.get('', 'v1', 'namespaces')!;
    for (const name of systemNamespaces) await this.service.create(namespaces, '', { metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
    await this.service.create(this.service.registry.get('', 'v1', 'services')!, 'default', {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
    });
    await this.simulation.setNodes(this.nodes);
  }

  async setNodes(nodes: NodeGroupConfig[]): Promise<void> {
    this.nodes = nodes;
    await this.simulation.setNodes(nodes);
  }

  /** Serves one API request addressed to this cluster (path relative to its prefix). */
  serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    this.requestsServed += 1;
    return this.handler(req, res, path);
  }

  nodeCount(): number {
    return this.store.snapshot(resources.nodes).length;
  }

  stop(): void {
    this.simulation.stop();
  }
}
