import { expect } from 'chai';
import { SubjectMemory } from './subject-memory.js';

type Step =
  | { readonly append: string; readonly seq: number; readonly settled: boolean }
  | { readonly decide: string; readonly reconcile: number | undefined };

interface Remembered {
  readonly appended: number;
  readonly settled: number;
  readonly decidedBy: number | undefined;
}

describe('SubjectMemory', () => {
  const nothing: Remembered = { appended: 0, settled: 0, decidedBy: undefined };
  const cases: { name: string; limit?: number; steps: Step[]; expected: Record<string, Remembered> }[] = [
    { name: 'a subject never written', steps: [], expected: { a: nothing } },
    {
      name: 'an append not settled',
      steps: [{ append: 'a', seq: 4, settled: false }],
      expected: { a: { appended: 4, settled: 0, decidedBy: undefined }, b: nothing },
    },
    {
      name: 'a settled append',
      steps: [{ append: 'a', seq: 4, settled: true }],
      expected: { a: { appended: 4, settled: 4, decidedBy: undefined } },
    },
    {
      name: 'an older append after a newer one',
      steps: [
        { append: 'a', seq: 9, settled: true },
        { append: 'a', seq: 5, settled: true },
      ],
      expected: { a: { appended: 9, settled: 9, decidedBy: undefined } },
    },
    {
      name: 'a newer append not settled after a settled one',
      steps: [
        { append: 'a', seq: 5, settled: true },
        { append: 'a', seq: 9, settled: false },
      ],
      expected: { a: { appended: 9, settled: 5, decidedBy: undefined } },
    },
    {
      name: 'a settled decision, then one that was not',
      steps: [
        { decide: 'a', reconcile: 3 },
        { append: 'a', seq: 2, settled: true },
        { decide: 'b', reconcile: 3 },
        { decide: 'b', reconcile: undefined },
      ],
      expected: { a: { appended: 2, settled: 2, decidedBy: 3 }, b: nothing },
    },
    {
      name: 'a decision not settled on a subject never written',
      steps: [{ decide: 'a', reconcile: undefined }],
      expected: { a: nothing },
    },
    {
      name: 'the least recently written subjects forgotten beyond the limit, each with all it held',
      limit: 2,
      steps: [
        { append: 'a', seq: 1, settled: true },
        { decide: 'a', reconcile: 7 },
        { append: 'b', seq: 2, settled: true },
        { append: 'a', seq: 3, settled: false },
        { append: 'c', seq: 4, settled: true },
      ],
      expected: { a: { appended: 3, settled: 1, decidedBy: 7 }, b: nothing, c: { appended: 4, settled: 4, decidedBy: undefined } },
    },
  ];
  for (const c of cases) {
    it(`remembers ${c.name}`, () => {
      const memory = new SubjectMemory(c.limit ?? 100);
      for (const step of c.steps) {
        if ('append' in step) memory.appendedAt(step.append, step.seq, step.settled);
        else memory.decided(step.decide, step.reconcile);
      }
      for (const [subject, expected] of Object.entries(c.expected)) {
        const remembered = { appended: memory.appended(subject), settled: memory.settled(subject), decidedBy: memory.decidedBy(subject) };
        expect(remembered, subject).to.deep.equal(expected);
      }
    });
  }
});
