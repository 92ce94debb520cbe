import { expect } from 'chai';
import { parseLabelSelector } from '@karmada-ts/kube';
import { labelSelectorSql, type SqlConditions } from './label-selector-sql.js';

describe('labelSelectorSql', () => {
  const cases: { selector: string; want: SqlConditions }[] = [
    { selector: 'app=web', want: { clauses: ['l @> $3::jsonb'], params: ['{"app":"web"}'] } },
    { selector: 'app!=web', want: { clauses: ['(l ->> $3) IS DISTINCT FROM $4'], params: ['app', 'web'] } },
    { selector: 'tier in (a,b)', want: { clauses: ['(l ->> $3) = ANY($4::text[])'], params: ['tier', ['a', 'b']] } },
    { selector: 'tier notin (a)', want: { clauses: ['(l ->> $3 IS NULL OR NOT (l ->> $3) = ANY($4::text[]))'], params: ['tier', ['a']] } },
    { selector: 'app,!legacy', want: { clauses: ['l ? $3', 'NOT l ? $4'], params: ['app', 'legacy'] } },
    { selector: 'n>3', want: { clauses: [], params: [] } },
  ];
  for (const c of cases) {
    it(c.selector, () => expect(labelSelectorSql(parseLabelSelector(c.selector), 'l', 3)).to.deep.equal(c.want));
  }
});
