import { expect } from 'chai';
import type { KubeObject } from '@karmada-ts/kube';
import { withoutFinalizer } from './release-finalizer.js';

const object = (finalizers: string[]): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', uid: 'u1', finalizers } });

describe('withoutFinalizer', () => {
  const cases: { name: string; finalizers: string[]; release: { finalizer: string; uid?: string }; want: string[] | undefined }[] = [
    { name: 'removes the released finalizer', finalizers: ['a.io/x', 'b.io/y'], release: { finalizer: 'a.io/x' }, want: ['b.io/y'] },
    { name: 'removes the last one', finalizers: ['a.io/x'], release: { finalizer: 'a.io/x', uid: 'u1' }, want: [] },
    { name: 'nothing when already released', finalizers: ['b.io/y'], release: { finalizer: 'a.io/x' }, want: undefined },
    { name: 'nothing for an earlier object of that name', finalizers: ['a.io/x'], release: { finalizer: 'a.io/x', uid: 'u0' }, want: undefined },
  ];
  for (const c of cases) it(c.name, () => expect(withoutFinalizer(object(c.finalizers), c.release)?.metadata.finalizers).to.deep.equal(c.want));
});
