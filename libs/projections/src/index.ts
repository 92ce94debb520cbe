export * from './database.js';
export * from './projection-database.js';
export * from './migrations/projection-bookkeeping.js';
export * from './projection.js';
export * from './projection-writer.js';
export * from './projection-runner.js';
export * from './rebuild.js';
export * from './readiness.js';
export { quoteIdent } from './sql.js';
