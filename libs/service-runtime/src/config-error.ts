/** A setting in the environment is not valid: the service says which and what it expects, and does not start. */
export class ConfigError extends Error {}
