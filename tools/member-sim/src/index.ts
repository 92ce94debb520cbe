// Simulated Kubernetes member clusters: start them in-process (startMemberSim) or with the `member-sim` CLI.
export * from './member-sim.js';
export * from './config.js';
export * from './faults.js';
export * from './kubeconfig.js';
export * from './cli-args.js';
export { SimulatedCluster, type HealthState } from './simulated-cluster.js';
export { choosePlacement, placementRequests, type Placement, type SchedulableNode } from './sim/scheduling.js';
export { benchMemberSim, type MemberSimBenchResult, type MemberSimBenchOptions } from './bench.js';
