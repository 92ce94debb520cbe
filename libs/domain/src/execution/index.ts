export * from './apply-conflict.js';
export * from './released-workload.js';
export * from './work-report.js';
