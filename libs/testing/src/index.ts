export * from './unique-name.js';
export * from './wait-for.js';
export * from './service-process.js';
export * from './test-service.js';
export * from './event-writers.js';
