import { expect } from 'chai';
import type { FieldError } from '@karmada-ts/kube';
import type { FailoverBehavior } from '../api/policy.js';
import { validateFailover } from './failover-validation.js';

const f = 'spec.failover';
const notQualifiedName =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function invalid(field: string, value: string, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, body: `Invalid value: ${value}: ${detail}` };
}

// Inputs are as defaulted: tolerationSeconds 300, purgeMode Gracefully, gracePeriodSeconds 600 when Gracefully.
const cases: { name: string; failover: FailoverBehavior | undefined; want: FieldError[] }[] = [
  { name: 'absent', failover: undefined, want: [] },
  { name: 'defaulted application failover', failover: { application: { decisionConditions: { tolerationSeconds: 300 }, purgeMode: 'Gracefully', gracePeriodSeconds: 600 } }, want: [] },
  { name: 'purge directly', failover: { application: { decisionConditions: { tolerationSeconds: 0 }, purgeMode: 'Directly' } }, want: [] },
  { name: 'never purge', failover: { application: { decisionConditions: { tolerationSeconds: 10 }, purgeMode: 'Never' } }, want: [] },
  { name: 'cluster failover', failover: { cluster: { purgeMode: 'Directly', statePreservation: { rules: [{ aliasLabelName: 'replicas', jsonPath: '{.replicas}' }] } } }, want: [] },
  {
    name: 'negative tolerationSeconds',
    failover: { application: { decisionConditions: { tolerationSeconds: -5 }, purgeMode: 'Directly' } },
    want: [invalid(`${f}.application.decisionConditions.tolerationSeconds`, '-5', 'must be greater than or equal to 0')],
  },
  {
    name: 'gracePeriodSeconds with Never',
    failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Never', gracePeriodSeconds: 30 } },
    want: [invalid(`${f}.application.gracePeriodSeconds`, '30', 'only takes effect when purgeMode is gracefully')],
  },
  {
    name: 'Gracefully without gracePeriodSeconds (never after defaulting)',
    failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Gracefully' } },
    want: [invalid(`${f}.application.gracePeriodSeconds`, '"null"', 'should not be empty when purgeMode is gracefully')],
  },
  {
    name: 'gracePeriodSeconds zero',
    failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Gracefully', gracePeriodSeconds: 0 } },
    want: [invalid(`${f}.application.gracePeriodSeconds`, '0', 'must be greater than 0')],
  },
  {
    name: 'gracePeriodSeconds negative with Directly: two errors',
    failover: { application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Directly', gracePeriodSeconds: -1 } },
    want: [invalid(`${f}.application.gracePeriodSeconds`, '-1', 'only takes effect when purgeMode is gracefully'), invalid(`${f}.application.gracePeriodSeconds`, '-1', 'must be greater than 0')],
  },
  {
    name: 'alias label names of both kinds',
    failover: {
      application: { decisionConditions: { tolerationSeconds: 1 }, purgeMode: 'Directly', statePreservation: { rules: [{ aliasLabelName: 'ok', jsonPath: '{.a}' }, { aliasLabelName: 'not ok', jsonPath: '{.b}' }] } },
      cluster: { statePreservation: { rules: [{ aliasLabelName: '_x', jsonPath: '{.c}' }] } },
    },
    want: [invalid(`${f}.application.statePreservation.rules[1].aliasLabelName`, '"not ok"', notQualifiedName), invalid(`${f}.cluster.statePreservation.rules[0].aliasLabelName`, '"_x"', notQualifiedName)],
  },
];

describe('validateFailover', () => {
  for (const c of cases) it(c.name, () => expect(validateFailover(c.failover, f)).to.deep.equal(c.want));
});
