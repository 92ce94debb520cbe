import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import type { SpreadConstraint } from '../api/policy.js';
import { validateSpreadConstraints } from './spread-constraints-validation.js';

const p = 'spec.placement.spreadConstraints';
const clusterOnly: SpreadConstraint = { spreadByField: 'cluster', minGroups: 1 };

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${JSON.stringify(value)}: ${detail}` };
}

const cases: { name: string; constraints: SpreadConstraint[] | undefined; want: (constraints: SpreadConstraint[]) => FieldError[] }[] = [
  { name: 'none', constraints: undefined, want: () => [] },
  { name: 'cluster only', constraints: [clusterOnly], want: () => [] },
  { name: 'label only (no field, so no cluster constraint needed)', constraints: [{ spreadByLabel: 'topology.kubernetes.io/zone', minGroups: 2, maxGroups: 2 }], want: () => [] },
  { name: 'region and cluster', constraints: [{ spreadByField: 'region', minGroups: 1, maxGroups: 2 }, clusterOnly], want: () => [] },
  { name: 'zone and provider with cluster', constraints: [{ spreadByField: 'zone', minGroups: 1 }, { spreadByField: 'provider', minGroups: 1 }, clusterOnly], want: () => [] },
  { name: 'maxGroups 0 is unbounded', constraints: [{ spreadByField: 'cluster', minGroups: 5, maxGroups: 0 }], want: () => [] },
  { name: 'field and label', constraints: [{ spreadByField: 'cluster', spreadByLabel: 'zone', minGroups: 1 }], want: (c) => [invalid(`${p}[0]`, c[0], 'spreadByLabel should not co-exist with spreadByField')] },
  { name: 'negative minGroups', constraints: [{ spreadByField: 'cluster', minGroups: -1 }], want: (c) => [invalid(`${p}[0]`, c[0], 'minGroups lower than 0 is not allowed')] },
  { name: 'negative maxGroups', constraints: [{ spreadByField: 'cluster', minGroups: 1, maxGroups: -1 }], want: (c) => [invalid(`${p}[0]`, c[0], 'maxGroups lower than 0 is not allowed')] },
  { name: 'maxGroups below minGroups', constraints: [{ spreadByField: 'cluster', minGroups: 3, maxGroups: 2 }], want: (c) => [invalid(`${p}[0]`, c[0], 'maxGroups lower than minGroups is not allowed')] },
  {
    name: 'region without cluster',
    constraints: [{ spreadByField: 'region', minGroups: 1 }],
    want: (c) => [invalid(p, c, 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled')],
  },
  {
    name: 'a label constraint does not stand in for the cluster constraint',
    constraints: [{ spreadByField: 'zone', minGroups: 1 }, { spreadByLabel: 'rack', minGroups: 1 }],
    want: (c) => [invalid(p, c, 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled')],
  },
  { name: 'cluster twice', constraints: [clusterOnly, clusterOnly], want: (c) => [invalid(p, c, 'multiple cluster spread constraints are not allowed')] },
  { name: 'cluster three times: still one error', constraints: [clusterOnly, clusterOnly, clusterOnly], want: (c) => [invalid(p, c, 'multiple cluster spread constraints are not allowed')] },
  {
    name: 'region twice and no cluster',
    constraints: [{ spreadByField: 'region', minGroups: 1 }, { spreadByField: 'region', minGroups: 1 }],
    want: (c) => [invalid(p, c, 'multiple region spread constraints are not allowed'), invalid(p, c, 'the cluster spread constraint must be enabled in one of the constraints in case of SpreadByField is enabled')],
  },
  {
    name: 'errors of several constraints in order',
    constraints: [{ spreadByField: 'cluster', spreadByLabel: 'x', minGroups: 2, maxGroups: 1 }, { spreadByField: 'cluster', minGroups: -1 }],
    want: (c) => [
      invalid(`${p}[0]`, c[0], 'spreadByLabel should not co-exist with spreadByField'),
      invalid(`${p}[0]`, c[0], 'maxGroups lower than minGroups is not allowed'),
      invalid(`${p}[1]`, c[1], 'minGroups lower than 0 is not allowed'),
      invalid(p, c, 'multiple cluster spread constraints are not allowed'),
    ],
  },
];

describe('validateSpreadConstraints', () => {
  for (const c of cases) it(c.name, () => expect(validateSpreadConstraints(c.constraints, p)).to.deep.equal(c.want(c.constraints ?? [])));
});
