import { expect } from 'chai';
import { badRequestOf } from '../../test/bad-request.js';
import { decodeContinueToken, encodeContinueToken } from './audit-cursor.js';
import { parseAuditListQuery, parseAuditStreamQuery, type AuditListQuery } from './audit-list-query.js';

describe('audit list and stream queries', () => {
  const token = encodeContinueToken(42);
  const lists: { name: string; query: string; want: AuditListQuery }[] = [
    { name: 'the defaults', query: '', want: { filter: {}, limit: 100 } },
    { name: 'a limit', query: 'limit=5', want: { filter: {}, limit: 5 } },
    { name: 'the largest limit', query: 'limit=1000', want: { filter: {}, limit: 1000 } },
    { name: 'a continue token with filters', query: `user=bob&limit=2&continue=${token}`, want: { filter: { user: 'bob' }, limit: 2, before: 42 } },
  ];
  for (const c of lists) it(`list: ${c.name}`, () => expect(parseAuditListQuery(new URLSearchParams(c.query))).to.deep.equal(c.want));

  const badLists: { name: string; query: string; message: RegExp }[] = [
    { name: 'limit 0', query: 'limit=0', message: /limit="0" is not valid: use an integer from 1 to 1000 \(default 100\)/ },
    { name: 'a limit above the maximum', query: 'limit=1001', message: /limit="1001" is not valid/ },
    { name: 'a limit that is not a number', query: 'limit=ten', message: /limit="ten" is not valid/ },
    { name: 'a negative limit', query: 'limit=-1', message: /limit="-1" is not valid/ },
    { name: 'a fractional limit', query: 'limit=2.5', message: /limit="2.5" is not valid/ },
    { name: 'a continue token that is not one', query: 'continue=abc', message: /the continue token is not valid: pass the metadata.continue of the previous page unchanged/ },
    { name: 'an unknown parameter beside a limit', query: 'limit=1&unknown=1', message: /unknown query parameter "unknown"/ },
  ];
  for (const c of badLists) it(`list refuses ${c.name}`, () => expect(badRequestOf(() => parseAuditListQuery(new URLSearchParams(c.query)))).to.match(c.message));

  const streams: { name: string; query: string; lastEventId: string | string[] | undefined; want: object }[] = [
    { name: 'from now', query: 'kind=Secret', lastEventId: undefined, want: { filter: { kind: 'Secret' } } },
    { name: 'an empty Last-Event-ID is none', query: '', lastEventId: '', want: { filter: {} } },
    { name: 'resuming after an event', query: '', lastEventId: '17', want: { filter: {}, after: 17 } },
    { name: 'resuming from the start', query: '', lastEventId: '0', want: { filter: {}, after: 0 } },
  ];
  for (const c of streams) it(`stream: ${c.name}`, () => expect(parseAuditStreamQuery(new URLSearchParams(c.query), c.lastEventId)).to.deep.equal(c.want));

  const badStreams: { name: string; query: string; lastEventId: string | string[] | undefined; message: RegExp }[] = [
    { name: 'a limit (the stream is not paged)', query: 'limit=5', lastEventId: undefined, message: /unknown query parameter "limit"/ },
    { name: 'a Last-Event-ID that is not a resourceVersion', query: '', lastEventId: 'abc', message: /Last-Event-ID "abc" is not valid: send the id of the last event received/ },
    { name: 'a negative Last-Event-ID', query: '', lastEventId: '-3', message: /Last-Event-ID "-3" is not valid/ },
    { name: 'two Last-Event-IDs', query: '', lastEventId: ['1', '2'], message: /Last-Event-ID "1,2" is not valid/ },
  ];
  for (const c of badStreams) {
    it(`stream refuses ${c.name}`, () => expect(badRequestOf(() => parseAuditStreamQuery(new URLSearchParams(c.query), c.lastEventId))).to.match(c.message));
  }

  const tokens: { name: string; token: string }[] = [
    { name: 'not base64url', token: 'a+b/c' },
    { name: 'not JSON', token: Buffer.from('{').toString('base64url') },
    { name: 'JSON without a position', token: Buffer.from('{}').toString('base64url') },
    { name: 'a position that is not a number', token: Buffer.from('{"before":"5"}').toString('base64url') },
    { name: 'a position below 1', token: Buffer.from('{"before":0}').toString('base64url') },
    { name: 'a fractional position', token: Buffer.from('{"before":1.5}').toString('base64url') },
    { name: 'JSON null', token: Buffer.from('null').toString('base64url') },
  ];
  for (const c of tokens) it(`continue token refused: ${c.name}`, () => expect(badRequestOf(() => decodeContinueToken(c.token))).to.match(/continue token is not valid/));
  it('a continue token decodes to the position it was made from', () => expect(decodeContinueToken(encodeContinueToken(123456789))).to.equal(123456789));
});
