import { expect } from 'chai';
import type { FieldError, KubeObject } from '@karmada-ts/kube';
import { defaultClusterOverridePolicy, defaultOverridePolicy } from './override-policy-defaults.js';
import { validateClusterOverridePolicy, validateOverridePolicy } from './override-policy-validation.js';

function op(spec: unknown, namespace = 'default'): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'OverridePolicy', metadata: { name: 'example-override', namespace }, spec };
}

function cop(spec: unknown): KubeObject {
  return { apiVersion: 'policy.karmada.io/v1alpha1', kind: 'ClusterOverridePolicy', metadata: { name: 'example-cluster-override' }, spec };
}

function errorsOf(policy: KubeObject): FieldError[] {
  return policy.kind === 'OverridePolicy' ? validateOverridePolicy(defaultOverridePolicy(policy)) : validateClusterOverridePolicy(defaultClusterOverridePolicy(policy));
}

const deployment = { apiVersion: 'apps/v1', kind: 'Deployment' };
const rule = (overriders: unknown, targetCluster: unknown = { clusterNames: ['member1'] }) => ({ targetCluster, overriders });
const pointerError = 'JSON pointer must be empty or start with a "/"\nJSON pointer error';
const notQualifiedName =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

// Karmada's samples: artifacts/example/*override*.yaml, samples/nginx/overridepolicy.yaml, samples/guestbook.
const validPolicies: { name: string; policy: KubeObject }[] = [
  { name: 'overridepolicy_simple.yaml', policy: op({ resourceSelectors: [{ ...deployment, name: 'nginx' }], overrideRules: [rule({ plaintext: [{ path: '/metadata/annotations', operator: 'add', value: { foo: 'bar' } }] })] }) },
  {
    name: 'example-override.yaml',
    policy: op({
      resourceSelectors: [{ ...deployment, name: 'nginx', labelSelector: { matchLabels: { image: 'nginx' } } }],
      overrideRules: [
        rule(
          {
            plaintext: [
              { path: '/spec/template/spec/containers/0/image', operator: 'replace', value: 'dc-1.registry.io/nginx:1.17.0-alpine' },
              { path: '/metadata/annotations', operator: 'add', value: { foo: 'bar' } },
              { path: '/metadata/annotations/foo', operator: 'remove' },
            ],
          },
          { clusterNames: ['dc-1-cluster-1', 'dc-1-cluster-2'], labelSelector: { matchLabels: { 'failuredomain.kubernetes.io/region': 'dc1' } } },
        ),
      ],
    }),
  },
  { name: 'overridepolicy_command.yaml', policy: op({ resourceSelectors: [deployment], overrideRules: [rule({ commandOverrider: [{ containerName: 'alpine', operator: 'add', value: ['test'] }] })] }) },
  {
    name: 'overridepolicy_image.yaml',
    policy: op({
      resourceSelectors: [deployment],
      overrideRules: [
        rule({ imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'fictional.registry.us' }] }, { labelSelector: { matchLabels: { location: 'us' } } }),
        rule({ imageOverrider: [{ component: 'Registry', operator: 'replace', value: 'fictional.registry.cn' }] }, { labelSelector: { matchLabels: { location: 'cn' } } }),
      ],
    }),
  },
  {
    name: 'samples/nginx/overridepolicy.yaml',
    policy: op({
      resourceSelectors: [{ ...deployment, name: 'nginx' }],
      overrideRules: [
        rule({ labelsOverrider: [{ operator: 'add', value: { env: 'skoala-dev' } }, { operator: 'remove', value: { for: 'for' } }, { operator: 'replace', value: { bar: 'test' } }] }, { clusterNames: ['member2'] }),
        rule({ annotationsOverrider: [{ operator: 'add', value: { env: 'skoala-stage' } }, { operator: 'replace', value: { emma: 'sophia' } }] }),
      ],
    }),
  },
  { name: 'guestbooks-overridepolicy.yaml', policy: op({ resourceSelectors: [{ apiVersion: 'webapp.my.domain/v1', kind: 'Guestbook' }], overrideRules: [rule({ plaintext: [{ path: '/spec/size', operator: 'replace', value: 4 }] })] }) },
  {
    name: 'image predicate, args, field overrider',
    policy: op({
      overrideRules: [
        rule({
          imageOverrider: [{ predicate: { path: '/spec/template/spec/initContainers/0/image' }, component: 'Tag', operator: 'replace', value: '1.0' }],
          argsOverrider: [{ containerName: 'app', operator: 'remove', value: ['--debug'] }],
          fieldOverrider: [{ fieldPath: '/data/config.yaml', yaml: [{ subPath: '/db/host', operator: 'replace', value: 'db.member1' }, { subPath: '/db/debug', operator: 'remove' }] }],
        }),
      ],
    }),
  },
  { name: 'no rules, no selectors (everything, nothing)', policy: op({}) },
  { name: 'deprecated targetCluster and overriders', policy: op({ resourceSelectors: [deployment], targetCluster: { clusterNames: ['member1'] }, overriders: { plaintext: [{ path: '/spec/replicas', operator: 'replace', value: 1 }] } }) },
  { name: 'clusteroverridepolicy.yaml', policy: cop({ resourceSelectors: [{ ...deployment, name: 'nginx', namespace: 'default' }], overrideRules: [rule({ plaintext: [{ operator: 'replace', path: '/spec/replicas', value: 1 }] })] }) },
];

describe('validateOverridePolicy: Karmada samples are accepted', () => {
  for (const c of validPolicies) it(c.name, () => expect(errorsOf(c.policy)).to.deep.equal([]));
});

type Expected = [FieldError['type'], string, string];

const invalidPolicies: { name: string; policy: KubeObject; want: Expected[] }[] = [
  // CRD schema
  { name: 'no spec', policy: op(undefined), want: [['FieldValueRequired', 'spec', 'Required value']] },
  { name: 'rule without overriders', policy: op({ overrideRules: [{ targetCluster: {} }] }), want: [['FieldValueRequired', 'spec.overrideRules[0].overriders', 'Required value']] },
  {
    name: 'plaintext operator enum and path',
    policy: op({ overrideRules: [rule({ plaintext: [{ operator: 'merge', value: 1 }] })] }),
    want: [
      ['FieldValueRequired', 'spec.overrideRules[0].overriders.plaintext[0].path', 'Required value'],
      ['FieldValueNotSupported', 'spec.overrideRules[0].overriders.plaintext[0].operator', 'Unsupported value: "merge": supported values: "add", "remove", "replace"'],
    ],
  },
  {
    name: 'image component and operator enums',
    policy: op({ overrideRules: [rule({ imageOverrider: [{ component: 'Digest', operator: 'set' }] })] }),
    want: [
      ['FieldValueNotSupported', 'spec.overrideRules[0].overriders.imageOverrider[0].component', 'Unsupported value: "Digest": supported values: "Registry", "Repository", "Tag"'],
      ['FieldValueNotSupported', 'spec.overrideRules[0].overriders.imageOverrider[0].operator', 'Unsupported value: "set": supported values: "add", "remove", "replace"'],
    ],
  },
  { name: 'image predicate needs a path', policy: op({ overrideRules: [rule({ imageOverrider: [{ component: 'Tag', operator: 'replace', value: 'v1', predicate: {} }] })] }), want: [['FieldValueRequired', 'spec.overrideRules[0].overriders.imageOverrider[0].predicate.path', 'Required value']] },
  { name: 'command needs a container name', policy: op({ overrideRules: [rule({ commandOverrider: [{ operator: 'add', value: ['x'] }] })] }), want: [['FieldValueRequired', 'spec.overrideRules[0].overriders.commandOverrider[0].containerName', 'Required value']] },
  {
    name: 'args operator replace is not supported',
    policy: op({ overrideRules: [rule({ argsOverrider: [{ containerName: 'app', operator: 'replace', value: ['x'] }] })] }),
    want: [['FieldValueNotSupported', 'spec.overrideRules[0].overriders.argsOverrider[0].operator', 'Unsupported value: "replace": supported values: "add", "remove"']],
  },
  { name: 'labels overrider needs a value', policy: op({ overrideRules: [rule({ labelsOverrider: [{ operator: 'add' }] })] }), want: [['FieldValueRequired', 'spec.overrideRules[0].overriders.labelsOverrider[0].value', 'Required value']] },
  { name: 'field overrider needs a fieldPath', policy: op({ overrideRules: [rule({ fieldOverrider: [{ json: [{ subPath: '/a', operator: 'remove' }] }] })] }), want: [['FieldValueRequired', 'spec.overrideRules[0].overriders.fieldOverrider[0].fieldPath', 'Required value']] },
  { name: 'selector needs apiVersion', policy: op({ resourceSelectors: [{ kind: 'Deployment' }] }), want: [['FieldValueRequired', 'spec.resourceSelectors[0].apiVersion', 'Required value']] },
  // Karmada's webhook
  {
    name: 'targetCluster with overrideRules',
    policy: op({ targetCluster: { clusterNames: ['m1'] }, overrideRules: [] }),
    want: [['FieldValueInvalid', 'spec.targetCluster', 'Invalid value: {"clusterNames":["m1"]}: overrideRules and targetCluster can\'t co-exist']],
  },
  {
    name: 'overriders with overrideRules',
    policy: op({ overriders: { plaintext: [{ path: '/a', operator: 'remove' }] }, overrideRules: [] }),
    want: [['FieldValueInvalid', 'spec.overriders', "overrideRules and overriders can't co-exist"]],
  },
  { name: 'a field overrider alone does not count as deprecated overriders', policy: op({ overriders: { fieldOverrider: [{ fieldPath: '/a', json: [{ subPath: '/b', operator: 'remove' }] }] }, overrideRules: [] }), want: [] },
  {
    name: 'deprecated targetCluster field selector',
    policy: op({ targetCluster: { fieldSelector: { matchExpressions: [{ key: 'cloud', operator: 'In', values: ['x'] }] } } }),
    want: [['FieldValueInvalid', 'spec.targetCluster.fieldSelector', 'unsupported key "cloud", must be provider, region, or zone']],
  },
  {
    name: 'rule target field selector',
    policy: op({ overrideRules: [rule({}, { fieldSelector: { matchExpressions: [{ key: 'region', operator: 'DoesNotExist' }] } })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].targetCluster.fieldSelector', 'unsupported operator "DoesNotExist", must be In or NotIn']],
  },
  {
    name: 'selector in another namespace',
    policy: op({ resourceSelectors: [{ ...deployment, namespace: 'other' }] }),
    want: [['FieldValueInvalid', 'spec.resourceSelectors[0].namespace', 'Invalid value: "other": namespace of resource selector must be the same as the namespace of the policy']],
  },
  {
    name: 'annotation keys',
    policy: op({ overrideRules: [rule({ annotationsOverrider: [{ operator: 'add', value: { 'bad key': 'v' } }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.annotationsOverrider[0].value', `Invalid value: "bad key": ${notQualifiedName}`]],
  },
  {
    name: 'label values',
    policy: op({ overrideRules: [rule({ labelsOverrider: [{ operator: 'add', value: { env: 'not valid' } }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.labelsOverrider[0].value', 'Invalid value: "not valid": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')']],
  },
  {
    name: 'image predicate path is not a JSON pointer',
    policy: op({ overrideRules: [rule({ imageOverrider: [{ predicate: { path: 'spec/containers/0/image' }, component: 'Tag', operator: 'replace', value: 'v1' }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.imageOverrider[0].predicate.path', `Invalid value: "spec/containers/0/image": ${pointerError}`]],
  },
  {
    name: 'field overrider with both json and yaml',
    policy: op({ overrideRules: [rule({ fieldOverrider: [{ fieldPath: '/data/a', json: [{ subPath: '/x', operator: 'remove' }], yaml: [{ subPath: '/y', operator: 'remove' }] }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0]', 'FieldOverrider has both YAML and JSON set. Only one is allowed']],
  },
  {
    name: 'field overrider with neither',
    policy: op({ overrideRules: [rule({ fieldOverrider: [{ fieldPath: '/data/a' }] })] }),
    want: [['FieldValueRequired', 'spec.overrideRules[0].overriders.fieldOverrider[0]', 'Required value: FieldOverrider must have either JSON or YAML set']],
  },
  {
    name: 'field overrider paths',
    policy: op({ overrideRules: [rule({ fieldOverrider: [{ fieldPath: 'data/a', json: [{ subPath: 'x', operator: 'add', value: 1 }] }] })] }),
    want: [
      ['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0].fieldPath', `Invalid value: "data/a": ${pointerError}`],
      ['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0].json[0].subPath', `Invalid value: "x": ${pointerError}`],
    ],
  },
  {
    name: 'field overrider values',
    policy: op({ overrideRules: [rule({ fieldOverrider: [{ fieldPath: '/data/a', yaml: [{ subPath: '/x', operator: 'add' }, { subPath: '/y', operator: 'replace', value: null }, { subPath: '/z', operator: 'remove', value: 'v' }] }] })] }),
    want: [
      ['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0].yaml[0].value', 'Invalid value: null: value is required for add or replace operation'],
      ['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0].yaml[1].value', 'Invalid value: null: value is required for add or replace operation'],
      ['FieldValueInvalid', 'spec.overrideRules[0].overriders.fieldOverrider[0].yaml[2].value', 'Invalid value: "v": value is not allowed for remove operation'],
    ],
  },
  // Beyond Karmada's webhook
  {
    name: 'plaintext path is not a JSON pointer',
    policy: op({ overrideRules: [rule({ plaintext: [{ path: 'spec/replicas', operator: 'replace', value: 1 }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.plaintext[0].path', `Invalid value: "spec/replicas": ${pointerError}`]],
  },
  {
    name: 'plaintext add without a value',
    policy: op({ overrideRules: [rule({ plaintext: [{ path: '/metadata/labels/a', operator: 'add' }] })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].overriders.plaintext[0].value', 'Invalid value: null: value is required for add or replace operation']],
  },
  {
    name: 'resource selector with a bad label selector',
    policy: op({ resourceSelectors: [{ ...deployment, labelSelector: { matchExpressions: [{ key: 'a', operator: 'Has' }] } }] }),
    want: [['FieldValueInvalid', 'spec.resourceSelectors[0].labelSelector.matchExpressions[0].operator', 'Invalid value: "Has": not a valid selector operator']],
  },
  {
    name: 'rule target with a bad label selector',
    policy: op({ overrideRules: [rule({}, { labelSelector: { matchLabels: { 'a/b/c': 'x' } } })] }),
    want: [['FieldValueInvalid', 'spec.overrideRules[0].targetCluster.labelSelector.matchLabels', "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]],
  },
];

function expectErrors(actual: FieldError[], want: Expected[]): void {
  expect(actual.map((e) => [e.type, e.field]), JSON.stringify(actual, null, 1)).to.deep.equal(want.map(([type, field]) => [type, field]));
  actual.forEach((e, i) => {
    const detail = want[i]![2];
    expect(e.body === detail || e.body.endsWith(`: ${detail}`), `${e.body} should end with ${detail}`).to.equal(true);
  });
}

describe('validateOverridePolicy: each rule', () => {
  for (const c of invalidPolicies) it(c.name, () => expectErrors(errorsOf(c.policy), c.want));
});

describe('validateClusterOverridePolicy', () => {
  it('selectors may name any namespace', () => expect(errorsOf(cop({ resourceSelectors: [{ ...deployment, namespace: 'kube-system' }] }))).to.deep.equal([]));
  it('applies the same rules', () =>
    expectErrors(errorsOf(cop({ overrideRules: [rule({ fieldOverrider: [{ fieldPath: '/x' }] })] })), [
      ['FieldValueRequired', 'spec.overrideRules[0].overriders.fieldOverrider[0]', 'Required value: FieldOverrider must have either JSON or YAML set'],
    ]));
});
