export * from './claim-verdict.js';
export * from './placement-preview.js';
export * from './preview-policy.js';
