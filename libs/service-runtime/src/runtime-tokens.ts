/** Injection tokens for what the runtime gives every service module (`@Inject(RUNTIME_CONFIG)` and so on). */
export const RUNTIME_CONFIG = Symbol('RUNTIME_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const SUBJECTS = Symbol('SUBJECTS');
export const PROJECTION_DATABASE = Symbol('PROJECTION_DATABASE');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');
export const EVENT_REGISTRY = Symbol('EVENT_REGISTRY');
