export * from './api/index.js';
export * from './cluster/index.js';
