import type { LabelSelector, LabelSelectorRequirement } from '../api/meta.js';

/**
 * metav1.LabelSelector matching, as LabelSelectorAsSelector + Matches: matchLabels and matchExpressions are ANDed, an
 * empty selector matches everything. A selector Kubernetes would refuse to convert (In/NotIn without values,
 * Exists/DoesNotExist with values) matches nothing, which is how Karmada treats a conversion error.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  const set = labels ?? {};
  const requirements: LabelSelectorRequirement[] = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, value]): LabelSelectorRequirement => ({ key, operator: 'In', values: [value] })),
    ...(selector.matchExpressions ?? []),
  ];
  return requirements.every((requirement) => isValid(requirement)) && requirements.every((requirement) => matchesRequirement(requirement, set));
}

function isValid(requirement: LabelSelectorRequirement): boolean {
  const count = requirement.values?.length ?? 0;
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return count > 0;
    case 'Exists':
    case 'DoesNotExist':
      return count === 0;
    default:
      return false;
  }
}

function matchesRequirement(requirement: LabelSelectorRequirement, labels: Readonly<Record<string, string>>): boolean {
  const present = Object.hasOwn(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return present && values.includes(labels[requirement.key] as string);
    case 'NotIn':
      return !present || !values.includes(labels[requirement.key] as string);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      return assertNever(requirement.operator);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected label selector operator ${JSON.stringify(value)}`);
}
