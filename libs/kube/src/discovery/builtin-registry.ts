import { builtinResources } from './builtin-resources.js';
import { ResourceRegistry } from './resource-registry.js';

/** A registry serving the built-in kinds; share it as the parent of per-server registries. */
export function createBuiltinRegistry(): ResourceRegistry {
  const registry = new ResourceRegistry();
  registry.register(builtinResources());
  return registry;
}
