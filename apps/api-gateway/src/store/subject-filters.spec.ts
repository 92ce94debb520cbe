import { expect } from 'chai';
import { coveringFilter, subjectMatches } from './subject-filters.js';

describe('subject filters', () => {
  const matches: { filter: string; subject: string; want: boolean }[] = [
    { filter: 'k.template.cm.>', subject: 'k.template.cm.default.a', want: true },
    { filter: 'k.template.cm.>', subject: 'k.template.cm', want: false },
    { filter: 'k.*.cm.default.*', subject: 'k.templatestatus.cm.default.a', want: true },
    { filter: 'k.*.cm.default.*', subject: 'k.templatestatus.cm.other.a', want: false },
    { filter: 'k.*.cm.default.*', subject: 'k.template.cm.default.a.b', want: false },
    { filter: 'k.>', subject: 'k.anything.at.all', want: true },
    { filter: 'k.a', subject: 'k.a', want: true },
    { filter: 'k.a', subject: 'k.a.b', want: false },
  ];
  for (const c of matches) {
    it(`${c.filter} ${c.want ? 'matches' : 'does not match'} ${c.subject}`, () => expect(subjectMatches(c.filter, c.subject)).to.equal(c.want));
  }

  const covering: { name: string; filters: string[]; want: string }[] = [
    { name: 'one filter', filters: ['k.template.cm.>'], want: 'k.template.cm.>' },
    { name: 'template and its status', filters: ['k.template.cm.>', 'k.templatestatus.cm.>'], want: 'k.*.cm.>' },
    { name: 'in one namespace', filters: ['k.template.cm.ns.*', 'k.templatestatus.cm.ns.*'], want: 'k.*.cm.ns.*' },
    { name: 'a cluster and its status', filters: ['k.template.clusters.>', 'k.clusterstatus.>'], want: 'k.*.>' },
    { name: 'different lengths', filters: ['a.b.c', 'a.b.c.d'], want: 'a.b.>' },
  ];
  for (const c of covering) {
    it(`covers ${c.name}`, () => {
      const filter = coveringFilter(c.filters);
      expect(filter).to.equal(c.want);
      // Anything a part's filter admits, the covering filter admits.
      for (const f of c.filters) expect(subjectMatches(filter, f.replace(/\*/g, 'x').replace(/>$/, 'y.z'))).to.equal(true);
    });
  }
});
