import { assertNever, type LabelSelector } from '@karmada-ts/kube';

/** SQL conditions on a jsonb labels column, and their parameters (numbered from `firstParam`). */
export interface SqlConditions {
  readonly clauses: readonly string[];
  readonly params: readonly unknown[];
}

/**
 * Translates the requirements of a label selector that SQL answers cheaply (equality and set membership, with
 * Kubernetes' rule that `!=` and `notin` match objects without the label). `>` and `<` stay out: callers apply the
 * whole selector in memory afterwards anyway, so SQL only has to narrow.
 */
export function labelSelectorSql(selector: LabelSelector, column: string, firstParam: number): SqlConditions {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  for (const r of selector) {
    switch (r.operator) {
      case 'Equals':
        clauses.push(`${column} @> ${param(JSON.stringify({ [r.key]: r.values[0] ?? '' }))}::jsonb`);
        break;
      case 'NotEquals':
        clauses.push(`(${column} ->> ${param(r.key)}) IS DISTINCT FROM ${param(r.values[0] ?? '')}`);
        break;
      case 'In':
        clauses.push(`(${column} ->> ${param(r.key)}) = ANY(${param([...r.values])}::text[])`);
        break;
      case 'NotIn': {
        const key = param(r.key);
        clauses.push(`(${column} ->> ${key} IS NULL OR NOT (${column} ->> ${key}) = ANY(${param([...r.values])}::text[]))`);
        break;
      }
      case 'Exists':
        clauses.push(`${column} ? ${param(r.key)}`);
        break;
      case 'DoesNotExist':
        clauses.push(`NOT ${column} ? ${param(r.key)}`);
        break;
      case 'GreaterThan':
      case 'LessThan':
        break;
      default:
        assertNever(r.operator, 'label operator');
    }
  }
  return { clauses, params };
}
