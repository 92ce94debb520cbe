export * from './names.js';
export * from './prune.js';
export * from './target-clusters.js';
export * from './work-object.js';
export * from './render-work.js';
export * from './orphan-works.js';
export * from './dependent-bindings.js';
export * from './namespace-propagation.js';
