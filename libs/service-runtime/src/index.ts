export * from './service-catalog.js';
export * from './runtime-config.js';
