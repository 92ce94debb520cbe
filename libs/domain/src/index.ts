export * from './api/index.js';
export * from './cluster/index.js';
export * from './scheduling/index.js';
export * from './policy/index.js';
export * from './interpret/index.js';
export * from './override/index.js';
export * from './render/index.js';
export * from './status/index.js';
