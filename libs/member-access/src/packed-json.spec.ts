import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/domain';
import { packChunkBytes, packJson, unpackChunkBytes, unpackJson } from './packed-json.js';

/** A Deployment as a member holds it once Karmada applied it and the member's controllers reported on it. */
function appliedDeployment(name: string): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace: 'shop',
      uid: '7c1d8e2a-35f0-4b8e-9d2c-0a5f3e6b9c41',
      resourceVersion: '48213',
      generation: 3,
      creationTimestamp: '2026-11-26T09:12:44Z',
      labels: { app: name, 'karmada.io/managed': 'true', 'work.karmada.io/permanent-id': 'f2b9a0c4-6d1e-5a3b-8c7f-1e2d3c4b5a69' },
      annotations: {
        'work.karmada.io/name': `${name}-6b7f9c5d8`,
        'work.karmada.io/namespace': 'karmada-es-member-eu-1',
        'resourcetemplate.karmada.io/uid': '0d4e6f8a-1b2c-4d3e-9f5a-7b8c9d0e1f2a',
        'work.karmada.io/conflict-resolution': 'abort',
        'resourcetemplate.karmada.io/managed-labels': 'app,karmada.io/managed,work.karmada.io/permanent-id',
        'resourcetemplate.karmada.io/managed-annotations':
          'resourcetemplate.karmada.io/managed-annotations,resourcetemplate.karmada.io/managed-labels,resourcetemplate.karmada.io/uid,work.karmada.io/conflict-resolution,work.karmada.io/name,work.karmada.io/namespace',
      },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'registry.example.com/shop/web:2.4.1', ports: [{ containerPort: 8080 }] }] },
      },
    },
    status: { observedGeneration: 3, replicas: 3, readyReplicas: 2, availableReplicas: 2, updatedReplicas: 3 },
  };
}

describe('packJson / unpackJson (how informers keep member objects that stopped changing)', () => {
  const cases: { name: string; object: KubeObject }[] = [
    { name: 'an applied Deployment with its status', object: appliedDeployment('checkout') },
    { name: 'a ConfigMap with text outside ASCII', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'greetings' }, data: { fr: 'déjà vu', ja: 'こんにちは', emoji: '🚀 — ✓' } } },
    { name: 'a Secret with base64 data', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'a' }, type: 'Opaque', data: { token: 'c2VjcmV0LXZhbHVl' } } },
    { name: 'an object of a kind the dictionary knows nothing of', object: { apiVersion: 'example.io/v1alpha1', kind: 'Widget', metadata: { name: 'w' }, spec: { sizes: [1, 2.5, -3], on: false, none: null } } },
    { name: 'an object with empty strings, arrays and maps', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '', labels: {} }, data: { '': '' }, list: [] } as unknown as KubeObject },
  ];
  for (const c of cases) {
    it(`gives back ${c.name} as it was`, () => {
      expect(JSON.parse(unpackJson(packJson(JSON.stringify(c.object))))).to.deep.equal(c.object);
    });
  }

  it('keeps an applied Deployment in a third of its JSON or less', () => {
    const json = JSON.stringify(appliedDeployment('payments'));
    expect(packJson(json).length).to.be.below(json.length / 3);
  });

  it('packs and unpacks an applied Deployment within one output buffer of zlib each', () => {
    const json = JSON.stringify(appliedDeployment('payments'));
    expect(packJson(json).length).to.be.at.most(packChunkBytes);
    expect(Buffer.byteLength(json)).to.be.at.most(unpackChunkBytes);
  });

  it('gives back an object whose packed and unpacked forms take many output buffers', () => {
    // Digits in no pattern that deflate could shorten much: the packed form is larger than several buffers too.
    let seed = 7;
    const digits = Array.from({ length: 12 * unpackChunkBytes }, () => ((seed = (seed * 48271) % 2147483647) % 10).toString()).join('');
    const object: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'large', namespace: 'a' }, data: { digits } };
    const packed = packJson(JSON.stringify(object));
    expect(packed.length).to.be.above(4 * packChunkBytes);
    expect(JSON.parse(unpackJson(packed))).to.deep.equal(object);
  });

  it('packs into a one-byte string (no character above U+00FF)', () => {
    const packed = packJson(JSON.stringify(cases[1]!.object));
    expect([...packed].every((ch) => ch.charCodeAt(0) <= 0xff)).to.equal(true);
  });
});
