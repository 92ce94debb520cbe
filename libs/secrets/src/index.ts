export * from './secret-cipher.js';
export * from './secret-key.js';
export * from './secret-values.js';
