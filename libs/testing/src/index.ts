export * from './unique-name.js';
