import type { KubeObject } from '../api/meta.js';
import type { CommandArgsOverrider } from '../api/policy.js';
import { arrayAt } from '../interpret/unstructured.js';
import { podSpecPath } from './image-overrider.js';
import type { PatchOperation } from './json-patch.js';
import { parsePointer, resolvePointer } from './json-pointer.js';

/**
 * The operations one command or args overrider makes: for every container named `containerName`, `add` appends the
 * values and `remove` deletes every occurrence of them; a container without the field gets it added. Kinds without a
 * known pod spec are left alone.
 */
export function commandArgsPatches(field: 'command' | 'args', object: KubeObject, overrider: CommandArgsOverrider): PatchOperation[] {
  const base = podSpecPath(object.kind);
  if (!base) return [];
  const containers = resolvePointer(object, [...(parsePointer(base) ?? []), 'containers']);
  if (!containers.found || !Array.isArray(containers.value)) return [];
  return containers.value.flatMap((container: unknown, index): PatchOperation[] => {
    if (typeof container !== 'object' || container === null || (container as Record<string, unknown>)['name'] !== overrider.containerName) return [];
    const path = `${base}/containers/${index}/${field}`;
    const current = arrayAt(container, field);
    const existing = current === undefined || (container as Record<string, unknown>)[field] === null ? undefined : current.map(String);
    return [{ op: existing ? 'replace' : 'add', path, value: edited(existing ?? [], overrider) }];
  });
}

function edited(current: readonly string[], overrider: CommandArgsOverrider): string[] {
  const values = overrider.value ?? [];
  switch (overrider.operator) {
    case 'add':
      return [...current, ...values];
    case 'remove':
      return current.filter((item) => !values.includes(item));
    default:
      return assertNever(overrider.operator);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected command/args operator ${JSON.stringify(value)}`);
}
