import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import type { ClusterAffinity } from '../api/policy.js';
import { validateClusterAffinities, validateClusterAffinity, type AffinityTerm } from './cluster-affinity-validation.js';

const notQualifiedName =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${JSON.stringify(value)}: ${detail}` };
}

const byField = (key: string, operator: string): ClusterAffinity => ({ fieldSelector: { matchExpressions: [{ key, operator, values: ['x'] } as never] } });

const affinityCases: { name: string; affinity: ClusterAffinity | undefined; want: FieldError[] }[] = [
  { name: 'absent', affinity: undefined, want: [] },
  { name: 'names and exclusions', affinity: { clusterNames: ['m1', 'm2'], exclude: ['m3'] }, want: [] },
  { name: 'provider In', affinity: byField('provider', 'In'), want: [] },
  { name: 'region NotIn', affinity: byField('region', 'NotIn'), want: [] },
  { name: 'zone In', affinity: byField('zone', 'In'), want: [] },
  { name: 'unknown key', affinity: byField('name', 'In'), want: [invalid('a.fieldSelector', byField('name', 'In').fieldSelector, 'unsupported key "name", must be provider, region, or zone')] },
  { name: 'Exists is not supported', affinity: byField('zone', 'Exists'), want: [invalid('a.fieldSelector', byField('zone', 'Exists').fieldSelector, 'unsupported operator "Exists", must be In or NotIn')] },
  {
    name: 'only the first bad expression is reported',
    affinity: { fieldSelector: { matchExpressions: [{ key: 'rack', operator: 'In', values: ['x'] } as never, { key: 'zone', operator: 'Gt' } as never] } },
    want: [invalid('a.fieldSelector', { matchExpressions: [{ key: 'rack', operator: 'In', values: ['x'] }, { key: 'zone', operator: 'Gt' }] }, 'unsupported key "rack", must be provider, region, or zone')],
  },
  { name: 'a valid label selector', affinity: { labelSelector: { matchLabels: { location: 'us' } } }, want: [] },
  {
    name: 'a bad label selector',
    affinity: { labelSelector: { matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] } },
    want: [{ type: 'FieldValueForbidden', field: 'a.labelSelector.matchExpressions[0].values', body: "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'" }],
  },
];

describe('validateClusterAffinity', () => {
  for (const c of affinityCases) it(c.name, () => expect(validateClusterAffinity(c.affinity, 'a')).to.deep.equal(c.want));
});

const termCases: { name: string; terms: AffinityTerm[]; want: (terms: AffinityTerm[]) => FieldError[] }[] = [
  { name: 'ordered groups', terms: [{ affinityName: 'primary', clusterNames: ['m1'] }, { affinityName: 'backup', clusterNames: ['m2'] }], want: () => [] },
  { name: 'a prefixed name is a label key too', terms: [{ affinityName: 'example.io/primary', clusterNames: ['m1'] }], want: () => [] },
  { name: 'name not a label key', terms: [{ affinityName: 'a b' }], want: () => [invalid('t[0]', 'a b', notQualifiedName)] },
  { name: 'duplicate names', terms: [{ affinityName: 'x' }, { affinityName: 'y' }, { affinityName: 'x' }], want: (t) => [invalid('t', t, 'each affinity term in a policy must have a unique name')] },
  { name: 'bad field selector in a term', terms: [{ affinityName: 'x', ...byField('os', 'In') }], want: () => [invalid('t[0].fieldSelector', byField('os', 'In').fieldSelector, 'unsupported key "os", must be provider, region, or zone')] },
  { name: 'overflow tiers with their own names', terms: [{ affinityName: 'x', clusterNames: ['m1'], overflowAffinities: [{ affinityName: 'y', clusterNames: ['m2'] }, { affinityName: 'z', exclude: ['m1'] }] }], want: () => [] },
  {
    name: 'overflow on an empty primary tier',
    terms: [{ affinityName: 'x', overflowAffinities: [{ affinityName: 'y', clusterNames: ['m2'] }] }],
    want: (t) => [invalid('t[0].overflowAffinities', t[0]!.overflowAffinities, 'overflowAffinities can only be used together with the inline ClusterAffinity')],
  },
  {
    name: 'overflow name repeats the primary name',
    terms: [{ affinityName: 'x', clusterNames: ['m1'], overflowAffinities: [{ affinityName: 'x', clusterNames: ['m2'] }] }],
    want: () => [invalid('t[0].overflowAffinities[0].affinityName', 'x', "overflow affinity name must be unique and must not duplicate the primary group's affinityName")],
  },
  {
    name: 'overflow name not a label key, and its field selector',
    terms: [{ affinityName: 'x', clusterNames: ['m1'], overflowAffinities: [{ affinityName: '-y', ...byField('cloud', 'In') }] }],
    want: () => [invalid('t[0].overflowAffinities[0].affinityName', '-y', notQualifiedName), invalid('t[0].overflowAffinities[0].fieldSelector', byField('cloud', 'In').fieldSelector, 'unsupported key "cloud", must be provider, region, or zone')],
  },
];

describe('validateClusterAffinities', () => {
  for (const c of termCases) it(c.name, () => expect(validateClusterAffinities(c.terms, 't')).to.deep.equal(c.want(c.terms)));
});
