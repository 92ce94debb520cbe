export * from './ready-condition.js';
export * from './health-damping.js';
export * from './controller-taints.js';
export * from './api-enablements.js';
