import { expect } from 'chai';
import { sseComment, sseEvent } from './server-sent-events.js';

describe('server-sent events', () => {
  const events: { name: string; id: string; data: unknown; want: string }[] = [
    { name: 'an object as one data line', id: '12', data: { user: 'alice' }, want: 'id: 12\ndata: {"user":"alice"}\n\n' },
    { name: 'line breaks inside strings stay escaped', id: '3', data: { name: 'a\nb' }, want: 'id: 3\ndata: {"name":"a\\nb"}\n\n' },
    { name: 'an id cannot break its line', id: '4\n5', data: 1, want: 'id: 45\ndata: 1\n\n' },
  ];
  for (const c of events) it(`event: ${c.name}`, () => expect(sseEvent(c.id, c.data)).to.equal(c.want));

  const comments: { name: string; text: string; want: string }[] = [
    { name: 'one line', text: 'heartbeat', want: ': heartbeat\n\n' },
    { name: 'each line marked', text: 'a\r\nb\nc', want: ': a\n: b\n: c\n\n' },
  ];
  for (const c of comments) it(`comment: ${c.name}`, () => expect(sseComment(c.text)).to.equal(c.want));
});
