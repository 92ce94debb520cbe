export * from './api/index.js';
export * from './cluster/index.js';
export * from './scheduling/index.js';
