import { expect } from 'chai';
import { decideWrite, type TemplateState, type WriteDecision, type WriteIntent } from './decide-write.js';

const never: TemplateState = { seq: 0, exists: false, resourceVersion: '' };
const deleted: TemplateState = { seq: 7, exists: false, resourceVersion: '' };
const live: TemplateState = { seq: 7, exists: true, resourceVersion: '7' };
/** The status part (seq 9) is newer than the template (seq 7): the object is served at 9, appended at 7. */
const withNewerStatus: TemplateState = { seq: 7, exists: true, resourceVersion: '9' };

const cases: { name: string; intent: WriteIntent; state: TemplateState; want: WriteDecision }[] = [
  { name: 'create a new object', intent: { op: 'create' }, state: never, want: { ok: true, event: 'ResourceCreated', expectedSeq: 0 } },
  { name: 'create again after a deletion', intent: { op: 'create' }, state: deleted, want: { ok: true, event: 'ResourceCreated', expectedSeq: 7 } },
  { name: 'create an existing object', intent: { op: 'create' }, state: live, want: { ok: false, reason: 'AlreadyExists' } },
  { name: 'update without a precondition', intent: { op: 'update' }, state: live, want: { ok: true, event: 'ResourceUpdated', expectedSeq: 7 } },
  { name: 'update at the current version', intent: { op: 'update', expectedResourceVersion: '7' }, state: live, want: { ok: true, event: 'ResourceUpdated', expectedSeq: 7 } },
  { name: 'update at a stale version', intent: { op: 'update', expectedResourceVersion: '6' }, state: live, want: { ok: false, reason: 'Conflict' } },
  {
    name: 'update at the served version of a merged object',
    intent: { op: 'update', expectedResourceVersion: '9' },
    state: withNewerStatus,
    want: { ok: true, event: 'ResourceUpdated', expectedSeq: 7 },
  },
  {
    name: 'update at the template version when a newer status is served',
    intent: { op: 'update', expectedResourceVersion: '7' },
    state: withNewerStatus,
    want: { ok: false, reason: 'Conflict' },
  },
  { name: 'update a missing object', intent: { op: 'update' }, state: never, want: { ok: false, reason: 'NotFound' } },
  { name: 'update a deleted object', intent: { op: 'update', expectedResourceVersion: '7' }, state: deleted, want: { ok: false, reason: 'NotFound' } },
  { name: 'delete', intent: { op: 'delete' }, state: live, want: { ok: true, event: 'ResourceDeleted', expectedSeq: 7 } },
  { name: 'delete at a stale version', intent: { op: 'delete', expectedResourceVersion: '3' }, state: live, want: { ok: false, reason: 'Conflict' } },
  { name: 'delete a deleted object', intent: { op: 'delete' }, state: deleted, want: { ok: false, reason: 'NotFound' } },
];

describe('decideWrite', () => {
  for (const c of cases) it(c.name, () => expect(decideWrite(c.intent, c.state)).to.deep.equal(c.want));
});
