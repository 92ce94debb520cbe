import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { clusterPrinter } from './cluster-printer.js';

const now = new Date('2026-03-01T10:00:00Z');

function cluster(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return { apiVersion: 'cluster.karmada.io/v1alpha1', kind: 'Cluster', metadata: { name: 'member1', creationTimestamp: '2026-03-01T09:58:30Z' }, spec, ...(status ? { status } : {}) };
}

const ready = (status: string) => ({ kubernetesVersion: 'v1.32.5', conditions: [{ type: 'CompleteAPIEnablements', status: 'True' }, { type: 'Ready', status }] });

const cases: { name: string; cluster: KubeObject; want: unknown[] }[] = [
  {
    name: 'a ready push cluster',
    cluster: cluster({ syncMode: 'Push', apiEndpoint: 'https://172.18.0.3:6443' }, ready('True')),
    want: ['member1', 'v1.32.5', 'Push', 'True', '90s', '<none>', '<none>', '<none>', 'https://172.18.0.3:6443', '<none>'],
  },
  { name: 'not ready', cluster: cluster({ syncMode: 'Pull' }, ready('False')), want: ['member1', 'v1.32.5', 'Pull', 'False', '90s', '<none>', '<none>', '<none>', '', '<none>'] },
  { name: 'just joined: no status', cluster: cluster({ syncMode: 'Push' }), want: ['member1', '', 'Push', 'Unknown', '90s', '<none>', '<none>', '<none>', '', '<none>'] },
  {
    name: 'wide columns',
    cluster: cluster({ syncMode: 'Push', zones: ['az-1', 'az-2'], region: 'eu-west-1', provider: 'aws', apiEndpoint: 'https://a', proxyURL: 'socks5://p:1080' }, ready('True')),
    want: ['member1', 'v1.32.5', 'Push', 'True', '90s', 'az-1,az-2', 'eu-west-1', 'aws', 'https://a', 'socks5://p:1080'],
  },
];

describe('clusterPrinter', () => {
  it('NAME VERSION MODE READY AGE, wide ZONES REGION PROVIDER API-ENDPOINT PROXY-URL', () => {
    expect(clusterPrinter.columns.map((c) => [c.name, c.priority])).to.deep.equal([
      ['Name', 0],
      ['Version', 0],
      ['Mode', 0],
      ['Ready', 0],
      ['Age', 0],
      ['Zones', 1],
      ['Region', 1],
      ['Provider', 1],
      ['API-Endpoint', 1],
      ['Proxy-URL', 1],
    ]);
  });
  for (const c of cases) it(c.name, () => expect(clusterPrinter.cells(c.cluster, now)).to.deep.equal(c.want));
});
