import { expect } from 'chai';
import type { StoredEvent } from '@karmada-ts/eventstore';
import type { BindingInput } from './seen-inputs.js';
import { SyncRequests } from './sync-requests.js';

const event = (seq: number): StoredEvent => ({ seq }) as StoredEvent;
const nginx = { namespace: 'default', name: 'nginx-deployment' };

describe('SyncRequests', () => {
  const cases: { name: string; asked: [number, 'works' | 'status', BindingInput | undefined][]; seq: number; scope: 'works' | 'status'; input: BindingInput | undefined }[] = [
    { name: 'one cause of an input', asked: [[5, 'works', 'placement']], seq: 5, scope: 'works', input: 'placement' },
    { name: 'two causes of one input: the newest', asked: [[5, 'works', 'binding'], [7, 'works', 'binding']], seq: 7, scope: 'works', input: 'binding' },
    { name: 'causes of two inputs: none', asked: [[5, 'works', 'binding'], [7, 'works', 'template']], seq: 7, scope: 'works', input: undefined },
    { name: 'a cause of an input and one of none: none', asked: [[9, 'works', 'template'], [7, 'works', undefined]], seq: 9, scope: 'works', input: undefined },
    { name: 'a status cause, then a cause of an input: works', asked: [[3, 'status', undefined], [4, 'works', 'binding']], seq: 4, scope: 'works', input: undefined },
  ];
  for (const { name, asked, seq, scope, input } of cases) {
    it(`merges ${name}`, () => {
      const requests = new SyncRequests();
      for (const [at, askedScope, askedInput] of asked) requests.binding(nginx, event(at), askedScope, askedInput);
      const [request, ...others] = requests.bindings;
      expect(others).to.deep.equal([]);
      expect({ seq: request!.cause.seq, scope: request!.scope, input: request!.input }).to.deep.equal({ seq, scope, input });
    });
  }
});
