export * from './apply-conflict.js';
export * from './released-workload.js';
export * from './work-report.js';
export * from './sealed-content.js';
export * from './sealed-drift.js';
