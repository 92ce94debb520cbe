import { expect } from 'chai';
import { fnv32a } from '../scheduling/fnv.js';
import { generateBindingName, generateBindingReferenceKey, generateWorkName, safeEncodeString } from './names.js';

describe('fnv32a of a Work name', () => {
  it('hashes "default-nginx-deployment"', () => expect(fnv32a('default-nginx-deployment')).to.equal(2439396529));
});

describe('safeEncodeString', () => {
  it('maps each digit into the alphabet without vowels', () => expect(safeEncodeString('2439396529')).to.equal('687f7fb96f'));
});

describe('generateWorkName', () => {
  const cases: { kind: string; name: string; namespace?: string; want: string }[] = [
    // The Work Karmada's documentation shows for the nginx sample Deployment in default: `kubectl get work -A`.
    { kind: 'Deployment', name: 'nginx', namespace: 'default', want: 'nginx-687f7fb96f' },
    { kind: 'Deployment', name: 'nginx', want: `nginx-${safeEncodeString(String(fnv32a('nginx-deployment')))}` },
    { kind: 'Pods', name: 'work:pod', namespace: 'default', want: `work.pod-${safeEncodeString(String(fnv32a('default-work.pod-pods')))}` },
    { kind: 'Pod', name: 'Pod', namespace: 'Default', want: `pod-${safeEncodeString(String(fnv32a('default-pod-pod')))}` },
  ];
  for (const c of cases) it(`${c.namespace ?? ''}/${c.name} ${c.kind}`, () => expect(generateWorkName(c.kind, c.name, c.namespace)).to.equal(c.want));
});

describe('generateBindingName', () => {
  const cases: [string, string, string][] = [
    ['Deployment', 'nginx', 'nginx-deployment'],
    ['ClusterRole', 'system:controller', 'system.controller-clusterrole'],
    ['ConfigMap', 'MyConfig', 'myconfig-configmap'],
  ];
  for (const [kind, name, want] of cases) it(`${kind} ${name}`, () => expect(generateBindingName(kind, name)).to.equal(want));
});

describe('generateBindingReferenceKey', () => {
  it('hashes namespace/name', () => {
    expect(generateBindingReferenceKey('default', 'nginx-deployment')).to.equal(safeEncodeString(String(fnv32a('default/nginx-deployment'))));
    expect(generateBindingReferenceKey(undefined, 'x')).to.equal(safeEncodeString(String(fnv32a('x'))));
  });
});
