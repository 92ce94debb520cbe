export * from './meta.js';
export * from './cluster.js';
export * from './policy.js';
export * from './work.js';
export * from './well-known.js';
