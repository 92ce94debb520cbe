export * from './ready-condition.js';
export * from './health-damping.js';
export * from './controller-taints.js';
export * from './api-enablements.js';
export * from './resource-summary.js';
export * from './drift.js';
export * from './cluster-with-status.js';
