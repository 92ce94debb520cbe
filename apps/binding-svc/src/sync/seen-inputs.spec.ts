import { expect } from 'chai';
import { SeenInputs, type BindingInput, type InputSequences } from './seen-inputs.js';

describe('SeenInputs', () => {
  const read: InputSequences = { binding: 10, placement: 12, template: 8 };
  const cases: { name: string; recorded: InputSequences[]; binding?: string; input: BindingInput | undefined; seq: number; covers: boolean }[] = [
    { name: 'an event of the binding older than the row read', recorded: [read], input: 'binding', seq: 9, covers: true },
    { name: 'the event that wrote the placement row read', recorded: [read], input: 'placement', seq: 12, covers: true },
    { name: 'a template event newer than the row read', recorded: [read], input: 'template', seq: 9, covers: false },
    { name: 'an event of no input of the binding', recorded: [read], input: undefined, seq: 1, covers: false },
    { name: 'an event of a binding never reconciled', recorded: [], input: 'binding', seq: 1, covers: false },
    { name: 'an event of another binding', recorded: [read], binding: 'default/other', input: 'binding', seq: 1, covers: false },
    {
      name: 'the newest row of each input over two reconciles',
      recorded: [read, { binding: 11, placement: 0, template: 8 }],
      input: 'placement',
      seq: 12,
      covers: true,
    },
    { name: 'a placement event when no placement row was read', recorded: [{ binding: 10, placement: 0, template: 8 }], input: 'placement', seq: 12, covers: false },
  ];
  for (const { name, recorded, binding, input, seq, covers } of cases) {
    it(`${covers ? 'covers' : 'does not cover'} ${name}`, () => {
      const seen = new SeenInputs();
      for (const inputs of recorded) seen.record('default/nginx', inputs);
      expect(seen.covers(binding ?? 'default/nginx', input, seq)).to.equal(covers);
    });
  }
});
