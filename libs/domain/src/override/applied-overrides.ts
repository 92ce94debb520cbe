import type { Overriders } from '../api/policy.js';

/** One applied rule as Karmada records it on the Work: the policy name and the rule's overriders. */
export interface AppliedOverrideItem {
  readonly policyName: string;
  readonly overriders: Overriders;
}

/**
 * The value of policy.karmada.io/applied-overrides or policy.karmada.io/applied-cluster-overrides: the applied items
 * sorted by policy name, as JSON in Go's field order and omitempty rules, with Go's HTML escaping, so the annotation
 * reads byte for byte as Karmada's. Undefined when nothing was applied (Karmada then sets no annotation).
 */
export function appliedOverridesAnnotation(items: readonly AppliedOverrideItem[]): string | undefined {
  if (items.length === 0) return undefined;
  const sorted = [...items].sort((a, b) => (a.policyName < b.policyName ? -1 : a.policyName > b.policyName ? 1 : 0));
  return goJson(sorted.map((item) => ({ policyName: item.policyName, overriders: goOverriders(item.overriders) })));
}

/** The Go struct shape of Overriders: every list omitted when empty, fields in declaration order. */
function goOverriders(o: Overriders): Record<string, unknown> {
  return omitEmpty({
    plaintext: o.plaintext?.map((p) => ({ path: p.path, operator: p.operator, value: p.value ?? null })),
    imageOverrider: o.imageOverrider?.map((i) =>
      omitEmpty({ predicate: i.predicate ? { path: i.predicate.path } : undefined, component: i.component, operator: i.operator, value: i.value || undefined }, ['component', 'operator']),
    ),
    commandOverrider: o.commandOverrider?.map(commandArgs),
    argsOverrider: o.argsOverrider?.map(commandArgs),
    labelsOverrider: o.labelsOverrider?.map((l) => ({ operator: l.operator, value: l.value ?? null })),
    annotationsOverrider: o.annotationsOverrider?.map((l) => ({ operator: l.operator, value: l.value ?? null })),
    fieldOverrider: o.fieldOverrider?.map((f) =>
      omitEmpty(
        {
          fieldPath: f.fieldPath,
          json: f.json?.map((p) => ({ subPath: p.subPath, operator: p.operator, value: p.value ?? null })),
          yaml: f.yaml?.map((p) => ({ subPath: p.subPath, operator: p.operator, value: p.value ?? null })),
        },
        ['fieldPath'],
      ),
    ),
  });
}

function commandArgs(c: { containerName: string; operator: string; value?: string[] }): Record<string, unknown> {
  return omitEmpty({ containerName: c.containerName, operator: c.operator, value: c.value }, ['containerName', 'operator']);
}

/** Drops undefined values and empty arrays, except for the fields Go always writes. */
function omitEmpty(object: Record<string, unknown>, always: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(object).filter(([key, value]) => always.includes(key) || (value !== undefined && !(Array.isArray(value) && value.length === 0))),
  );
}

/** JSON as Go's encoding/json writes it: compact, with <, > and & (and U+2028/2029) escaped. */
export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
