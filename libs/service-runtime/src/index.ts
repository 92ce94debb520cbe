export * from './service-catalog.js';
export * from './runtime-config.js';
export * from './runtime-tokens.js';
export * from './service-definition.js';
export * from './service-connections.js';
export * from './projection-runners.js';
export * from './run-service.js';
export * from './reconcile-each.js';
