import type { LabelSelector, LabelSelectorRequirement } from '../api/meta.js';

export type LabelMatcher = (labels: Readonly<Record<string, string>>) => boolean;

const matchesNothing: LabelMatcher = () => false;

/**
 * metav1.LabelSelector as a predicate, compiled once so it can be run against thousands of clusters.
 * matchLabels and matchExpressions are ANDed; an empty selector matches everything. A selector Kubernetes would reject
 * (In/NotIn without values, Exists/DoesNotExist with values, an unknown operator) matches nothing, as in Karmada.
 */
export function compileLabelSelector(selector: LabelSelector): LabelMatcher {
  const requirements: LabelMatcher[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    requirements.push((labels) => Object.hasOwn(labels, key) && labels[key] === value);
  }
  for (const expression of selector.matchExpressions ?? []) {
    const requirement = compileRequirement(expression);
    if (!requirement) return matchesNothing;
    requirements.push(requirement);
  }
  return (labels) => {
    for (const requirement of requirements) if (!requirement(labels)) return false;
    return true;
  };
}

/** One selector requirement over a key/value map (labels, or a cluster's provider/region fields). */
export function compileRequirement({ key, operator, values = [] }: LabelSelectorRequirement): LabelMatcher | undefined {
  switch (operator) {
    case 'In': {
      if (values.length === 0) return undefined;
      const allowed = new Set(values);
      return (labels) => Object.hasOwn(labels, key) && allowed.has(labels[key]!);
    }
    case 'NotIn': {
      if (values.length === 0) return undefined;
      const forbidden = new Set(values);
      return (labels) => !Object.hasOwn(labels, key) || !forbidden.has(labels[key]!);
    }
    case 'Exists':
      return values.length === 0 ? (labels) => Object.hasOwn(labels, key) : undefined;
    case 'DoesNotExist':
      return values.length === 0 ? (labels) => !Object.hasOwn(labels, key) : undefined;
    default:
      return undefined;
  }
}
